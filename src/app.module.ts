// The server: the core registry, its HTTP controllers, the check, probes, logs, metrics, Redis (with REDIS_URL), demo
// data and the one error filter.
import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { ApiKeysHttpModule } from './api-keys/api-keys.http.module.js';
import { AuditHttpModule } from './audit/audit.http.module.js';
import { BlockedEntitiesHttpModule } from './blocked-entities/blocked-entities.http.module.js';
import { BlocklistHttpModule } from './blocklist/blocklist.http.module.js';
import { CheckModule } from './check/check.module.js';
import type { AppConfig } from './config/app-config.js';
import { CoreModule } from './core.module.js';
import { DemoModule } from './demo/demo.module.js';
import { FirmsHttpModule } from './firms/firms.http.module.js';
import { HealthModule } from './platform/health/health.module.js';
import { ProblemFilter } from './platform/http/problem.filter.js';
import { LoggingModule } from './platform/logging/logging.module.js';
import { MetricsModule } from './platform/metrics/metrics.module.js';
import { RedisModule } from './platform/redis/redis.module.js';
import { SigningHttpModule } from './platform/signing/signing.http.module.js';
import { WarningsHttpModule } from './warnings/warnings.http.module.js';
import { ReportsHttpModule } from './reports/reports.http.module.js';
import { StatisticsModule } from './statistics/statistics.module.js';
import { ReceiptsHttpModule } from './verification/receipts/receipts.http.module.js';
import { VerificationModule } from './verification/verification.module.js';
import { WebModule } from './web/web.module.js';

export interface AppOptions {
  config: AppConfig;
  databaseUrl: string;
  /** The schema owner's credentials, for the migrations at start; unset: databaseUrl migrates too. */
  migrationDatabaseUrl?: string;
}

@Module({})
export class AppModule {
  static register({ config, databaseUrl, migrationDatabaseUrl }: AppOptions): DynamicModule {
    return {
      module: AppModule,
      imports: [
        CoreModule.register(config, databaseUrl, migrationDatabaseUrl),
        LoggingModule,
        MetricsModule,
        RedisModule,
        HealthModule,
        SigningHttpModule,
        ApiKeysHttpModule,
        AuditHttpModule,
        FirmsHttpModule,
        BlockedEntitiesHttpModule,
        BlocklistHttpModule,
        WarningsHttpModule,
        CheckModule,
        ReportsHttpModule,
        VerificationModule,
        ReceiptsHttpModule,
        StatisticsModule,
        WebModule,
        DemoModule,
      ],
      providers: [{ provide: APP_FILTER, useClass: ProblemFilter }],
    };
  }
}
