// A connection taken from the pool by hand (pool.connect()), for what TypeORM's query runner cannot do: COPY streams
// and a session-level advisory lock held while other connections work.
import type pg from 'pg';

/**
 * Runs `work` on a client of the pool and releases it, destroyed if it failed. While a client is out of the pool it
 * has no 'error' listener (pg-pool removes its idle one; TypeORM adds its own only to the clients it takes itself),
 * so a connection lost between two statements (PostgreSQL killed or restarted while the publisher holds its lock)
 * was an unhandled 'error' event, which ends the process. Here it is the failure the client is released with.
 */
export async function withPoolClient<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let failure: Error | undefined;
  const onError = (error: Error) => {
    failure ??= error;
  };
  client.on('error', onError);
  try {
    return await work(client);
  } catch (error) {
    failure ??= error as Error;
    throw error;
  } finally {
    client.removeListener('error', onError);
    // A destroyed connection may still report its loss once more as it closes: never unhandled.
    if (failure) client.on('error', () => undefined);
    client.release(failure);
  }
}
