// Firms over HTTP: the public records and the operators' routes.
import { Module } from '@nestjs/common';
import { IdempotencyModule } from '../idempotency/idempotency.module.js';
import { FirmsAdminController } from './firms.admin.controller.js';
import { FirmsController } from './firms.controller.js';
import { FirmsModule } from './firms.module.js';

@Module({ imports: [FirmsModule, IdempotencyModule], controllers: [FirmsController, FirmsAdminController] })
export class FirmsHttpModule {}
