// Operators' API keys (hashes only, scoped, expiring, revocable) and the guard every admin route uses.
import { Global, Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { ApiKeyGuard } from './api-key.guard.js';
import { ApiKeysAdminController } from './api-keys.admin.controller.js';
import { ApiKeysRepository } from './api-keys.repository.js';
import { ApiKeysService } from './api-keys.service.js';

@Global()
@Module({
  imports: [AuditModule],
  controllers: [ApiKeysAdminController],
  providers: [ApiKeysService, ApiKeysRepository, ApiKeyGuard],
  exports: [ApiKeysService, ApiKeyGuard],
})
export class ApiKeysModule {}
