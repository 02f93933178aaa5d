// Entities blocked by state authorities: who, by whom, on what legal basis, when, and whether lifted.
import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { BlockedEntitiesAdminService } from './blocked-entities-admin.service.js';
import { BlockedEntitiesRepository } from './blocked-entities.repository.js';
import { BlockedEntitiesService } from './blocked-entities.service.js';

@Module({
  imports: [AuditModule],
  providers: [BlockedEntitiesService, BlockedEntitiesAdminService, BlockedEntitiesRepository],
  exports: [BlockedEntitiesService, BlockedEntitiesAdminService],
})
export class BlockedEntitiesModule {}
