// The blocklist ISPs enforce: entries (domain, URL, IP, CIDR) added and removed under a gap-free serial.
import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { BlockedEntitiesModule } from '../blocked-entities/blocked-entities.module.js';
import { FirmsModule } from '../firms/firms.module.js';
import { BlocklistAdminService } from './blocklist-admin.service.js';
import { BlocklistRepository } from './blocklist.repository.js';
import { BlocklistService } from './blocklist.service.js';

@Module({
  imports: [FirmsModule, BlockedEntitiesModule, AuditModule],
  providers: [BlocklistService, BlocklistAdminService, BlocklistRepository],
  exports: [BlocklistService, BlocklistAdminService],
})
export class BlocklistModule {}
