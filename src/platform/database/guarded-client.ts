// A pg Client that gives up on a statement the database never answers (a frozen server, a dead network path with
// the socket still open). PostgreSQL's own statement_timeout cannot fire then, and pg's `query_timeout` only stops
// waiting: the connection would go back to the pool with the statement (or a half-done transaction) still on it,
// and the next user's statements would run inside that transaction. This one closes the connection instead, so the
// pool drops it and PostgreSQL rolls back whatever it had begun.
import pg from 'pg';
import { UNRESPONSIVE_CODE } from './database-faults.js';

type Callback = (error: Error | null, result?: unknown) => void;

const UNGUARDED = Symbol('unguarded');

/**
 * Runs `work` with the guard off on this connection (a client of the pool, inside a transaction that also lifts
 * PostgreSQL's statement_timeout): bulk work whose statements take as long as their input is large.
 */
export async function withoutGuard<T>(client: unknown, work: () => Promise<T>): Promise<T> {
  const guarded = client as { [UNGUARDED]?: boolean };
  guarded[UNGUARDED] = true;
  try {
    return await work();
  } finally {
    guarded[UNGUARDED] = false;
  }
}

/** A Client class for pg.Pool's `Client` option; `giveUpMs` 0: no guard. */
export function guardedClient(giveUpMs: number): typeof pg.Client {
  if (giveUpMs <= 0) return pg.Client;
  return class GuardedClient extends pg.Client {
    [UNGUARDED] = false;

    // pg's overloads (text, config, values, callback, or a submittable such as a cursor) are passed through as given.
    override query(config: any, values?: any, callback?: any): any {
      // A submittable (pg-cursor, pg-query-stream) reads in many round trips: the server's statement_timeout covers it.
      if (typeof config?.submit === 'function' || this[UNGUARDED]) return super.query(config, values, callback);
      // Timed from the call: pg runs a client's queries one at a time, and the one caller that queues several on a
      // client (TypeORM's schema reader, in the drift check) queues short ones.
      const done: Callback | undefined = typeof values === 'function' ? values : callback;
      const timer = setTimeout(() => this.giveUp(), giveUpMs);
      if (done) {
        const settle: Callback = (error, result) => {
          clearTimeout(timer);
          done(error, result);
        };
        return typeof values === 'function' ? super.query(config, settle) : super.query(config, values, settle);
      }
      return (super.query(config, values) as Promise<unknown>).finally(() => clearTimeout(timer));
    }

    private giveUp(): void {
      const error = Object.assign(new Error(`The database did not answer within ${giveUpMs} ms; its connection was closed.`), {
        code: UNRESPONSIVE_CODE,
      });
      // The pool (or TypeORM's query runner) listens for errors of a client it hands out; this keeps a late second
      // report of the same loss from ever being unhandled.
      this.on('error', () => undefined);
      (this.connection as unknown as { stream: { destroy(error: Error): void } }).stream.destroy(error);
    }
  };
}
