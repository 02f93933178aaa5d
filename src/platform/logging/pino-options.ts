import type { LoggerOptions } from 'pino';
import type { AppConfig } from '../../config/app-config.js';

/** Header and field names whose values must never reach a log line. */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers["x-api-key"]',
  'req.headers.cookie',
  'headers.authorization',
  'headers["x-api-key"]',
  '*.apiKey',
  '*.secret',
  '*.password',
  'DATABASE_URL',
  'MIGRATION_DATABASE_URL',
  'REDIS_URL',
  // ioredis puts the failed command on its errors: AUTH's arguments are the Redis user and password.
  'err.command.args',
  '*.err.command.args',
];

export function pinoOptions(config: AppConfig): LoggerOptions {
  return {
    level: config.LOG_LEVEL,
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    base: { service: 'kz-crypto-registry' },
  };
}
