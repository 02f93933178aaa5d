// Benchmark: GET /v1/check on the built server, with its answer cache and without it, against two references serving
// the very body the check's requests get: a bare Fastify route (the floor of any Fastify route) and a minimal Nest 12 +
// Fastify route (the ceiling of any Nest route), all measured with autocannon in the same run, side by side. It
// prints figures and ratios and asserts no speed (STYLE.md "Tests").
//
//   npm run bench                                   (builds, then runs this file)
//   node_modules/.bin/node test/perf/check.bench.mjs (after npm run build)
//
// Env: BENCH_SECONDS (10) per measured run, BENCH_CONNECTIONS (50), BENCH_ROUNDS (2), BENCH_WARMUP_SECONDS (3),
// BENCH_CASES (blocked,licensed,unknown,lookalike,name,warned; also: live), BENCH_TARGETS (bare,nest,check,nocache),
// BENCH_BARE_BODY (object: the references serialise the body per request; string: they send the JSON text),
// BENCH_CPU_PROF (a folder: every server runs with --cpu-prof).
// See test/perf/README.md for what the columns mean and why the figures move on a 2-core machine.
// Exit code: 0 whatever the ratio; 1 when a server fails to start or any request errors, times out or is not 2xx.
import autocannon from 'autocannon';
import { fork, spawn } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { benchSigningKey, freePort, HOST, machineBusyMs, ROOT } from './bench-kit.mjs';

/** Issue 9's targets: with the cache, of bare Fastify's requests/s and p99 at 50 connections; without it. */
const TARGET = { check: 0.6, nocache: 0.4, p99Ms: 10 };
/** Above this share of a core used by other processes during a run, its figures are flagged as noisy. */
const NOISY_OTHER_CPU = 0.25;

const checkCase = (q) => ({ path: `/v1/check?q=${encodeURIComponent(q)}`, label: `q=${q}` });
const CASES = {
  blocked: { ...checkCase('https://www.coinbase.com/login'), verdict: 'blocked' },
  licensed: { ...checkCase('www.binance.com'), verdict: 'licensed' },
  unknown: { ...checkCase('example.org'), verdict: 'unknown' },
  // Issue 11: a look-alike of a licensed brand, a name typed in Cyrillic, and a brand AFSA has warned about.
  lookalike: { ...checkCase('binance-kz.com'), verdict: 'lookalike' },
  name: { ...checkCase('Байбит'), verdict: 'licensed' },
  warned: { ...checkCase('okx.com'), verdict: 'warned' },
  // Not run by default: the cost of the server's stack (hooks, headers, rate limit) around an almost empty route.
  live: { path: '/health/live', label: 'GET /health/live (floor)' },
};
const DEFAULT_CASES = 'blocked,licensed,unknown,lookalike,name,warned';
/** Who answers: the references first, then the registry with its answer cache and without it. */
const TARGETS = {
  bare: 'bare Fastify route',
  nest: 'minimal Nest 12 + Fastify route',
  check: 'registry, answer cache on (default)',
  nocache: 'registry, CHECK_ANSWER_CACHE_MB=0',
};
const DEFAULT_TARGETS = 'bare,nest,check,nocache';

// ---------------------------------------------------------------------------------------------------------------
// The references live in processes of their own, like the registry: sharing the bench process, they would share one
// thread with autocannon and the comparison would favour /v1/check.

/** The body of each case as the references send it: parsed (serialised per request, as a route returning an object
 * is) or the JSON text as it is. */
const bodyOf = (text, kind) => (kind === 'string' ? text : JSON.parse(text));

async function runBareServer() {
  const { default: Fastify } = await import('fastify');
  const app = Fastify({ logger: false });
  process.once('message', async ({ bodies, bodyKind }) => {
    for (const [name, text] of Object.entries(bodies)) {
      const body = bodyOf(text, bodyKind);
      app.get(
        `/${name}`,
        bodyKind === 'string'
          ? (_request, reply) => void reply.type('application/json; charset=utf-8').send(body)
          : (_request, reply) => void reply.send(body),
      );
    }
    await app.listen({ port: 0, host: HOST });
    process.send({ port: app.server.address().port });
  });
  process.once('disconnect', () => void app.close().finally(() => process.exit(0)));
  process.once('SIGTERM', () => void app.close().finally(() => process.exit(0)));
}

/** Nest 12 on Fastify with one controller, one route per case and nothing else (what the style guide calls the
 * ceiling any route can approach). Decorators are applied by hand: this file is plain JavaScript. */
async function runNestServer() {
  await import('reflect-metadata');
  const { Controller, Get, Header, Module } = await import('@nestjs/common');
  const { NestFactory } = await import('@nestjs/core');
  const { FastifyAdapter } = await import('@nestjs/platform-fastify');
  process.once('message', async ({ bodies, bodyKind }) => {
    class BodiesController {}
    for (const [name, text] of Object.entries(bodies)) {
      const body = bodyOf(text, bodyKind);
      const handler = () => body;
      Object.defineProperty(BodiesController.prototype, name, { value: handler, configurable: true, writable: true });
      const descriptor = Object.getOwnPropertyDescriptor(BodiesController.prototype, name);
      if (bodyKind === 'string') Header('content-type', 'application/json; charset=utf-8')(BodiesController.prototype, name, descriptor);
      Get(name)(BodiesController.prototype, name, descriptor);
    }
    Controller()(BodiesController);
    class BenchModule {}
    Module({ controllers: [BodiesController] })(BenchModule);
    const app = await NestFactory.create(BenchModule, new FastifyAdapter(), { logger: false });
    await app.listen(0, HOST);
    process.send({ port: app.getHttpServer().address().port });
    const stop = () => void app.close().finally(() => process.exit(0));
    process.once('disconnect', stop);
    process.once('SIGTERM', stop);
  });
}

// ---------------------------------------------------------------------------------------------------------------
async function main() {
  const list = (name, fallback, known) => {
    const items = (process.env[name] || fallback)
      .split(',')
      .map((c) => c.trim())
      .filter(Boolean);
    for (const item of items) {
      if (!known[item]) throw new Error(`${name}: unknown "${item}" (known: ${Object.keys(known).join(', ')})`);
    }
    return items;
  };
  const opts = {
    seconds: positiveInt('BENCH_SECONDS', 10),
    connections: positiveInt('BENCH_CONNECTIONS', 50),
    rounds: positiveInt('BENCH_ROUNDS', 2),
    warmup: nonNegativeInt('BENCH_WARMUP_SECONDS', 3),
    cases: list('BENCH_CASES', DEFAULT_CASES, CASES),
    targets: list('BENCH_TARGETS', DEFAULT_TARGETS, TARGETS),
    bodyKind: process.env.BENCH_BARE_BODY || 'object',
    cpuProf: process.env.BENCH_CPU_PROF ? resolve(process.env.BENCH_CPU_PROF) : undefined,
  };
  if (!['object', 'string'].includes(opts.bodyKind)) throw new Error('BENCH_BARE_BODY: object or string');

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
    // The registry twice, on one database: the second joins the embedded PostgreSQL the first started.
    const pgDir = join(ROOT, '.data', `bench-${process.pid}`);
    const servers = {};
    const wants = (target) => opts.targets.includes(target) || (target === 'check' && opts.targets.includes('nocache'));
    if (wants('check')) servers.check = await startRegistry('check', mainJs, pgDir, {}, opts, cleanup);
    if (opts.targets.includes('nocache')) servers.nocache = await startRegistry('nocache', mainJs, pgDir, { CHECK_ANSWER_CACHE_MB: '0' }, opts, cleanup);
    const sampler = servers.check ?? servers.nocache;

    // Each body as autocannon's own requests get it (the same request line and headers), not as fetch would ask.
    const bodies = {};
    const sizes = {};
    for (const name of opts.cases) {
      const sample = await sampleResponse(`${sampler.url}${CASES[name].path}`);
      if (CASES[name].verdict && sample.json.verdict !== CASES[name].verdict) {
        console.warn(`warning: ${name} case: verdict "${sample.json.verdict}", expected "${CASES[name].verdict}"`);
      }
      bodies[name] = sample.text;
      sizes[name] = { check: sample.bytes };
      if (servers.check && servers.nocache) {
        // Twice through the cache (the second is a kept answer) and once without: the same answer, time aside.
        await sampleResponse(`${servers.check.url}${CASES[name].path}`);
        const kept = await sampleResponse(`${servers.check.url}${CASES[name].path}`);
        const fresh = await sampleResponse(`${servers.nocache.url}${CASES[name].path}`);
        if (!sameAnswer(kept.json, fresh.json) || !sameAnswer(sample.json, fresh.json)) {
          throw new Error(`${name} case: the cached answer differs from the computed one:\n${kept.text}\n${fresh.text}`);
        }
      }
    }

    if (opts.targets.includes('bare')) servers.bare = await startReference('--bare-server', bodies, opts, cleanup);
    if (opts.targets.includes('nest')) servers.nest = await startReference('--nest-server', bodies, opts, cleanup);
    const urlOf = (target, name) => (target === 'bare' || target === 'nest' ? `${servers[target].url}/${name}` : `${servers[target].url}${CASES[name].path}`);
    for (const name of opts.cases) {
      for (const target of ['bare', 'nest'].filter((t) => servers[t])) {
        const sample = await sampleResponse(urlOf(target, name));
        if (sample.text !== bodies[name]) throw new Error(`${target} reference does not serve the ${name} body it was given`);
        sizes[name][target] = sample.bytes;
      }
    }

    console.log(
      `\nGET /v1/check against bare Fastify ${packageVersion('fastify')} and Nest ${packageVersion('@nestjs/core')} — ` +
        `Node ${process.version}, ${availableParallelism()} CPUs, autocannon ${opts.connections} connections, ` +
        `${opts.seconds} s per run, ${opts.rounds} round(s), warm-up ${opts.warmup} s per target`,
    );
    console.log(
      'Registry: NODE_ENV=production, LOG_LEVEL=info (LOG_REQUEST_SAMPLE_RATE default), demo data loaded; references ' +
        (opts.bodyKind === 'object' ? 'serialise the body per request (BENCH_BARE_BODY=object)' : 'send the JSON text (BENCH_BARE_BODY=string)'),
    );
    for (const target of opts.targets) console.log(`  ${target.padEnd(8)} ${TARGETS[target]} (pid ${servers[target].pid})`);
    if (opts.cpuProf) console.log(`CPU profiles, written when the servers stop: ${opts.cpuProf}`);
    console.log('Body sizes (bytes, JSON body only, the same for every target):');
    for (const name of opts.cases) console.log(`  ${name.padEnd(9)} ${CASES[name].label.padEnd(33)} ${sizes[name].check}`);

    if (opts.warmup > 0) {
      process.stderr.write('warming up…');
      for (const name of opts.cases) {
        for (const target of opts.targets) await load(urlOf(target, name), { ...opts, seconds: opts.warmup });
      }
      process.stderr.write(' done\n');
    }

    // The targets in turn, the order reversed every other round, so that drift in machine speed weighs on all alike.
    const rows = [];
    for (let round = 1; round <= opts.rounds; round++) {
      const order = round % 2 === 1 ? opts.targets : [...opts.targets].reverse();
      for (const name of opts.cases) {
        for (const target of order) {
          process.stderr.write(`round ${round}: ${name} ${target}…\n`);
          rows.push({ name, round, target, ...(await measure({ url: urlOf(target, name), pid: servers[target].pid }, opts)) });
        }
      }
    }

    const failed = printReport(rows, opts);
    return failed ? 1 : 0;
  } finally {
    await cleanup.run();
  }
}

/** Two answers alike but for the time they were given. */
function sameAnswer(a, b) {
  return JSON.stringify({ ...a, checkedAt: null }) === JSON.stringify({ ...b, checkedAt: null });
}

// ---------------------------------------------------------------------------------------------------------------
async function startRegistry(name, mainJs, pgDir, extraEnv, opts, cleanup) {
  const port = await freePort();
  const pgPort = existsSync(pgDir) ? undefined : await freePort();
  const logFile = `${pgDir}-${name}.log`;
  const env = {
    ...process.env,
    // Production-like: the default request logging at info, to a file (as a log collector would take it).
    NODE_ENV: 'production',
    LOG_LEVEL: 'info',
    LOAD_DEMO_DATA: 'true',
    HOST,
    PORT: String(port),
    EMBEDDED_PG_DIR: pgDir,
    ...(pgPort ? { EMBEDDED_PG_PORT: String(pgPort) } : {}),
    RATE_LIMIT_PER_MINUTE: '100000000',
    // Production refuses to start without a signing key: the bench's own, made once.
    SIGNING_KEY_FILE: benchSigningKey(),
    // No publishing: it would compete with what this bench measures (publish.bench.mjs measures it).
    PUBLISHER: 'false',
  };
  delete env.DATABASE_URL; // always the throwaway embedded cluster, never somebody's database
  // The defaults of the service, whatever the shell running the bench has set; then this instance's own.
  for (const key of ['LOG_REQUEST_SAMPLE_RATE', 'LOG_SLOW_REQUEST_MS', 'CHECK_ANSWER_CACHE_MB']) delete env[key];
  Object.assign(env, extraEnv);
  const nodeArgs = opts.cpuProf ? ['--cpu-prof', `--cpu-prof-dir=${opts.cpuProf}`] : [];

  const log = openSync(logFile, 'w');
  const child = spawn(process.execPath, [...nodeArgs, mainJs], { cwd: ROOT, env, stdio: ['ignore', log, log] });
  closeSync(log);
  const exited = new Promise((done) => child.once('exit', (code, signal) => done({ code, signal })));
  let running = true;
  void exited.then(() => (running = false));
  const output = () => (existsSync(logFile) ? readFileSync(logFile, 'utf8').split('\n').filter(Boolean) : []);

  cleanup.add(async () => {
    const stopping = performance.now();
    if (running) {
      child.kill('SIGTERM'); // main.ts closes Nest and stops the PostgreSQL it started on SIGTERM
      const stopped = await Promise.race([
        exited.then(() => true),
        sleep(20_000, undefined, { ref: false }).then(() => false),
      ]);
      if (!stopped) {
        console.warn(`warning: registry ${name} did not stop within 20 s; killing it`);
        child.kill('SIGKILL');
        await exited;
      }
    }
    process.stderr.write(`registry ${name} stopped in ${fmt((performance.now() - stopping) / 1000, 1)} s\n`);
    // What it logged above info deserves a look (shown after the figures, on stderr).
    for (const line of output().filter((l) => !/"level":(10|20|30),/.test(l)).slice(-20)) {
      process.stderr.write(`registry ${name} log: ${line.slice(0, 400)}\n`);
    }
    rmSync(logFile, { force: true });
    if (pgPort) {
      await stopOrphanPostgres(pgDir);
      rmSync(pgDir, { recursive: true, force: true });
      rmSync(`${pgDir}.password`, { force: true });
    }
  });

  const url = `http://${HOST}:${port}`;
  const deadline = Date.now() + 120_000;
  while (running && Date.now() < deadline) {
    const res = await fetch(`${url}/health/ready`, { signal: AbortSignal.timeout(2000) }).catch(() => undefined);
    if (res) await res.arrayBuffer();
    if (res?.status === 200) return { url, pid: child.pid };
    await sleep(250);
  }
  const why = running ? 'not ready after 120 s' : `exited (${JSON.stringify(await exited)})`;
  throw new Error(`registry server ${name} ${why}; its last output:\n${output().slice(-40).join('\n') || '(none)'}`);
}

async function startReference(flag, bodies, opts, cleanup) {
  // execArgv chosen here, not inherited: flags given to the bench process must not slow one side only.
  const execArgv = opts.cpuProf ? ['--cpu-prof', `--cpu-prof-dir=${opts.cpuProf}`] : [];
  const child = fork(fileURLToPath(import.meta.url), [flag], { execArgv, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const exited = new Promise((done) => child.once('exit', (code, signal) => done({ code, signal })));
  let running = true;
  void exited.then(() => (running = false));
  cleanup.add(async () => {
    if (!running) return;
    child.kill('SIGTERM');
    await Promise.race([exited, sleep(5000, undefined, { ref: false }).then(() => child.kill('SIGKILL'))]);
  });
  child.send({ bodies, bodyKind: opts.bodyKind });
  const ready = await Promise.race([
    new Promise((done) => child.once('message', done)),
    exited.then((how) => ({ exited: how })),
    sleep(30_000, undefined, { ref: false }).then(() => ({ timeout: true })),
  ]);
  if (!ready.port) throw new Error(`${flag} did not start: ${JSON.stringify(ready)}`);
  return { url: `http://${HOST}:${ready.port}`, pid: child.pid };
}

/** One response, asked for exactly as the measured runs ask (autocannon's request line and headers). */
async function sampleResponse(url) {
  let sample;
  const result = await autocannon({
    url,
    connections: 1,
    amount: 1,
    timeout: 10,
    requests: [{ method: 'GET', onResponse: (status, body) => (sample = { status, body }) }],
  });
  if (!sample || result.errors > 0) throw new Error(`GET ${url}: no answer`);
  if (sample.status !== 200) throw new Error(`GET ${url} answered ${sample.status}: ${sample.body.slice(0, 300)}`);
  return { text: sample.body, json: JSON.parse(sample.body), bytes: Buffer.byteLength(sample.body) };
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
const ratio = (x) => (x === undefined ? '' : fmt(x, 2));
const COLUMNS = [
  ['case', 9, (r) => r.name],
  ['round', 5, (r) => r.round],
  ['target', 7, (r) => r.target],
  ['req/s', 9, (r) => fmt(r.rps, 0)],
  ['p50 ms', 6, (r) => fmt(r.p50, 1)],
  ['p99 ms', 7, (r) => `${fmt(r.p99, 1)}${r.round === 'all' ? '*' : ''}`],
  ['errors', 6, (r) => r.errors],
  ['non-2xx', 7, (r) => r.non2xx],
  ['bytes/resp', 10, (r) => fmt(r.bytesPerResponse, 0)],
  ['srv CPU', 7, (r) => pct(r.serverCpu)],
  ['µs/req', 6, (r) => fmt((r.serverCpu / r.rps) * 1e6, 0)],
  ['of it sys', 9, (r) => pct(r.serverSys)],
  ['ab CPU', 6, (r) => pct(r.clientCpu)],
  ['other CPU', 9, (r) => `${pct(r.otherCpu)}${r.round !== 'all' && r.otherCpu > NOISY_OTHER_CPU ? '!' : ' '}`],
  ['/bare', 5, (r) => ratio(r.toBare)],
  ['/nest', 5, (r) => ratio(r.toNest)],
];
const tableLine = (cells) => cells.map((c, i) => String(c)[i < 3 ? 'padEnd' : 'padStart'](COLUMNS[i][1])).join('  ');
const ruleLine = () => tableLine(COLUMNS.map(([, width]) => '-'.repeat(width)));

/** Prints the table and the ratio lines; returns true when any request failed. */
function printReport(rows, opts) {
  console.log(`\n${tableLine(COLUMNS.map(([head]) => head))}`);
  console.log(ruleLine());
  const summaries = [];
  const withRatios = (r, bare, nest) => ({
    ...r,
    toBare: bare && r.target !== 'bare' ? r.rps / bare.rps : undefined,
    toNest: nest && r.target !== 'bare' && r.target !== 'nest' ? r.rps / nest.rps : undefined,
  });
  for (const name of opts.cases) {
    const mine = rows.filter((r) => r.name === name);
    for (let round = 1; round <= opts.rounds; round++) {
      const these = mine.filter((r) => r.round === round);
      const [bare, nest] = ['bare', 'nest'].map((t) => these.find((r) => r.target === t));
      for (const target of opts.targets) console.log(tableLine(COLUMNS.map(([, , cell]) => cell(withRatios(these.find((r) => r.target === target), bare, nest)))));
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
    const all = Object.fromEntries(opts.targets.map((t) => [t, overall(t)]));
    for (const target of opts.targets) {
      const row = withRatios(all[target], all.bare, all.nest);
      all[target] = row;
      console.log(tableLine(COLUMNS.map(([, , cell]) => cell(row))));
    }
    console.log(ruleLine());
    summaries.push({ name, all, noisy: mine.filter((r) => r.otherCpu > NOISY_OTHER_CPU).length, of: mine.length });
  }
  console.log(
    'req/s: autocannon mean of 1-s samples; "all" rows: mean over rounds, p99* = worst round. bytes/resp includes\n' +
      'headers. srv CPU: the server process\'s CPU time / wall time (100% = one core), "of it sys" the kernel part;\n' +
      'µs/req: the server\'s CPU time per request (steadier than req/s when the machine is shared).\n' +
      "ab CPU: autocannon's (this process). other CPU: the rest of the machine; ! marks a run above " +
      `${pct(NOISY_OTHER_CPU)},\nwhich competed with other work: its figures are unreliable. /bare, /nest: req/s over the ` +
      'reference of the same round (all: of the means).',
  );

  console.log('');
  const meets = (x, target) => (x >= target ? 'meets' : 'BELOW');
  for (const { name, all, noisy, of } of summaries) {
    const parts = [];
    for (const target of ['check', 'nocache'].filter((t) => all[t])) {
      const r = all[target];
      const goal = TARGET[target];
      const bare = r.toBare === undefined ? '' : `${fmt(r.toBare, 2)} of bare (${meets(r.toBare, goal)} >= ${goal})`;
      const nest = r.toNest === undefined ? '' : `${fmt(r.toNest, 2)} of nest`;
      const p99 = `p99 ${fmt(r.p99, 1)} ms${target === 'check' ? ` (${r.p99 < TARGET.p99Ms ? 'meets' : 'NOT'} < ${TARGET.p99Ms})` : ''}`;
      parts.push(`${target}: ${[bare, nest, p99].filter(Boolean).join(', ')}`);
    }
    if (all.nest && all.bare) parts.push(`nest: ${fmt(all.nest.toBare, 2)} of bare`);
    console.log(`${name.padEnd(9)} ${parts.join('; ')}${noisy ? `  [${noisy} of ${of} runs noisy]` : ''}`);
  }

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

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) newest = Math.max(newest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

function packageVersion(name) {
  return JSON.parse(readFileSync(join(ROOT, 'node_modules', name, 'package.json'), 'utf8')).version;
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
} else if (process.argv[2] === '--nest-server') {
  await runNestServer();
} else {
  process.exitCode = await main().catch((error) => {
    console.error(`\nbench failed: ${error instanceof Error ? error.message : error}`);
    return 1;
  });
}
