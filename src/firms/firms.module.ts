// Authorised firms and their licences (with history), read by citizens, banks and the check.
import { Module } from '@nestjs/common';
import { FirmsController } from './firms.controller.js';
import { FirmsRepository } from './firms.repository.js';
import { FirmsService } from './firms.service.js';

@Module({ controllers: [FirmsController], providers: [FirmsService, FirmsRepository], exports: [FirmsService] })
export class FirmsModule {}
