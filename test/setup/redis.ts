// A real redis-server (Debian's) started by a test on a free loopback port, in a folder of its own, persisting
// nothing: for the rate limits shared by replicas, and for any test that runs two instances against one Redis.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { onFreePort, startDaemon } from './dns.js';
import { createTestApp, type TestApp } from './test-app.js';

const REDIS_SERVER = process.env.REDIS_SERVER_PATH ?? '/usr/bin/redis-server';

export interface RunningRedis {
  port: number;
  /** redis://127.0.0.1:<port> (with the password when there is one), for REDIS_URL. */
  url: string;
  /** SIGSTOP: connected clients get no answer (a frozen or partitioned Redis) until thaw(). */
  freeze(): void;
  thaw(): void;
  /** Its log so far. */
  output(): string;
  /** SIGTERM (SIGCONT first if frozen), then removes its folder; resolves when it has exited. */
  stop(): Promise<void>;
}

/** Resolves once the server answers PING (it prints "Ready" a moment before it does). */
async function answersPing(url: string, ms = 10_000): Promise<void> {
  const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  const deadline = Date.now() + ms;
  try {
    for (;;) {
      try {
        if (client.status !== 'ready') await client.connect();
        if ((await client.ping()) === 'PONG') return;
      } catch (error) {
        if (Date.now() > deadline) throw new Error(`redis-server at ${url} did not answer PING within ${ms} ms: ${String(error)}`);
        client.disconnect();
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    }
  } finally {
    client.disconnect();
  }
}

/** `password`: the server requires it (`--requirepass`), as a production Redis does. */
export async function startRedis({ password }: { password?: string } = {}): Promise<RunningRedis> {
  const dir = await mkdtemp(join(tmpdir(), 'redis-'));
  const { port, server } = await onFreePort(
    (port) =>
      startDaemon(
        REDIS_SERVER,
        [
          ...['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir, '--protected-mode', 'yes'],
          ...(password ? ['--requirepass', password] : []),
        ],
        /Ready to accept connections|Address already in use/,
      ),
    (redis) => /Address already in use/.test(redis.output()),
    (redis) => redis.stop(),
  );
  const url = `redis://${password ? `:${encodeURIComponent(password)}@` : ''}127.0.0.1:${port}`;
  await answersPing(url);
  let frozen = false;
  return {
    port,
    url,
    freeze() {
      server.signal('SIGSTOP');
      frozen = true;
    },
    thaw() {
      server.signal('SIGCONT');
      frozen = false;
    },
    output: () => server.output(),
    async stop() {
      if (frozen) server.signal('SIGCONT');
      await server.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/**
 * A real Redis and two in-process apps using it through REDIS_URL (`env` added), as two replicas would, with a client
 * of the test's own to read what they wrote there.
 */
export async function appsSharingRedis(env: Record<string, string>): Promise<{ redis: RunningRedis; a: TestApp; b: TestApp; client: Redis }> {
  const redis = await startRedis();
  const shared = { ...env, REDIS_URL: redis.url };
  const [a, b] = await Promise.all([createTestApp(shared), createTestApp(shared)]);
  return { redis, a, b, client: new Redis(redis.url) };
}
