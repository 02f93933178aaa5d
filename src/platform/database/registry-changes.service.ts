// Tells in-memory views (the check index) what changed in the registry. Triggers NOTIFY after every commit, naming
// the table, and every instance hears it on one LISTEN connection; a local writer also calls changed() after its
// commit, so that its own instance's next read waits for the change instead of racing the notification.
import { Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import pg from 'pg';
import type { DataSource } from 'typeorm';

export const REGISTRY_CHANNEL = 'registry_changed';
/** The listener's application_name in pg_stat_activity (the pool's is kz-crypto-registry). */
export const LISTENER_APPLICATION_NAME = 'kz-crypto-registry-listen';

export type RegistryEvent =
  /** `table`: the one that changed (null: any may have); `serial`: the blocklist serial a local write committed. */
  | { type: 'change'; table: string | null; serial: number | null; local: boolean }
  /** (Re)connected and listening: anything may have changed while no one listened. */
  | { type: 'listening' }
  /** The connection is gone; changes are not heard until it is back. `since`: when it was last known to work. */
  | { type: 'lost'; since: number };

const RETRY_FIRST_MS = 250;
const RETRY_MAX_MS = 10_000;
const CONNECT_TIMEOUT_MS = 5000;
/**
 * A query on the listening connection this often: a server that is frozen, or cut off by the network, answers
 * nothing and closes nothing, and TCP would not notice for hours. Generous timeout: a busy event loop is not a loss.
 */
const HEARTBEAT_MS = 3000;
const HEARTBEAT_TIMEOUT_MS = 5000;
/** Failures to reconnect during this long after a loss are expected (a restart) and not warned about. */
const QUIET_OUTAGE_MS = 10_000;
/** PostgreSQL's admin_shutdown: the server is stopping (Ctrl-C reaches the embedded one too) or an admin ended us. */
const ADMIN_SHUTDOWN = '57P01';

type Listener = (event: RegistryEvent) => void;

@Injectable()
export class RegistryChangesService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(RegistryChangesService.name);
  private readonly listeners = new Set<Listener>();
  /** The one listening connection, or the attempt to open it; never more than one. */
  private client: pg.Client | null = null;
  private listening = false;
  private confirmedAt = 0;
  private retryTimer: NodeJS.Timeout | null = null;
  private heartbeatTimer: NodeJS.Timeout | null = null;
  private attempts = 0;
  private outage: { since: number; warned: boolean } | null = null;
  private closing = false;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Events from now on; returns the unsubscribe. */
  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Whether changes made now by any instance will be heard. */
  get isListening(): boolean {
    return this.listening;
  }

  /** A local writer committed: `table` and `serial` when it knows them. */
  changed(change: { table?: string; serial?: number } = {}): void {
    this.emit({ type: 'change', table: change.table ?? null, serial: change.serial ?? null, local: true });
  }

  /** Listens only when someone cares (the CLI has no check index, and no need for a connection). */
  async onModuleInit(): Promise<void> {
    if (this.listeners.size > 0) await this.connect();
  }

  onModuleDestroy(): void {
    this.closing = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.stopHeartbeat();
    const client = this.client;
    this.client = null;
    this.listening = false;
    if (client) void client.end().catch(() => undefined);
  }

  private emit(event: RegistryEvent): void {
    for (const listener of this.listeners) listener(event);
  }

  private async connect(): Promise<void> {
    this.retryTimer = null;
    if (this.closing || this.client) return;
    const options = this.dataSource.options as { url?: string };
    const client = new pg.Client({
      connectionString: options.url,
      application_name: LISTENER_APPLICATION_NAME,
      connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
      query_timeout: HEARTBEAT_TIMEOUT_MS,
    });
    this.client = client;
    let gone = false;
    // Every way a connection ends comes here once: an error, the end event, a failed connect, a missed heartbeat.
    const lose = (error?: Error & { code?: string }) => {
      if (gone) return;
      gone = true;
      client.removeAllListeners('notification');
      client.on('error', () => undefined);
      void client.end().catch(() => undefined);
      if (this.client === client) this.client = null;
      this.stopHeartbeat();
      const wasListening = this.listening;
      this.listening = false;
      if (this.closing) return;
      if (wasListening) this.reportLoss(error);
      else this.reportFailedAttempt(error);
      if (wasListening) this.emit({ type: 'lost', since: this.confirmedAt });
      this.retryLater();
    };
    client.on('error', lose);
    client.on('end', () => lose());
    client.on('notification', (message) => {
      this.confirmedAt = Date.now();
      this.emit({ type: 'change', table: message.payload ?? null, serial: null, local: false });
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${REGISTRY_CHANNEL}`);
    } catch (error) {
      lose(error as Error);
      return;
    }
    if (gone) return;
    if (this.closing) return lose();
    this.listening = true;
    this.attempts = 0;
    this.confirmedAt = Date.now();
    if (this.outage) {
      this.logger.log({ outageMs: Date.now() - this.outage.since }, 'Change listener reconnected');
      this.outage = null;
    }
    this.heartbeatTimer = setInterval(() => {
      // The answer proves that every change committed before the server read the query has been heard, not those
      // committed while the answer was on its way: the index is known current as of the asking, not of the answer.
      const asked = Date.now();
      client.query('SELECT 1').then(
        () => (this.confirmedAt = asked),
        (error: Error) => lose(error),
      );
    }, HEARTBEAT_MS).unref();
    this.emit({ type: 'listening' });
  }

  private reportLoss(error: (Error & { code?: string }) | undefined): void {
    this.outage = { since: Date.now(), warned: false };
    if (error?.code === ADMIN_SHUTDOWN) {
      this.logger.log('The database closed the change listener\'s connection (shutting down, or ended by an administrator); reconnecting');
    } else {
      this.logger.warn({ err: error }, 'Change listener lost its connection; reconnecting');
    }
  }

  /** One warning per outage, once it lasts longer than a restart would. */
  private reportFailedAttempt(error: Error | undefined): void {
    this.outage ??= { since: Date.now(), warned: false };
    if (this.outage.warned || Date.now() - this.outage.since < QUIET_OUTAGE_MS) {
      this.logger.debug({ err: error }, 'Change listener could not connect; retrying');
      return;
    }
    this.outage.warned = true;
    this.logger.warn({ err: error, outageMs: Date.now() - this.outage.since }, 'Change listener still cannot connect; retrying with backoff');
  }

  /** Exponential backoff with jitter, capped; one timer at most, so a loss never multiplies the listeners. */
  private retryLater(): void {
    if (this.closing || this.retryTimer) return;
    const delay = Math.min(RETRY_MAX_MS, RETRY_FIRST_MS * 2 ** this.attempts);
    this.attempts += 1;
    this.retryTimer = setTimeout(() => void this.connect(), delay * (0.5 + Math.random() / 2)).unref();
  }

  private stopHeartbeat(): void {
    if (this.heartbeatTimer) clearInterval(this.heartbeatTimer);
    this.heartbeatTimer = null;
  }
}
