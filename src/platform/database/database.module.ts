// The TypeORM connection (migrations applied on start, never synchronize), transactions and change notifications.
import { type DynamicModule, Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import { databaseTimeouts, dataSourceOptions, type EntityList, migrateDatabase } from './data-source.js';
import { RegistryChangesService } from './registry-changes.service.js';
import { TransactionRunner } from './transactions.js';

@Global()
@Module({})
export class DatabaseModule {
  static register(databaseUrl: string, entities: EntityList): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRootAsync({
          inject: [APP_CONFIG],
          useFactory: async (config: AppConfig) => {
            await migrateDatabase(databaseUrl, entities, config.DATABASE_CONNECT_TIMEOUT_MS);
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
