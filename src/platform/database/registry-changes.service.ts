// Tells in-memory views (the check index) that the registry changed: PostgreSQL NOTIFY from triggers reaches every
// instance after commit; local writers may also call changed() so their own next read is fresh at once.
import { Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import pg from 'pg';
import type { DataSource } from 'typeorm';

export const REGISTRY_CHANNEL = 'registry_changed';
const RECONNECT_MS = 2000;
/** PostgreSQL's admin_shutdown: the server is stopping (Ctrl-C reaches the embedded one too), not a fault. */
const ADMIN_SHUTDOWN = '57P01';

@Injectable()
export class RegistryChangesService implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(RegistryChangesService.name);
  private readonly listeners = new Set<() => void>();
  private client: pg.Client | null = null;
  private closing = false;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  onChange(listener: () => void): void {
    this.listeners.add(listener);
  }

  changed(): void {
    for (const listener of this.listeners) listener();
  }

  async onModuleInit(): Promise<void> {
    await this.connect();
  }

  async onApplicationShutdown(): Promise<void> {
    this.closing = true;
    await this.client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    const options = this.dataSource.options as { url?: string };
    const client = new pg.Client({ connectionString: options.url, application_name: 'kz-crypto-registry-listen' });
    client.on('notification', () => this.changed());
    client.once('error', (error: Error & { code?: string }) => {
      // One report per connection: a dying connection may also say it was "terminated unexpectedly".
      client.on('error', () => undefined);
      if (this.closing) return;
      if (error.code === ADMIN_SHUTDOWN) this.logger.log('PostgreSQL is shutting down; the change listener will reconnect');
      else this.logger.warn({ err: error }, 'Change listener lost its connection; reconnecting');
      this.reconnectLater();
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${REGISTRY_CHANNEL}`);
      this.client = client;
      // Anything may have changed while no one was listening.
      this.changed();
    } catch (error) {
      this.logger.warn({ err: error }, 'Change listener could not connect; retrying');
      await client.end().catch(() => undefined);
      this.reconnectLater();
    }
  }

  private reconnectLater(): void {
    if (this.closing) return;
    this.client = null;
    setTimeout(() => void this.connect(), RECONNECT_MS).unref();
  }
}
