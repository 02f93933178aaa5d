// Authorised firms and their licences (with history), read by citizens, banks and the check.
import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { FirmsAdminService } from './firms-admin.service.js';
import { FirmsRepository } from './firms.repository.js';
import { FirmsService } from './firms.service.js';

@Module({
  imports: [AuditModule],
  providers: [FirmsService, FirmsAdminService, FirmsRepository],
  exports: [FirmsService, FirmsAdminService],
})
export class FirmsModule {}
