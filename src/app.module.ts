import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { CheckModule } from './check/check.module.js';
import type { AppConfig } from './config/app-config.js';
import { DemoModule } from './demo/demo.module.js';
import { HealthModule } from './platform/health/health.module.js';
import { ProblemFilter } from './platform/http/problem.filter.js';
import { LoggingModule } from './platform/logging/logging.module.js';
import { RegistryModule } from './registry.module.js';

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
        RegistryModule.register(config, databaseUrl),
        LoggingModule,
        HealthModule,
        CheckModule,
        DemoModule,
      ],
      providers: [{ provide: APP_FILTER, useClass: ProblemFilter }],
    };
  }
}
