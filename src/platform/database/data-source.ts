// The one DataSource definition shared by the app, the CLI and the tests.
import { DataSource, type DataSourceOptions } from 'typeorm';
import { MIGRATIONS } from '../../../migrations/index.js';
import { RegistryNamingStrategy } from './naming-strategy.js';

export type EntityList = NonNullable<DataSourceOptions['entities']>;

/** `entities` come from the app that composes the features (src/entities.ts): platform knows none of them. */
export function dataSourceOptions(url: string, entities: EntityList): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities,
    migrations: MIGRATIONS,
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    namingStrategy: new RegistryNamingStrategy(),
    // The schema lives in migrations/ only.
    synchronize: false,
    migrationsRun: false,
    // gen_random_uuid() is built into PostgreSQL 13+; no extension to install.
    installExtensions: false,
    uuidExtension: 'pgcrypto',
    extra: { max: 10, application_name: 'kz-crypto-registry' },
  };
}

export function createDataSource(url: string, entities: EntityList): DataSource {
  return new DataSource(dataSourceOptions(url, entities));
}

/** Applies pending migrations; returns their names. */
export async function migrate(dataSource: DataSource): Promise<string[]> {
  const applied = await dataSource.runMigrations({ transaction: 'each' });
  return applied.map((m) => m.name);
}
