// Which errors mean "the database cannot serve this now" rather than "this request is wrong" or "the code is wrong":
// the HTTP layer answers them 503 with Retry-After, readiness reports them, start-up retries them.
import { QueryRunnerAlreadyReleasedError, QueryRunnerProviderAlreadyReleasedError } from 'typeorm';

/** unreachable: no connection (refused, reset, shut down, full); timeout: no answer in time (statement, lock, pool);
 *  read-only: the database takes reads only (a standby, or default_transaction_read_only); out-of-space: its disk is
 *  full, so reads are served and a change fails (whole: its transaction rolls back) until space is freed. */
export type DatabaseFaultKind = 'unreachable' | 'timeout' | 'read-only' | 'out-of-space';

export interface DatabaseFault {
  kind: DatabaseFaultKind;
  /** What happened, in a sentence for operators (logs, readiness); never a URL or a password. */
  reason: string;
}

/** Raised by the connection guard (guarded-client.ts) when a statement got no answer at all. */
export const UNRESPONSIVE_CODE = 'KZR_DATABASE_UNRESPONSIVE';

const SQLSTATES: Record<string, DatabaseFault> = {
  '53100': { kind: 'out-of-space', reason: 'The database has no disk space left (SQLSTATE 53100): changes fail until space is freed.' },
  '25006': { kind: 'read-only', reason: 'The database is read-only (a standby, or default_transaction_read_only is on).' },
  '57014': { kind: 'timeout', reason: 'A statement ran longer than DATABASE_STATEMENT_TIMEOUT_MS and was cancelled.' },
  '55P03': { kind: 'timeout', reason: 'A lock was not granted within DATABASE_LOCK_TIMEOUT_MS: another transaction holds it.' },
  '25P03': { kind: 'timeout', reason: 'A transaction stayed idle longer than DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS and was ended.' },
  '57P01': { kind: 'unreachable', reason: 'The database is shutting down (administrator command).' },
  '57P02': { kind: 'unreachable', reason: 'The database crashed and is restarting.' },
  '57P03': { kind: 'unreachable', reason: 'The database is starting up or shutting down and takes no connections.' },
  '53300': { kind: 'unreachable', reason: 'The database refuses new connections: too many clients.' },
};

/** Errors of the network and of the pg driver, which carry no SQLSTATE. */
const NODE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'ECONNABORTED']);
const DRIVER_MESSAGES: [RegExp, DatabaseFault][] = [
  [/^timeout exceeded when trying to connect/, { kind: 'timeout', reason: 'No database connection became free within DATABASE_CONNECT_TIMEOUT_MS.' }],
  [/connection timeout|^timeout expired/, { kind: 'timeout', reason: 'The database did not accept a connection within DATABASE_CONNECT_TIMEOUT_MS.' }],
  [/^Connection terminated/, { kind: 'unreachable', reason: 'The database closed the connection.' }],
  [/is not queryable/, { kind: 'unreachable', reason: 'The database connection was lost.' }],
  [/^Query read timeout/, { kind: 'timeout', reason: 'The database did not answer in time.' }],
];

/**
 * TypeORM releases a query runner when its connection reports an error, so a transaction whose connection was lost
 * between two statements (PostgreSQL killed while the service was between them) fails its next one with one of these,
 * not with the loss itself: QueryRunnerAlreadyReleasedError from the runner's own methods,
 * QueryRunnerProviderAlreadyReleasedError from a manager's query() on it (the audit chain's lock). The service never
 * uses a runner it released on purpose (every transaction is one dataSource.transaction call), so either means the
 * connection was lost: 503, never a 500.
 */
const RELEASED_RUNNER: DatabaseFault = { kind: 'unreachable', reason: 'The database connection was lost in the middle of a transaction.' };

interface ErrorLike {
  code?: unknown;
  message?: unknown;
  driverError?: unknown;
  cause?: unknown;
  errors?: unknown;
}

function direct(error: ErrorLike): DatabaseFault | null {
  const code = typeof error.code === 'string' ? error.code : '';
  const message = typeof error.message === 'string' ? error.message : '';
  if (code === UNRESPONSIVE_CODE) return { kind: 'timeout', reason: message };
  // Class 08: connection exceptions; class 53: insufficient resources (disk full, out of memory).
  const known = SQLSTATES[code] ?? (/^(08|53)[0-9A-Z]{3}$/.test(code) ? { kind: 'unreachable' as const, reason: `The database failed (SQLSTATE ${code}).` } : undefined);
  if (known) return known;
  if (NODE_CODES.has(code)) return { kind: 'unreachable', reason: `The database cannot be reached (${code}).` };
  if (error instanceof QueryRunnerAlreadyReleasedError || error instanceof QueryRunnerProviderAlreadyReleasedError) return RELEASED_RUNNER;
  for (const [pattern, fault] of DRIVER_MESSAGES) if (pattern.test(message)) return fault;
  return null;
}

/** The database fault behind `error` (TypeORM's QueryFailedError, a cause, an AggregateError of connection attempts), if it is one. */
export function databaseFault(error: unknown, depth = 0): DatabaseFault | null {
  if (error === null || typeof error !== 'object' || depth > 4) return null;
  const e = error as ErrorLike;
  const found = direct(e);
  if (found) return found;
  for (const inner of [e.driverError, e.cause, ...(Array.isArray(e.errors) ? e.errors : [])]) {
    const fault = databaseFault(inner, depth + 1);
    if (fault) return fault;
  }
  return null;
}
