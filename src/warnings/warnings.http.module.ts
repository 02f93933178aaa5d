// Warnings over HTTP: the public records and the operators' routes.
import { Module } from '@nestjs/common';
import { IdempotencyModule } from '../idempotency/idempotency.module.js';
import { WarningsAdminController } from './warnings.admin.controller.js';
import { WarningsController } from './warnings.controller.js';
import { WarningsModule } from './warnings.module.js';

@Module({
  imports: [WarningsModule, IdempotencyModule],
  controllers: [WarningsController, WarningsAdminController],
})
export class WarningsHttpModule {}
