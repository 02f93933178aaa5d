// The TypeORM connection (migrations applied on start, never synchronize), transactions and change notifications.
import { type DynamicModule, Global, Logger, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import { databaseTimeouts, dataSourceOptions, type EntityList, migrateDatabase } from './data-source.js';
import { excessPrivileges } from './database-roles.js';
import { RegistryChangesService } from './registry-changes.service.js';
import { TransactionRunner } from './transactions.js';

@Global()
@Module({})
export class DatabaseModule {
  /** `migrationUrl`: the schema owner's credentials (MIGRATION_DATABASE_URL); unset, `databaseUrl` migrates too. */
  static register(databaseUrl: string, entities: EntityList, migrationUrl = databaseUrl): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRootAsync({
          inject: [APP_CONFIG],
          useFactory: async (config: AppConfig) => {
            await migrateDatabase(migrationUrl, entities, config.DATABASE_CONNECT_TIMEOUT_MS);
            await warnIfOverprivileged(databaseUrl);
            return {
              ...dataSourceOptions(databaseUrl, entities, databaseTimeouts(config)),
              // Start-up has already waited for the database (main.ts): a failure now is reported at once, not
              // retried ten times over half a minute.
              toRetry: () => false,
            };
          },
        }),
      ],
      providers: [RegistryChangesService, TransactionRunner],
      exports: [RegistryChangesService, TransactionRunner],
    };
  }
}

/**
 * A service role with more than its grants is allowed (an operator who manages roles themselves, or one URL that both
 * migrates and serves as before the two roles), but a service that could disable the audit trail's triggers or
 * re-hash it is said so once at start.
 */
async function warnIfOverprivileged(url: string): Promise<void> {
  const excess = await excessPrivileges(url);
  if (excess.length === 0) return;
  new Logger('Database').warn(
    { excess },
    `The service connects as a role that ${excess.join(', ')}: it could rewrite the audit trail. Set DATABASE_URL to a ` +
      'member of registry_service that owns nothing and MIGRATION_DATABASE_URL to the owner (README, "Database roles")',
  );
}
