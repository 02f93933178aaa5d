// The blocklist over HTTP: entries in force and publications for everyone, bulk writes for operators.
import { Module } from '@nestjs/common';
import { IdempotencyModule } from '../idempotency/idempotency.module.js';
import { BlocklistAdminController } from './blocklist.admin.controller.js';
import { BlocklistController } from './blocklist.controller.js';
import { BlocklistModule } from './blocklist.module.js';
import { PublicationsModule } from './publications/publications.module.js';

@Module({ imports: [BlocklistModule, IdempotencyModule, PublicationsModule], controllers: [BlocklistController, BlocklistAdminController] })
export class BlocklistHttpModule {}
