// The database and the registry's services, opened on a command's first use: help and usage errors need neither, and
// `db migrate` needs only the database. Closed (embedded PostgreSQL stopped) when the CLI's application closes.
import { type INestApplicationContext, Inject, Injectable, type OnApplicationShutdown, type Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { AppConfig } from '../config/app-config.js';
import { resolveDatabase } from '../platform/database/database-url.js';
import { connectError, EmbeddedStartError, PortInUseError } from '../platform/database/embedded-postgres.js';
import { CliError, reason } from './cli-errors.js';
import { err } from './output.js';
import { CoreModule } from '../core.module.js';

export const CLI_CONFIG = Symbol('CLI_CONFIG');

interface OpenDatabase {
  url: string;
  /** The schema owner's (MIGRATION_DATABASE_URL, the embedded owner role), else `url`. */
  migrationUrl: string;
  stop(): Promise<void>;
}

/** The URL without its password, for messages. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.href;
  } catch {
    return '(unparseable URL)';
  }
}

@Injectable()
export class RegistryContext implements OnApplicationShutdown {
  private database: Promise<OpenDatabase> | null = null;
  private app: Promise<INestApplicationContext> | null = null;

  constructor(@Inject(CLI_CONFIG) private readonly config: AppConfig) {}

  /** Starts the embedded PostgreSQL (or checks DATABASE_URL answers) on first use. */
  async databaseUrl(): Promise<string> {
    this.database ??= this.openDatabase();
    return (await this.database).url;
  }

  /** The credentials migrations run with (`db migrate`). */
  async migrationUrl(): Promise<string> {
    this.database ??= this.openDatabase();
    return (await this.database).migrationUrl;
  }

  /** A service of the registry; the first call connects and applies pending migrations. */
  async get<T>(type: Type<T>): Promise<T> {
    this.app ??= this.boot();
    return (await this.app).get(type, { strict: false });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.close();
  }

  async close(): Promise<void> {
    const [app, database] = [this.app, this.database];
    this.app = null;
    this.database = null;
    await (await app?.catch(() => null))?.close();
    await (await database?.catch(() => null))?.stop();
  }

  private async boot(): Promise<INestApplicationContext> {
    const url = await this.databaseUrl();
    const migrationUrl = await this.migrationUrl();
    const verbose = this.config.LOG_LEVEL === 'debug' || this.config.LOG_LEVEL === 'trace';
    return NestFactory.createApplicationContext(CoreModule.register(this.config, url, migrationUrl), {
      // A failure to start is reported once, by the CLI's error handler, not also as Nest's log line.
      logger: verbose ? ['error', 'warn', 'log', 'debug'] : false,
      abortOnError: false,
    });
  }

  private async openDatabase(): Promise<OpenDatabase> {
    const { DATABASE_URL: url, MIGRATION_DATABASE_URL: migrationUrl, EMBEDDED_PG_DIR: dir, EMBEDDED_PG_PORT: port } = this.config;
    if (url) {
      // Checked up front: TypeORM would otherwise retry for half a minute before saying anything.
      for (const [name, value] of [['DATABASE_URL', url], ['MIGRATION_DATABASE_URL', migrationUrl]] as const) {
        const error = value && (await connectError(value));
        if (error) throw new CliError(`cannot connect to the database in ${name} (${redactUrl(value)}): ${reason(error)}.`);
      }
      return { url, migrationUrl: migrationUrl ?? url, stop: async () => undefined };
    }
    try {
      // A server running on the same data folder is joined (and left running), as the server joins one left behind.
      const database = await resolveDatabase(this.config);
      if (database.joined) {
        const { pid, port: running } = database.joined;
        err(`note: using the embedded PostgreSQL already running on ${dir} (process ${pid}, port ${running}).`);
      }
      return database;
    } catch (error) {
      if (error instanceof PortInUseError || error instanceof EmbeddedStartError) throw new CliError(lowerFirst(error.message));
      throw new CliError(
        `the embedded PostgreSQL (data in ${dir}, port ${port}) did not start: ${reason(error) || 'no reason given'}. ` +
          'Set DATABASE_URL to use another PostgreSQL server.',
      );
    }
  }
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
