// The registry's own modules: what the server serves over HTTP and the CLI's commands work through, so every write is
// validated and audited the same way by both.
import { type DynamicModule, Module } from '@nestjs/common';
import { ApiKeysModule } from './api-keys/api-keys.module.js';
import { AuditModule } from './audit/audit.module.js';
import { BlockedEntitiesModule } from './blocked-entities/blocked-entities.module.js';
import { BlocklistModule } from './blocklist/blocklist.module.js';
import type { AppConfig } from './config/app-config.js';
import { ConfigModule } from './config/config.module.js';
import { FirmsModule } from './firms/firms.module.js';
import { IdempotencyModule } from './idempotency/idempotency.module.js';
import { DatabaseModule } from './platform/database/database.module.js';

@Module({})
export class RegistryModule {
  /** Connecting applies pending migrations, as the server does on start. */
  static register(config: AppConfig, databaseUrl: string): DynamicModule {
    return {
      module: RegistryModule,
      imports: [
        ConfigModule.register(config),
        DatabaseModule.register(databaseUrl),
        AuditModule,
        ApiKeysModule,
        // The feature modules' controllers are instantiated in the CLI too (unused there); they need these.
        IdempotencyModule,
        FirmsModule,
        BlockedEntitiesModule,
        BlocklistModule,
      ],
    };
  }
}
