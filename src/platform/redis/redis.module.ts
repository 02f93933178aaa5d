// The app's one Redis client, with REDIS_URL: the rate limits' store, and the features' counts shared by replicas.
import { Global, Inject, Injectable, Logger, Module, type OnApplicationShutdown } from '@nestjs/common';
import { Redis } from 'ioredis';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';

/**
 * Redis is asked with a short fuse: a rate limit that waits for a struggling Redis would turn its outage into the
 * registry's. Connecting gives up after REDIS_CONNECT_TIMEOUT_MS, a command after REDIS_COMMAND_TIMEOUT_MS (a frozen
 * Redis, connected but silent), and a command is retried once over a reconnection; then the rate limit (the plugin's
 * `skipOnError`) and every feature's count in Redis let the request through uncounted. Letting requests through while
 * Redis is away is the chosen failure: the registry's answers matter more than its limit (a citizen checking a site
 * during an outage of a cache must get an answer), and what one replica takes on is still bounded by its request
 * timeouts and its database pool.
 */
const REDIS_CONNECT_TIMEOUT_MS = 1000;
const REDIS_COMMAND_TIMEOUT_MS = 250;

/**
 * A Redis client that gives up quickly (see REDIS_COMMAND_TIMEOUT_MS) and reports an outage once, not per retry. The
 * app's one client (platform/redis), for the rate limits and any feature's counts shared by the replicas.
 */
export function createRedis(url: string, logger = new Logger('Redis')): Redis {
  const redis = new Redis(url, {
    connectTimeout: REDIS_CONNECT_TIMEOUT_MS,
    commandTimeout: REDIS_COMMAND_TIMEOUT_MS,
    maxRetriesPerRequest: 1,
    // On shutdown, a connection to a Redis that has gone is given up after this rather than ioredis' 2 s.
    disconnectTimeout: REDIS_COMMAND_TIMEOUT_MS,
    connectionName: 'kz-crypto-registry',
  });
  let failing = false;
  redis.on('error', (error: Error) => {
    if (failing) return;
    failing = true;
    // The message and code only: ioredis errors carry the failed command, and AUTH's arguments are the password.
    logger.warn(
      { reason: error.message, code: (error as Error & { code?: string }).code },
      'Redis is unreachable: rate limits (and every count kept in Redis) let requests through uncounted until it returns',
    );
  });
  redis.on('ready', () => {
    if (failing) logger.log('Redis is back: rate limits and every count kept in Redis count again');
    failing = false;
  });
  return redis;
}

/** The client (null without REDIS_URL: everything is counted in this process). */
export const REDIS = Symbol('REDIS');

/**
 * Closes the client when the app has closed: Nest calls this after the HTTP server has drained (app.close()), so a
 * request still in flight keeps its counts.
 */
@Injectable()
class RedisShutdown implements OnApplicationShutdown {
  constructor(@Inject(REDIS) private readonly redis: Redis | null) {}

  onApplicationShutdown(): void {
    this.redis?.disconnect();
  }
}

@Global()
@Module({
  providers: [
    { provide: REDIS, inject: [APP_CONFIG], useFactory: (config: Pick<AppConfig, 'REDIS_URL'>) => (config.REDIS_URL ? createRedis(config.REDIS_URL) : null) },
    RedisShutdown,
  ],
  exports: [REDIS],
})
export class RedisModule {}
