// Start-up against a database that is late (a container still starting) or never answers (a wrong host, a server
// that accepts connections and then says nothing): retry with backoff until a deadline, then stop with a sentence.
import pg from 'pg';
import { databaseFault } from './database-faults.js';
import { guardedClient } from './guarded-client.js';

export interface WaitOptions {
  /** Give up this long after the first attempt. */
  deadlineMs: number;
  /** Each attempt's bound on connecting and on the first answer. */
  connectMs: number;
  /** How the database is named in messages, e.g. "the database in DATABASE_URL (db.internal:5432/registry)". */
  name: string;
  /** Told once per failed attempt that will be retried. */
  onRetry?: (reason: string, attempt: number) => void;
}

/** The database never answered, or refused for a reason a retry will not fix: `message` says which and what to do. */
export class DatabaseStartError extends Error {}

/** host:port/database of a URL, for messages: no user, no password. */
export function describeUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname}:${parsed.port || '5432'}${parsed.pathname}`;
  } catch {
    return '(an unparseable URL)';
  }
}

const FIRST_BACKOFF_MS = 200;
const MAX_BACKOFF_MS = 2000;

async function attempt(url: string, connectMs: number): Promise<void> {
  const Client = guardedClient(connectMs);
  const client = new Client({ connectionString: url, connectionTimeoutMillis: connectMs, application_name: 'kz-crypto-registry-start' });
  // A connection lost after the attempt settled has nobody to tell.
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('SELECT 1');
  } finally {
    void client.end().catch(() => undefined);
  }
}

/** Resolves once the database answers `SELECT 1`; throws a DatabaseStartError when the deadline passes first. */
export async function waitForDatabase(url: string, options: WaitOptions): Promise<void> {
  const started = Date.now();
  const deadline = started + options.deadlineMs;
  let backoff = FIRST_BACKOFF_MS;
  for (let n = 1; ; n++) {
    const left = deadline - Date.now();
    let error: unknown;
    try {
      await attempt(url, Math.max(100, Math.min(options.connectMs, left)));
      return;
    } catch (caught) {
      error = caught;
    }
    const fault = databaseFault(error);
    const said = (error as Error | undefined)?.message || 'no reason given';
    if (!fault) {
      throw new DatabaseStartError(
        `${capitalise(options.name)} refused the service: ${said}. Check the user, password and database name in DATABASE_URL.`,
      );
    }
    const wait = Math.min(backoff, deadline - Date.now());
    if (wait <= 0) {
      const seconds = Math.round((Date.now() - started) / 100) / 10;
      throw new DatabaseStartError(
        `${capitalise(options.name)} did not answer within ${seconds} s (${n} attempt${n === 1 ? '' : 's'}): ` +
          `${uncapitalise(fault.reason)} ` +
          'Check that PostgreSQL is running there and accepts connections from this host, and that DATABASE_URL is ' +
          'right; DATABASE_STARTUP_TIMEOUT_MS sets how long start-up waits.',
      );
    }
    options.onRetry?.(fault.reason, n);
    await new Promise((done) => setTimeout(done, wait));
    backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
  }
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function uncapitalise(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
