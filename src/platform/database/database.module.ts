// The TypeORM connection (migrations applied on start, never synchronize), transactions and change notifications.
import { type DynamicModule, Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { dataSourceOptions, type EntityList } from './data-source.js';
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
          useFactory: () => ({ ...dataSourceOptions(databaseUrl, entities), migrationsRun: true }),
        }),
      ],
      providers: [RegistryChangesService, TransactionRunner],
      exports: [RegistryChangesService, TransactionRunner],
    };
  }
}
