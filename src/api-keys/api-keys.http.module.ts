// The API-key gate in front of every route (default deny), and the operators' routes for keys.
import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ApiKeyGuard } from './api-key.guard.js';
import { ApiKeysAdminController } from './api-keys.admin.controller.js';
import { ApiKeysModule } from './api-keys.module.js';

@Module({
  imports: [ApiKeysModule],
  controllers: [ApiKeysAdminController],
  providers: [{ provide: APP_GUARD, useClass: ApiKeyGuard }],
})
export class ApiKeysHttpModule {}
