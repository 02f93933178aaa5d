// Operators' API keys: hashes only, scoped, expiring, revocable.
import { Module } from '@nestjs/common';
import { KEYED_RATE_LIMITS } from '../platform/http/rate-limit.js';
import { AuditModule } from '../audit/audit.module.js';
import { ApiKeysRepository } from './api-keys.repository.js';
import { ApiKeysService } from './api-keys.service.js';

@Module({
  imports: [AuditModule],
  // The keys' own rate limits, for the platform's request hook (which knows no feature, only this token).
  providers: [ApiKeysService, ApiKeysRepository, { provide: KEYED_RATE_LIMITS, useExisting: ApiKeysService }],
  exports: [ApiKeysService, KEYED_RATE_LIMITS],
})
export class ApiKeysModule {}
