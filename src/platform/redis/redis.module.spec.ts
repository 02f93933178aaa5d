import { describe, expect, it } from '@jest/globals';
import type { Logger } from '@nestjs/common';
import { createRedis } from './redis.module.js';

describe('createRedis', () => {
  it('logs a Redis failure by its message and code, never the AUTH command ioredis attaches (the password)', () => {
    const lines: unknown[][] = [];
    const logger = { warn: (...args: unknown[]) => lines.push(args), log: () => undefined } as unknown as Logger;
    const redis = createRedis('redis://registry:s3cret-redis@127.0.0.1:1', logger);
    try {
      const refused = Object.assign(new Error('WRONGPASS invalid username-password pair or user is disabled.'), {
        command: { name: 'auth', args: ['registry', 's3cret-redis'] },
      });
      redis.emit('error', refused);
      expect(lines).toEqual([
        [{ reason: 'WRONGPASS invalid username-password pair or user is disabled.', code: undefined }, 'Redis is unreachable: rate limits (and every count kept in Redis) let requests through uncounted until it returns'],
      ]);
      expect(JSON.stringify(lines)).not.toContain('s3cret-redis');
    } finally {
      redis.disconnect();
    }
  });
});
