import { describe, expect, it } from '@jest/globals';
import { EventEmitter } from 'node:events';
import type pg from 'pg';
import { withPoolClient } from './pool-client.js';

/** A pool of one client, an EventEmitter as pg's is, which records how it was released. */
function fakePool() {
  const client = Object.assign(new EventEmitter(), { released: [] as (Error | undefined)[] });
  Object.assign(client, { release: (error?: Error) => client.released.push(error) });
  return { pool: { connect: async () => client } as unknown as pg.Pool, client };
}

describe('withPoolClient', () => {
  it('takes the loss of the connection between two statements as the failure, never as an unhandled error event', async () => {
    const { pool, client } = fakePool();
    const lost = new Error('Connection terminated unexpectedly');
    // Without a listener, emit('error') would throw here, as it ended the process when PostgreSQL was killed.
    const result = await withPoolClient(pool, async () => {
      client.emit('error', lost);
      return 'done';
    });
    expect(result).toBe('done');
    expect(client.released).toEqual([lost]);
    // A late second report of the same loss, after the release, is not unhandled either.
    expect(() => client.emit('error', lost)).not.toThrow();
  });

  it('releases a healthy client for reuse with no listener left behind, and a failed one destroyed', async () => {
    const { pool, client } = fakePool();
    await withPoolClient(pool, async () => 1);
    expect(client.released).toEqual([undefined]);
    expect(client.listenerCount('error')).toBe(0);
    const failure = new Error('boom');
    await expect(withPoolClient(pool, async () => Promise.reject(failure))).rejects.toBe(failure);
    expect(client.released).toEqual([undefined, failure]);
  });
});
