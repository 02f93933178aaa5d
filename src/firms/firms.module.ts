// Authorised firms and their licences (with history), read by citizens, banks and the check.
import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { FirmsAdminService } from './firms-admin.service.js';
import { FirmsAdminController } from './firms.admin.controller.js';
import { FirmsController } from './firms.controller.js';
import { FirmsRepository } from './firms.repository.js';
import { FirmsService } from './firms.service.js';

@Module({
  imports: [AuditModule],
  controllers: [FirmsController, FirmsAdminController],
  providers: [FirmsService, FirmsAdminService, FirmsRepository],
  exports: [FirmsService],
})
export class FirmsModule {}
