// Benchmark: GET /v1/check on the built server against a bare Fastify route serving a JSON body of the same size,
// measured with autocannon in the same run. It prints figures and ratios and asserts no speed (STYLE.md "Tests").
//
//   npm run bench                                   (builds, then runs this file)
//   node_modules/.bin/node test/perf/check.bench.mjs (after npm run build)
//
// Env: BENCH_SECONDS (10) per measured run, BENCH_CONNECTIONS (50), BENCH_ROUNDS (2), BENCH_WARMUP_SECONDS (3),
// BENCH_CASES (blocked,licensed,unknown; also: live), BENCH_CPU_PROF (a folder: both servers run with --cpu-prof).
// See test/perf/README.md for what the columns mean and why the figures move on a 2-core machine.
// Exit code: 0 whatever the ratio; 1 when a server fails to start or any request errors, times out or is not 2xx.
import autocannon from 'autocannon';
import { fork, spawn } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const HOST = '127.0.0.1';
const TARGET_RATIO = 0.5;
/** Above this share of a core used by other processes during a run, its figures are flagged as noisy. */
const NOISY_OTHER_CPU = 0.25;

const checkCase = (q) => ({ path: `/v1/check?q=${encodeURIComponent(q)}`, label: `q=${q}` });
const CASES = {
  blocked: { ...checkCase('https://www.coinbase.com/login'), verdict: 'blocked' },
  licensed: { ...checkCase('www.binance.com'), verdict: 'licensed' },
  unknown: { ...checkCase('example.org'), verdict: 'unknown' },
  // Not run by default: the cost of the server's stack (hooks, helmet, rate limit) around an almost empty route.
  live: { path: '/health/live', label: 'GET /health/live (floor)' },
};
const DEFAULT_CASES = 'blocked,licensed,unknown';

// ---------------------------------------------------------------------------------------------------------------
// The baseline lives in its own process, like the real server: if it shared the bench process it would share one
// thread with autocannon and the comparison would favour /v1/check.
async function runBareServer() {
  const { default: Fastify } = await import('fastify');
  const app = Fastify({ logger: false });
  process.once('message', async ({ bodies }) => {
    for (const [name, text] of Object.entries(bodies)) {
      const body = JSON.parse(text); // serialised per request, as Nest's reply.send(object) does
      app.get(`/${name}`, (_request, reply) => {
        reply.send(body);
      });
    }
    await app.listen({ port: 0, host: HOST });
    process.send({ port: app.server.address().port });
  });
  process.once('disconnect', () => void app.close().finally(() => process.exit(0)));
  process.once('SIGTERM', () => void app.close().finally(() => process.exit(0)));
}

// ---------------------------------------------------------------------------------------------------------------
async function main() {
  const opts = {
    seconds: positiveInt('BENCH_SECONDS', 10),
    connections: positiveInt('BENCH_CONNECTIONS', 50),
    rounds: positiveInt('BENCH_ROUNDS', 2),
    warmup: nonNegativeInt('BENCH_WARMUP_SECONDS', 3),
    cases: (process.env.BENCH_CASES || DEFAULT_CASES)
      .split(',')
      .map((c) => c.trim())
      .filter(Boolean),
    cpuProf: process.env.BENCH_CPU_PROF ? resolve(process.env.BENCH_CPU_PROF) : undefined,
  };
  for (const name of opts.cases) {
    if (!CASES[name]) throw new Error(`BENCH_CASES: unknown case "${name}" (known: ${Object.keys(CASES).join(', ')})`);
  }

  const mainJs = join(ROOT, 'dist/src/main.js');
  if (!existsSync(mainJs)) throw new Error(`${mainJs} not found: run npm run build first`);
  const stale = newestMtime(join(ROOT, 'src')) > statSync(mainJs).mtimeMs;

  if (Number(process.versions.node.split('.')[0]) !== 24) {
    console.warn(`warning: running on Node ${process.version}; the project pins Node 24 (node_modules/.bin/node)`);
  }
  if (stale) console.warn('warning: src/ has files newer than dist/src/main.js; the figures are for the last build');

  const cleanup = new Cleanup();
  const onSignal = (signal) => {
    console.error(`\n${signal}: stopping servers`);
    void cleanup.run().finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  try {
    const nest = await startRegistry(mainJs, opts, cleanup);
    const bodies = {};
    const sizes = {};
    for (const name of opts.cases) {
      const sample = await fetchSample(`${nest.url}${CASES[name].path}`);
      if (CASES[name].verdict && sample.json.verdict !== CASES[name].verdict) {
        console.warn(`warning: ${name} case: verdict "${sample.json.verdict}", expected "${CASES[name].verdict}"`);
      }
      bodies[name] = sample.text;
      sizes[name] = { check: sample.bytes };
    }

    const bare = await startBare(bodies, opts, cleanup);
    for (const name of opts.cases) sizes[name].bare = (await fetchSample(`${bare.url}/${name}`)).bytes;

    const targets = (name) => ({
      bare: { url: `${bare.url}/${name}`, pid: bare.pid },
      check: { url: `${nest.url}${CASES[name].path}`, pid: nest.pid },
    });

    console.log(
      `\nGET /v1/check vs bare Fastify ${fastifyVersion()} — Node ${process.version}, ${availableParallelism()} CPUs, ` +
        `autocannon ${opts.connections} connections, ${opts.seconds} s per run, ${opts.rounds} round(s), ` +
        `warm-up ${opts.warmup} s per target`,
    );
    if (opts.cpuProf) {
      console.log(
        `CPU profiles, written when the servers stop: ${opts.cpuProf} (registry pid ${nest.pid}, bare pid ${bare.pid})`,
      );
    }
    console.log('Body sizes (bytes, JSON body only):');
    for (const name of opts.cases) {
      console.log(
        `  ${name.padEnd(9)} ${CASES[name].label.padEnd(33)} check ${sizes[name].check}  bare ${sizes[name].bare}`,
      );
    }

    if (opts.warmup > 0) {
      process.stderr.write('warming up…');
      for (const name of opts.cases) {
        for (const t of Object.values(targets(name))) {
          await load(t.url, { ...opts, seconds: opts.warmup });
        }
      }
      process.stderr.write(' done\n');
    }

    // ABBA order (bare, check, then check, bare) so that drift in machine speed weighs on both sides alike.
    const rows = [];
    for (let round = 1; round <= opts.rounds; round++) {
      const order = round % 2 === 1 ? ['bare', 'check'] : ['check', 'bare'];
      for (const name of opts.cases) {
        for (const target of order) {
          const t = targets(name)[target];
          process.stderr.write(`round ${round}: ${name} ${target}…\n`);
          rows.push({ name, round, target, ...(await measure(t, opts)) });
        }
      }
    }

    const failed = printReport(rows, opts, sizes);
    return failed ? 1 : 0;
  } finally {
    await cleanup.run();
  }
}

// ---------------------------------------------------------------------------------------------------------------
async function startRegistry(mainJs, opts, cleanup) {
  const [port, pgPort] = [await freePort(), await freePort()];
  const pgDir = join(ROOT, '.data', `bench-${process.pid}`);
  const env = {
    ...process.env,
    NODE_ENV: 'production',
    HOST,
    PORT: String(port),
    EMBEDDED_PG_DIR: pgDir,
    EMBEDDED_PG_PORT: String(pgPort),
    LOAD_DEMO_DATA: 'true',
    LOG_LEVEL: 'warn',
    RATE_LIMIT_PER_MINUTE: '100000000',
  };
  delete env.DATABASE_URL; // always the throwaway embedded cluster, never somebody's database
  const nodeArgs = opts.cpuProf ? ['--cpu-prof', `--cpu-prof-dir=${opts.cpuProf}`] : [];

  const child = spawn(process.execPath, [...nodeArgs, mainJs], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const output = tail(child, 40);
  const exited = new Promise((done) => child.once('exit', (code, signal) => done({ code, signal })));
  let running = true;
  let ready = false; // before that, a failure message carries the output
  void exited.then(() => (running = false));

  cleanup.add(async () => {
    const stopping = performance.now();
    if (running) {
      child.kill('SIGTERM'); // main.ts closes Nest and stops its PostgreSQL on SIGTERM
      const stopped = await Promise.race([
        exited.then(() => true),
        sleep(20_000, undefined, { ref: false }).then(() => false),
      ]);
      if (!stopped) {
        console.warn('warning: registry did not stop within 20 s; killing it');
        child.kill('SIGKILL');
        await exited;
      }
    }
    process.stderr.write(`registry stopped in ${fmt((performance.now() - stopping) / 1000, 1)} s\n`);
    // LOG_LEVEL is warn, so anything it said deserves a look (shown after the figures, on stderr).
    if (ready) for (const logged of output()) process.stderr.write(`registry log: ${logged.slice(0, 400)}\n`);
    await stopOrphanPostgres(pgDir);
    rmSync(pgDir, { recursive: true, force: true });
    rmSync(`${pgDir}.password`, { force: true });
  });

  const url = `http://${HOST}:${port}`;
  const deadline = Date.now() + 120_000;
  while (running && Date.now() < deadline) {
    const res = await fetch(`${url}/health/ready`, { signal: AbortSignal.timeout(2000) }).catch(() => undefined);
    if (res) await res.arrayBuffer();
    if (res?.status === 200) {
      ready = true;
      return { url, pid: child.pid };
    }
    await sleep(250);
  }
  const why = running ? 'not ready after 120 s' : `exited (${JSON.stringify(await exited)})`;
  throw new Error(`registry server ${why}; its last output:\n${output().join('\n') || '(none)'}`);
}

async function startBare(bodies, opts, cleanup) {
  // execArgv chosen here, not inherited: flags given to the bench process must not slow one side only.
  const execArgv = opts.cpuProf ? ['--cpu-prof', `--cpu-prof-dir=${opts.cpuProf}`] : [];
  const child = fork(fileURLToPath(import.meta.url), ['--bare-server'], {
    execArgv,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const exited = new Promise((done) => child.once('exit', (code, signal) => done({ code, signal })));
  let running = true;
  void exited.then(() => (running = false));
  cleanup.add(async () => {
    if (!running) return;
    child.kill('SIGTERM');
    await Promise.race([exited, sleep(5000, undefined, { ref: false }).then(() => child.kill('SIGKILL'))]);
  });
  child.send({ bodies });
  const ready = await Promise.race([
    new Promise((done) => child.once('message', done)),
    exited.then((how) => ({ exited: how })),
    sleep(30_000, undefined, { ref: false }).then(() => ({ timeout: true })),
  ]);
  if (!ready.port) throw new Error(`bare Fastify server did not start: ${JSON.stringify(ready)}`);
  return { url: `http://${HOST}:${ready.port}`, pid: child.pid };
}

async function fetchSample(url) {
  const res = await fetch(url, { signal: AbortSignal.timeout(10_000) });
  const text = await res.text();
  if (res.status !== 200) throw new Error(`GET ${url} answered ${res.status}: ${text.slice(0, 300)}`);
  return { text, json: JSON.parse(text), bytes: Buffer.byteLength(text) };
}

function load(url, opts) {
  return autocannon({ url, connections: opts.connections, duration: opts.seconds, pipelining: 1, timeout: 10 });
}

async function measure(target, opts) {
  const serverBefore = processCpuMs(target.pid);
  const clientBefore = process.cpuUsage();
  const machineBefore = machineBusyMs();
  const started = performance.now();
  const r = await load(target.url, opts);
  const wallMs = performance.now() - started;
  const serverAfter = processCpuMs(target.pid);
  const client = process.cpuUsage(clientBefore);
  const machineMs = machineBusyMs() - machineBefore;
  const serverMs = serverAfter.user + serverAfter.sys - serverBefore.user - serverBefore.sys;
  const clientMs = (client.user + client.system) / 1000;
  return {
    rps: r.requests.average,
    total: r.requests.total,
    p50: r.latency.p50,
    p99: r.latency.p99,
    errors: r.errors, // includes timeouts
    non2xx: r.non2xx,
    bytesPerResponse: r.requests.total ? r.throughput.total / r.requests.total : 0,
    serverCpu: serverMs / wallMs,
    serverSys: (serverAfter.sys - serverBefore.sys) / wallMs,
    clientCpu: clientMs / wallMs,
    otherCpu: Math.max(0, machineMs - serverMs - clientMs) / wallMs,
  };
}

// ---------------------------------------------------------------------------------------------------------------
const pct = (x) => (Number.isFinite(x) ? `${Math.round(x * 100)}%` : '-');
const COLUMNS = [
  ['case', 9, (r) => r.name],
  ['round', 5, (r) => r.round],
  ['target', 6, (r) => r.target],
  ['req/s', 10, (r) => fmt(r.rps, 0)],
  ['p50 ms', 6, (r) => fmt(r.p50, 1)],
  ['p99 ms', 7, (r) => `${fmt(r.p99, 1)}${r.round === 'all' ? '*' : ''}`],
  ['errors', 6, (r) => r.errors],
  ['non-2xx', 7, (r) => r.non2xx],
  ['bytes/resp', 10, (r) => fmt(r.bytesPerResponse, 0)],
  ['srv CPU', 7, (r) => pct(r.serverCpu)],
  ['of it sys', 9, (r) => pct(r.serverSys)],
  ['ab CPU', 6, (r) => pct(r.clientCpu)],
  ['other CPU', 9, (r) => `${pct(r.otherCpu)}${r.round !== 'all' && r.otherCpu > NOISY_OTHER_CPU ? '!' : ' '}`],
  ['check/bare', 10, (r) => (r.ratio === undefined ? '' : fmt(r.ratio, 2))],
];
const tableLine = (cells) => cells.map((c, i) => String(c)[i < 3 ? 'padEnd' : 'padStart'](COLUMNS[i][1])).join('  ');
const ruleLine = () => tableLine(COLUMNS.map(([, width]) => '-'.repeat(width)));

/** Prints the table and the ratio lines; returns true when any request failed. */
function printReport(rows, opts, sizes) {
  console.log(`\n${tableLine(COLUMNS.map(([head]) => head))}`);
  console.log(ruleLine());
  const summaries = [];
  for (const name of opts.cases) {
    const mine = rows.filter((r) => r.name === name);
    const printed = [];
    for (let round = 1; round <= opts.rounds; round++) {
      const bare = mine.find((r) => r.round === round && r.target === 'bare');
      for (const r of mine.filter((x) => x.round === round)) {
        printed.push(r.target === 'check' ? { ...r, ratio: r.rps / bare.rps } : r);
      }
    }
    // Over all rounds: mean req/s (each run lasts equally long), the worst round's p99.
    const overall = (target) => {
      const xs = mine.filter((r) => r.target === target);
      const avg = (field) => mean(xs.map((r) => r[field]));
      return {
        name,
        round: 'all',
        target,
        rps: avg('rps'),
        p50: avg('p50'),
        p99: Math.max(...xs.map((r) => r.p99)),
        errors: sum(xs.map((r) => r.errors)),
        non2xx: sum(xs.map((r) => r.non2xx)),
        bytesPerResponse: avg('bytesPerResponse'),
        serverCpu: avg('serverCpu'),
        serverSys: avg('serverSys'),
        clientCpu: avg('clientCpu'),
        otherCpu: avg('otherCpu'),
      };
    };
    const bare = overall('bare');
    const check = { ...overall('check'), ratio: overall('check').rps / bare.rps };
    for (const r of [...printed, bare, check]) console.log(tableLine(COLUMNS.map(([, , cell]) => cell(r))));
    console.log(ruleLine());
    summaries.push({
      name,
      ratio: check.ratio,
      noisy: mine.filter((r) => r.otherCpu > NOISY_OTHER_CPU).length,
      of: mine.length,
    });
  }
  const bodySizes = opts.cases.map((n) => `${n} ${sizes[n].check}/${sizes[n].bare}`).join(', ');
  console.log(
    'req/s: autocannon mean of 1-s samples; "all" rows: mean over rounds, p99* = worst round. bytes/resp includes\n' +
      'headers. srv CPU: the server process\'s CPU time / wall time (100% = one core), "of it sys" the kernel part;\n' +
      "ab CPU: autocannon's (this process). other CPU: the rest of the machine; ! marks a run above " +
      `${pct(NOISY_OTHER_CPU)},\nwhich competed with other work: its figures are unreliable.\n` +
      `Body sizes (JSON only, check/bare): ${bodySizes}.`,
  );

  console.log('');
  for (const { name, ratio, noisy, of } of summaries) {
    const verdict = ratio >= TARGET_RATIO ? 'meets' : 'BELOW';
    const warning = noisy ? `; ${noisy} of ${of} runs noisy` : '';
    console.log(
      `${name.padEnd(9)} ${CASES[name].label}: check/bare ratio ${fmt(ratio, 2)} (${verdict} target${warning})`,
    );
  }
  const headline = summaries.find((s) => s.name === 'blocked') ?? summaries[0];
  console.log(`check/bare requests/s ratio: ${fmt(headline.ratio, 2)} (target >= ${TARGET_RATIO})`);

  const bad = rows.filter((r) => r.errors > 0 || r.non2xx > 0);
  for (const r of bad) {
    console.error(`FAILED: ${r.name} round ${r.round} ${r.target}: ${r.errors} errors, ${r.non2xx} non-2xx`);
  }
  return bad.length > 0;
}

// ---------------------------------------------------------------------------------------------------------------
class Cleanup {
  #tasks = [];
  #running;
  add(task) {
    this.#tasks.push(task);
  }
  run() {
    this.#running ??= (async () => {
      for (const task of this.#tasks.reverse()) {
        await task().catch((error) => console.error(`cleanup: ${error instanceof Error ? error.message : error}`));
      }
    })();
    return this.#running;
  }
}

/** If the registry had to be killed, its PostgreSQL outlives it: stop that one process, found by its pid file. */
async function stopOrphanPostgres(pgDir) {
  const pidFile = join(pgDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !alive(pid)) return;
  console.warn(`warning: stopping leftover PostgreSQL (pid ${pid})`);
  process.kill(pid, 'SIGINT'); // PostgreSQL's "fast" shutdown
  for (let i = 0; i < 40 && alive(pid); i++) await sleep(250);
}

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}

/** User and system CPU time of a process in ms, from /proc (Linux); NaN elsewhere. */
function processCpuMs(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { user: Number(fields[11]) * 10, sys: Number(fields[12]) * 10 }; // utime, stime in USER_HZ (100 on Linux)
  } catch {
    return { user: NaN, sys: NaN };
  }
}

/** CPU time all cores spent not idle, in ms, from /proc/stat (Linux); NaN elsewhere. */
function machineBusyMs() {
  try {
    const [, ...jiffies] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).map(Number);
    const [user, nice, system, , , irq, softirq, steal] = jiffies; // idle and iowait left out
    return (user + nice + system + irq + softirq + steal) * 10;
  } catch {
    return NaN;
  }
}

function tail(child, lines) {
  const kept = [];
  const keep = (chunk) => {
    kept.push(...chunk.toString().split('\n').filter(Boolean));
    kept.splice(0, Math.max(0, kept.length - lines));
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  return () => [...kept];
}

function freePort() {
  return new Promise((done, fail) => {
    const probe = createServer()
      .once('error', fail)
      .listen(0, HOST, () => {
        const { port } = probe.address();
        probe.close(() => done(port));
      });
  });
}

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) newest = Math.max(newest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

function fastifyVersion() {
  return JSON.parse(readFileSync(join(ROOT, 'node_modules/fastify/package.json'), 'utf8')).version;
}

function positiveInt(name, fallback) {
  const n = Number(process.env[name] || fallback);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a positive integer, got "${process.env[name]}"`);
  return n;
}

function nonNegativeInt(name, fallback) {
  const raw = process.env[name];
  const n = raw === undefined || raw === '' ? fallback : Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a whole number of seconds, got "${raw}"`);
  return n;
}

const sum = (xs) => xs.reduce((a, b) => a + b, 0);
const mean = (xs) => sum(xs) / xs.length;
const fmt = (x, digits) =>
  Number.isFinite(x)
    ? x.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits })
    : '-';

// Last, so that the class and constants above are initialised before the top-level await runs.
if (process.argv[2] === '--bare-server') {
  await runBareServer();
} else {
  process.exitCode = await main().catch((error) => {
    console.error(`\nbench failed: ${error instanceof Error ? error.message : error}`);
    return 1;
  });
}
