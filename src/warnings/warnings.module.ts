// Regulators' public warnings that named brands are not licensed (AFSA's warning on unlicensed platforms).
import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { FirmsModule } from '../firms/firms.module.js';
import { WarningsAdminService } from './warnings-admin.service.js';
import { WarningsRepository } from './warnings.repository.js';
import { WarningsService } from './warnings.service.js';

@Module({
  imports: [AuditModule, FirmsModule],
  providers: [WarningsService, WarningsAdminService, WarningsRepository],
  exports: [WarningsService, WarningsAdminService],
})
export class WarningsModule {}
