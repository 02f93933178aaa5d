import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { ApiKeysModule } from './api-keys/api-keys.module.js';
import { AuditModule } from './audit/audit.module.js';
import { IdempotencyModule } from './idempotency/idempotency.module.js';
import { BlockedEntitiesModule } from './blocked-entities/blocked-entities.module.js';
import { BlocklistModule } from './blocklist/blocklist.module.js';
import { CheckModule } from './check/check.module.js';
import type { AppConfig } from './config/app-config.js';
import { ConfigModule } from './config/config.module.js';
import { DemoModule } from './demo/demo.module.js';
import { FirmsModule } from './firms/firms.module.js';
import { DatabaseModule } from './platform/database/database.module.js';
import { HealthModule } from './platform/health/health.module.js';
import { ProblemFilter } from './platform/http/problem.filter.js';
import { LoggingModule } from './platform/logging/logging.module.js';

export interface AppOptions {
  config: AppConfig;
  databaseUrl: string;
}

@Module({})
export class AppModule {
  static register({ config, databaseUrl }: AppOptions): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.register(config),
        LoggingModule,
        DatabaseModule.register(databaseUrl),
        HealthModule,
        AuditModule,
        ApiKeysModule,
        IdempotencyModule,
        FirmsModule,
        BlockedEntitiesModule,
        BlocklistModule,
        CheckModule,
        DemoModule,
      ],
      providers: [{ provide: APP_FILTER, useClass: ProblemFilter }],
    };
  }
}
