// Idempotency-Key support for creating requests: the first result, stored in the write's own transaction, is replayed
// on retry; records are purged after IDEMPOTENCY_TTL_HOURS.
import { Module } from '@nestjs/common';
import { IdempotencyInterceptor } from './idempotency.interceptor.js';
import { IdempotencyRepository } from './idempotency.repository.js';
import { IdempotencyPurger } from './idempotency-purger.js';

@Module({
  providers: [IdempotencyInterceptor, IdempotencyRepository, IdempotencyPurger],
  exports: [IdempotencyInterceptor, IdempotencyRepository],
})
export class IdempotencyModule {}
