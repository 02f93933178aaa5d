// Entities blocked by state authorities: who, by whom, on what legal basis, when, and whether lifted.
import { Module } from '@nestjs/common';
import { BlockedEntitiesController } from './blocked-entities.controller.js';
import { BlockedEntitiesRepository } from './blocked-entities.repository.js';
import { BlockedEntitiesService } from './blocked-entities.service.js';

@Module({
  controllers: [BlockedEntitiesController],
  providers: [BlockedEntitiesService, BlockedEntitiesRepository],
  exports: [BlockedEntitiesService],
})
export class BlockedEntitiesModule {}
