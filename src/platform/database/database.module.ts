// The TypeORM connection (migrations applied on start, never synchronize) and the change notifications.
import { type DynamicModule, Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { dataSourceOptions } from './data-source.js';
import { RegistryChangesService } from './registry-changes.service.js';

@Global()
@Module({})
export class DatabaseModule {
  static register(databaseUrl: string): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRootAsync({
          useFactory: () => ({ ...dataSourceOptions(databaseUrl), migrationsRun: true }),
        }),
      ],
      providers: [RegistryChangesService],
      exports: [RegistryChangesService],
    };
  }
}
