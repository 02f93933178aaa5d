// The registry without its HTTP face: configuration, the database, and every record's services. The CLI starts this
// alone; the server's AppModule adds the controllers on top of it.
import { type DynamicModule, Module } from '@nestjs/common';
import { ApiKeysModule } from './api-keys/api-keys.module.js';
import { AuditModule } from './audit/audit.module.js';
import { BlockedEntitiesModule } from './blocked-entities/blocked-entities.module.js';
import { BlocklistModule } from './blocklist/blocklist.module.js';
import type { AppConfig } from './config/app-config.js';
import { ConfigModule } from './config/config.module.js';
import { ENTITIES } from './entities.js';
import { FirmsModule } from './firms/firms.module.js';
import { DatabaseModule } from './platform/database/database.module.js';
import { SigningModule } from './platform/signing/signing.module.js';
import { WarningsModule } from './warnings/warnings.module.js';

@Module({})
export class CoreModule {
  /** Connecting applies pending migrations, as the server does on start. */
  static register(config: AppConfig, databaseUrl: string, migrationUrl?: string): DynamicModule {
    return {
      module: CoreModule,
      imports: [
        ConfigModule.register(config),
        DatabaseModule.register(databaseUrl, ENTITIES, migrationUrl),
        SigningModule,
        AuditModule,
        ApiKeysModule,
        FirmsModule,
        BlockedEntitiesModule,
        BlocklistModule,
        WarningsModule,
      ],
    };
  }
}
