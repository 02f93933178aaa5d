// Blocked entities over HTTP: the public records and the operators' routes.
import { Module } from '@nestjs/common';
import { IdempotencyModule } from '../idempotency/idempotency.module.js';
import { BlockedEntitiesAdminController } from './blocked-entities.admin.controller.js';
import { BlockedEntitiesController } from './blocked-entities.controller.js';
import { BlockedEntitiesModule } from './blocked-entities.module.js';

@Module({
  imports: [BlockedEntitiesModule, IdempotencyModule],
  controllers: [BlockedEntitiesController, BlockedEntitiesAdminController],
})
export class BlockedEntitiesHttpModule {}
