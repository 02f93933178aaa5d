// Entities blocked by state authorities: who, by whom, on what legal basis, when, and whether lifted.
import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { BlocklistModule } from '../blocklist/blocklist.module.js';
import { BlockedEntitiesAdminService } from './blocked-entities-admin.service.js';
import { BlockedEntitiesAdminController } from './blocked-entities.admin.controller.js';
import { BlockedEntitiesController } from './blocked-entities.controller.js';
import { BlockedEntitiesRepository } from './blocked-entities.repository.js';
import { BlockedEntitiesService } from './blocked-entities.service.js';

@Module({
  imports: [AuditModule, BlocklistModule],
  controllers: [BlockedEntitiesController, BlockedEntitiesAdminController],
  providers: [BlockedEntitiesService, BlockedEntitiesAdminService, BlockedEntitiesRepository],
  exports: [BlockedEntitiesService],
})
export class BlockedEntitiesModule {}
