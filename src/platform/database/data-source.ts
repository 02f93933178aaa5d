// The one DataSource definition shared by the app, the CLI and the tests.
import { Logger } from '@nestjs/common';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { MIGRATIONS } from '../../../migrations/index.js';
import type { AppConfig } from '../../config/app-config.js';
import { databaseFault } from './database-faults.js';
import { guardedClient } from './guarded-client.js';
import { RegistryNamingStrategy } from './naming-strategy.js';

export type EntityList = NonNullable<DataSourceOptions['entities']>;

/** Bounds on every connection of the pool, in ms (0: none). */
export interface DatabaseTimeouts {
  connectMs: number;
  statementMs: number;
  lockMs: number;
  idleInTransactionMs: number;
}

export function databaseTimeouts(config: AppConfig): DatabaseTimeouts {
  return {
    connectMs: config.DATABASE_CONNECT_TIMEOUT_MS,
    statementMs: config.DATABASE_STATEMENT_TIMEOUT_MS,
    lockMs: config.DATABASE_LOCK_TIMEOUT_MS,
    idleInTransactionMs: config.DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS,
  };
}

/** After the statement timeout, how much longer a database that says nothing at all is waited for. */
const SILENCE_GRACE_MS = 1000;

const logger = new Logger('Database');

/** PostgreSQL's admin_shutdown: it is being stopped (Ctrl-C reaches the embedded one too), not a fault. */
const ADMIN_SHUTDOWN = '57P01';

/** The pool outlives any connection: one PostgreSQL drops (restart, failover, pg_terminate_backend) is logged, not fatal. */
function onPoolError(error: Error & { code?: string }): void {
  if (error.code === ADMIN_SHUTDOWN) logger.log('PostgreSQL is shutting down and closed an idle connection of the pool');
  else logger.warn({ err: error, reason: databaseFault(error)?.reason }, 'The database closed an idle connection; the pool opens a new one when needed');
}

/**
 * `entities` come from the app that composes the features (src/entities.ts): platform knows none of them.
 * Without `timeouts` (tools, tests) connections wait as long as PostgreSQL lets them.
 */
export function dataSourceOptions(url: string, entities: EntityList, timeouts?: DatabaseTimeouts): DataSourceOptions {
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
    poolErrorHandler: onPoolError,
    extra: {
      max: 10,
      application_name: 'kz-crypto-registry',
      // A peer gone without a word (a host down, a cut network) is noticed by the kernel, not only on the next query.
      keepAlive: true,
      keepAliveInitialDelayMillis: 10_000,
      ...(timeouts && {
        // pg-pool uses it both for opening a connection and for waiting for a free one.
        connectionTimeoutMillis: timeouts.connectMs,
        // Sent as startup parameters: PostgreSQL applies them to every statement of the session.
        statement_timeout: timeouts.statementMs || undefined,
        lock_timeout: timeouts.lockMs || undefined,
        idle_in_transaction_session_timeout: timeouts.idleInTransactionMs || undefined,
        Client: guardedClient(timeouts.statementMs && timeouts.statementMs + SILENCE_GRACE_MS),
      }),
    },
  };
}

export function createDataSource(url: string, entities: EntityList, timeouts?: DatabaseTimeouts): DataSource {
  return new DataSource(dataSourceOptions(url, entities, timeouts));
}

/** Applies pending migrations; returns their names. */
export async function migrate(dataSource: DataSource): Promise<string[]> {
  const applied = await dataSource.runMigrations({ transaction: 'each' });
  return applied.map((m) => m.name);
}

/**
 * Applies pending migrations on a connection of their own: a migration may rewrite a big table or wait for another
 * instance's lock, so only connecting is bounded, not statements or locks.
 */
export async function migrateDatabase(url: string, entities: EntityList, connectMs: number): Promise<string[]> {
  const dataSource = createDataSource(url, entities, { connectMs, statementMs: 0, lockMs: 0, idleInTransactionMs: 0 });
  await dataSource.initialize();
  try {
    return await migrate(dataSource);
  } finally {
    await dataSource.destroy();
  }
}
