// What the benchmarks under test/perf/ share: a throwaway embedded PostgreSQL, the built CLI and server (the server
// with the event-loop probe preloaded), HTTP helpers, and CPU and memory readings from /proc.
import { spawn, spawnSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const HOST = '127.0.0.1';
export const PROBE = fileURLToPath(new URL('./loop-probe.mjs', import.meta.url));
export const CLI = join(ROOT, 'dist/src/cli/main.js');
export const MAIN = join(ROOT, 'dist/src/main.js');

let signingKey = null;

/**
 * An Ed25519 key of the bench's own (`NODE_ENV=production` refuses to start without one), made on first use in
 * .data/bench-signing-<pid>.pem and deleted when the bench exits.
 */
export function benchSigningKey() {
  if (signingKey) return signingKey;
  mkdirSync(join(ROOT, '.data'), { recursive: true });
  signingKey = join(ROOT, '.data', `bench-signing-${process.pid}.pem`);
  writeFileSync(signingKey, generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
  process.once('exit', () => rmSync(signingKey, { force: true }));
  return signingKey;
}

/** The owner's URL (migrations) of each bench database, by the service's URL the servers and the CLI are given. */
const owners = new Map();

/**
 * A PostgreSQL of the bench's own in .data/<name>-<pid>, deleted by `stop()`, with the two roles production has: `url`
 * is the service's (what the servers and the CLI connect as), its owner's URL goes with it as MIGRATION_DATABASE_URL.
 */
export async function startBenchDatabase(name) {
  const { startEmbeddedPostgres, findFreePort } = await import(join(ROOT, 'dist/src/platform/database/embedded-postgres.js'));
  const { embeddedRoles } = await import(join(ROOT, 'dist/src/platform/database/database-url.js'));
  const dir = join(ROOT, '.data', `${name}-${process.pid}`);
  const db = await startEmbeddedPostgres({ dir, port: await findFreePort(), database: 'registry', persistent: false });
  const roles = await embeddedRoles(db.url, 'registry', null);
  owners.set(roles.url, roles.migrationUrl);
  return {
    url: roles.url,
    /** The owner's: for a bench's own bulk SQL (ANALYZE needs the table's owner). */
    ownerUrl: roles.migrationUrl,
    dir,
    /** The postmaster's process id (first line of its pid file). */
    pid: () => Number(readFileSync(join(dir, 'postmaster.pid'), 'utf8').split('\n')[0]),
    stop: async () => {
      await db.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

const migrationEnv = (url) => (owners.has(url) ? { MIGRATION_DATABASE_URL: owners.get(url) } : {});
const CLI_ENV = (url) => ({ PATH: process.env.PATH, DATABASE_URL: url, ...migrationEnv(url), LOG_LEVEL: 'warn', NODE_ENV: 'production', SIGNING_KEY_FILE: benchSigningKey() });

/** The built CLI, waited for; throws with its output when it fails. */
export function cli(url, args) {
  const run = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, env: CLI_ENV(url), encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`cli ${args.join(' ')} failed:\n${run.stdout}${run.stderr}`);
  return run.stdout;
}

/**
 * The built CLI as a child, its peak resident memory (VmHWM) read while it runs; resolves when it exits. `nodeArgs`
 * go to Node before the script (`--max-old-space-size=...`).
 */
export function cliMeasured(url, args, nodeArgs = []) {
  const child = spawn(process.execPath, [...nodeArgs, CLI, ...args], { cwd: ROOT, env: CLI_ENV(url), stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  let peakKb = 0;
  const started = performance.now();
  /** When each line of stderr arrived, in ms after the start (phases the CLI announces). */
  const lines = [];
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => {
    stderr += chunk;
    for (const line of chunk.toString().split('\n')) if (line) lines.push({ at: performance.now() - started, line });
  });
  const poll = setInterval(() => {
    const kb = statusKb(child.pid, 'VmHWM');
    if (Number.isFinite(kb)) peakKb = Math.max(peakKb, kb);
  }, 50);
  return new Promise((resolve) =>
    child.on('close', (code) => {
      clearInterval(poll);
      resolve({ code, stdout, stderr, lines, peakMb: peakKb / 1024 });
    }),
  );
}

/** Every figure in ms of CPU: this process's reaped children (a CLI that ran and exited). */
export function childrenCpuMs() {
  const fields = statFields('self');
  return (Number(fields[13]) + Number(fields[14])) * 10;
}

/** A PostgreSQL's CPU in ms: the postmaster, its reaped backends and the processes it runs now. */
export function postgresCpuMs(postmasterPid) {
  const own = statFields(postmasterPid);
  let ms = (Number(own[11]) + Number(own[12]) + Number(own[13]) + Number(own[14])) * 10;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const fields = statFields(entry);
      if (Number(fields[1]) === postmasterPid) ms += (Number(fields[11]) + Number(fields[12])) * 10;
    } catch {
      // Gone meanwhile.
    }
  }
  return ms;
}

function statFields(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // After the command name: state, ppid, ... (utime is field 14 of the line, index 11 here).
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
}

export function processCpuMs(pid) {
  const fields = statFields(pid);
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** CPU the whole machine spent not idle, in ms (every core), from /proc/stat (Linux); NaN elsewhere. */
export function machineBusyMs() {
  try {
    const [, ...jiffies] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).map(Number);
    const [user, nice, system, , , irq, softirq, steal] = jiffies; // idle and iowait left out
    return (user + nice + system + irq + softirq + steal) * 10;
  } catch {
    return NaN;
  }
}

export function statusKb(pid, field) {
  try {
    const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith(`${field}:`));
    return Number(line?.split(/\s+/)[1] ?? NaN);
  } catch {
    return NaN;
  }
}

export const peakRssMb = (pid) => statusKb(pid, 'VmHWM') / 1024;

/** Resident memory once the start-up garbage is collected: the lowest of a few samples over 3 s. */
export async function settledRssMb(pid) {
  let lowest = Infinity;
  for (let i = 0; i < 6; i++) {
    await sleep(500);
    lowest = Math.min(lowest, statusKb(pid, 'VmRSS') / 1024);
  }
  return lowest;
}

/**
 * The loop probe in a process that does nothing else: on a shared machine the OS (or the host of a virtual machine)
 * sometimes gives no core to anyone for a while, and a stall this process also saw is not the server's.
 */
export function startControl() {
  const child = spawn(process.execPath, ['--import', PROBE, '-e', 'setInterval(() => {}, 1000)'], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  return {
    stalls: () =>
      new Promise((resolve) => {
        child.once('message', ({ stalls }) => resolve(stalls.map(([at, ms]) => ({ at, ms }))));
        child.send('stalls');
      }),
    stop: () => child.kill('SIGTERM'),
  };
}

export function freePort() {
  return new Promise((done, fail) => {
    const probe = createServer()
      .once('error', fail)
      .listen(0, HOST, () => {
        const { port } = probe.address();
        probe.close(() => done(port));
      });
  });
}

/**
 * The built server on `url` with the loop probe preloaded (`stalls()` asks it over IPC); resolves once its check
 * index is built and it answers ready. `env` adds to or overrides the production-like environment; `onLine` is given
 * every line the server logs from its start.
 */
export async function startServer(url, env = {}, { onLine } = {}) {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', PROBE, MAIN], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH,
      DATABASE_URL: url,
      ...migrationEnv(url),
      NODE_ENV: 'production',
      LOAD_DEMO_DATA: 'true',
      LOG_LEVEL: 'info',
      RATE_LIMIT_PER_MINUTE: '100000000',
      SIGNING_KEY_FILE: benchSigningKey(),
      // Off unless a bench asks for it (publish.bench.mjs): publishing would compete with what the others measure.
      PUBLISHER: 'false',
      HOST,
      PORT: String(port),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  const exited = new Promise((done) => child.once('exit', (code, signal) => done({ code, signal })));
  const server = { pid: child.pid, base: `http://${HOST}:${port}`, startedAt: 0, listeningAt: 0, builtAt: 0, buildMs: 0, lines: [] };
  const lastLines = [];
  const started = new Promise((resolve) => {
    let pending = '';
    const onData = (chunk) => {
      pending += chunk.toString();
      const lines = pending.split('\n');
      pending = lines.pop();
      for (const line of lines) {
        lastLines.push(line);
        lastLines.splice(0, lastLines.length - 30);
        // Request logs are skipped unread: only start-up lines are parsed.
        if (line.includes('"Nest application successfully started"')) server.startedAt = JSON.parse(line).time;
        if (line.includes('"Registry listening"')) server.listeningAt = JSON.parse(line).time;
        if (line.includes('"Check index built"') && !server.builtAt) {
          const logged = JSON.parse(line);
          server.builtAt = logged.time;
          server.buildMs = logged.buildMs;
          resolve();
        }
        onLine?.(line);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (chunk) => lastLines.push(chunk.toString()));
  });
  const outcome = await Promise.race([started.then(() => 'built'), exited.then(() => 'exited'), sleep(180_000).then(() => 'timeout')]);
  if (outcome !== 'built') {
    child.kill('SIGKILL');
    throw new Error(`server ${outcome} before its index was built:\n${lastLines.join('\n')}`);
  }
  for (let i = 0; i < 200 && (await get(`${server.base}/health/ready`).catch(() => ({ status: 0 }))).status !== 200; i++) await sleep(50);
  server.stalls = () =>
    new Promise((resolve) => {
      child.once('message', ({ stalls }) => resolve(stalls.map(([at, ms]) => ({ at, ms }))));
      child.send('stalls');
    });
  server.stop = async () => {
    if (child.exitCode !== null) return;
    child.kill('SIGTERM');
    await Promise.race([exited, sleep(20_000).then(() => child.kill('SIGKILL'))]);
  };
  return server;
}

export const agent = new http.Agent({ keepAlive: true, maxSockets: 4 });

export function get(url, headers = {}) {
  return new Promise((resolve, reject) => {
    http
      .get(url, { agent, headers }, (res) => {
        const chunks = [];
        res.on('data', (chunk) => chunks.push(chunk));
        res.on('end', () => {
          const bytes = Buffer.concat(chunks);
          resolve({ status: res.statusCode, headers: res.headers, bytes, body: bytes.toString() });
        });
      })
      .on('error', reject);
  });
}

export const fmt = (x, digits = 0) =>
  Number.isFinite(x) ? x.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits }) : '-';
export const pct = (x) => `${Math.round(x * 100)}%`;
export const mark = (ok) => (ok ? 'ok' : 'MISSED');

/** POST `body` as JSON with the API key; resolves with the parsed answer when its status is one of `ok`. */
export function post(url, key, body, ok = [201]) {
  return new Promise((resolve, reject) => {
    const data = JSON.stringify(body);
    const req = http.request(
      url,
      { method: 'POST', agent, headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json', 'content-length': Buffer.byteLength(data) } },
      (res) => {
        let text = '';
        res.on('data', (chunk) => (text += chunk));
        res.on('end', () => (ok.includes(res.statusCode) ? resolve(JSON.parse(text)) : reject(new Error(`POST ${url} answered ${res.statusCode}: ${text}`))));
      },
    );
    req.on('error', reject);
    req.end(data);
  });
}
