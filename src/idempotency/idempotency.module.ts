// Idempotency-Key support for creating requests: the first result is stored and replayed on retry.
import { Global, Module } from '@nestjs/common';
import { IdempotencyInterceptor } from './idempotency.interceptor.js';
import { IdempotencyRepository } from './idempotency.repository.js';

@Global()
@Module({ providers: [IdempotencyInterceptor, IdempotencyRepository], exports: [IdempotencyInterceptor, IdempotencyRepository] })
export class IdempotencyModule {}
