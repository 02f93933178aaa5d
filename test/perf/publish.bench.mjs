// Benchmark: the blocklist at a million entries, end to end. Starts a throwaway embedded PostgreSQL, writes a CSV of
// PUBLISH_ROWS rows (default 1,000,000: a tenth URLs, some IPv4, IPv6 and CIDR entries, the rest domains, subtree and
// exact) and imports it through the built CLI (`blocklist import`: streamed, one serial), reporting the import's time,
// rows/s, the CLI's peak memory and what else the machine did meanwhile. Then starts the built server on it and
// measures the publication of every format at that size (time, the server's peak memory, each file's size, the
// longest event-loop stall, and checks answered meanwhile against checks with nothing else running), the latency of
// a delta of 1,000 changes against that base, and requests/s of a 304 on latest/manifest.json against bare Fastify in
// the same run. Prints figures against the targets of issue 10 and asserts nothing (STYLE.md "Tests").
//
//   npm run bench:publish                                 (builds, then runs this file)
//   node_modules/.bin/node test/perf/publish.bench.mjs    (after npm run build)
//
// Env: PUBLISH_ROWS (1000000), PUBLISH_SECONDS (10) per throughput run, PUBLISH_CONNECTIONS (50),
// PUBLISH_CHECK_RATE (1000 checks/s during the publication; 0: as many as the server takes),
// PUBLISH_CLI_NODE_ARGS (Node options for the importing CLI, e.g. --max-old-space-size=64).
// See test/perf/README.md.
import autocannon from 'autocannon';
import { fork } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream, existsSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import {
  childrenCpuMs,
  cli,
  cliMeasured,
  CLI,
  fmt,
  get,
  HOST,
  machineBusyMs,
  mark,
  pct,
  post,
  peakRssMb,
  postgresCpuMs,
  processCpuMs,
  ROOT,
  startBenchDatabase,
  startControl,
  startServer,
} from './bench-kit.mjs';

const TARGETS = { importRowsPerS: 50_000, publishS: 60, publishPeakMb: 1024, deltaMs: 50, notModifiedRatio: 0.6 };
const env = (name, fallback) => process.env[name] || fallback;
const opts = {
  rows: Number(env('PUBLISH_ROWS', '1000000')),
  seconds: Number(env('PUBLISH_SECONDS', '10')),
  connections: Number(env('PUBLISH_CONNECTIONS', '50')),
  // Checks a second while the publication is written: a steady public load (0: as many as the server takes, which on
  // a 2-core machine leaves the publication the CPU the load generator and the checks do not use).
  checkRate: Number(env('PUBLISH_CHECK_RATE', '1000')),
};
const PUBLISHER = join(ROOT, 'dist/src/blocklist/publications/publisher.service.js');
const CHECK = '/v1/check?q=' + encodeURIComponent('www.not-listed.example');
const LATEST = '/v1/blocklist/latest/manifest.json';

/**
 * Row i of the file: every tenth a URL (half of them subtree), one in thirty an IPv4 address, one in thirty an IPv6
 * address, one in thirty a CIDR block, the rest domains (two in three subtree). Every value distinct.
 */
function rowOf(i) {
  if (i % 10 === 0) return `url,https://u${i % 10_000}.import.example/p/${i},${i % 20 === 0 ? 'subtree' : 'exact'}`;
  const k = Math.floor(i / 30);
  if (i % 30 === 1) return `ipv4,${10 + (k >> 16)}.${(k >> 8) & 255}.${k & 255}.1,exact`;
  if (i % 30 === 11) return `ipv6,2001:db8:${k.toString(16)}::1,exact`;
  if (i % 30 === 21) return `cidr,${100 + (k >> 16)}.${(k >> 8) & 255}.${k & 255}.0/24,exact`;
  return `domain,d${i}.import.example,${i % 3 === 0 ? 'exact' : 'subtree'}`;
}

async function writeCsv(path, rows) {
  const out = createWriteStream(path);
  out.write('kind,value,match\n');
  for (let i = 1; i <= rows; i++) {
    if (!out.write(`${rowOf(i)}\n`)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

async function main() {
  if (!existsSync(CLI)) throw new Error(`${CLI} not found: run npm run build first`);
  const db = await startBenchDatabase('bench-publish');
  try {
    cli(db.url, ['db', 'migrate']);
    console.log(`Blocklist at scale — Node ${process.version}, ${availableParallelism()} CPUs, ${fmt(opts.rows)} rows`);
    const result = { import: await measureImport(db) };
    if (existsSync(PUBLISHER)) result.publication = await measurePublication(db, result.import.serial);
    report(result);
  } finally {
    await db.stop();
  }
}

async function measureImport(db) {
  const csv = join(db.dir, '..', `bench-publish-${process.pid}.csv`);
  const written = performance.now();
  await writeCsv(csv, opts.rows);
  const writeS = (performance.now() - written) / 1000;
  const bytes = statSync(csv).size;
  process.stderr.write(`wrote ${fmt(opts.rows)} rows, ${fmt(bytes / 2 ** 20, 1)} MiB (${fmt(writeS, 1)} s)\n`);

  try {
    return await importFile(db, csv, bytes);
  } finally {
    rmSync(csv, { force: true });
  }
}

async function importFile(db, csv, bytes) {
  const postmaster = db.pid();
  const before = { machine: machineBusyMs(), cli: childrenCpuMs(), pg: postgresCpuMs(postmaster) };
  const started = performance.now();
  const run = await cliMeasured(db.url, [
    'blocklist', 'import', csv,
    '--legal-basis', 'Law of the Republic of Kazakhstan "On Digital Assets", Art. 11(5)',
    '--source-document', 'Publication benchmark import',
    '--confidence', 'verified',
  ], process.env.PUBLISH_CLI_NODE_ARGS?.split(' ').filter(Boolean));
  const wallMs = performance.now() - started;
  if (process.env.PUBLISH_SHOW_CLI) process.stderr.write(run.stderr);
  if (run.code !== 0) throw new Error(`import failed (exit ${run.code}):\n${run.stdout}${run.stderr}`);
  const cliMs = childrenCpuMs() - before.cli;
  const pgMs = postgresCpuMs(postmaster) - before.pg;
  const machineMs = machineBusyMs() - before.machine;
  const serial = Number(/under serial (\d+)/.exec(run.stdout)?.[1]);
  const sql = new pg.Client({ connectionString: db.url });
  await sql.connect();
  const [{ n }] = (await sql.query('SELECT count(*)::int AS n FROM blocklist_entries WHERE added_serial = $1', [serial])).rows;
  await sql.end();
  if (n !== opts.rows) throw new Error(`serial ${serial} holds ${n} entries, not ${opts.rows}`);
  return {
    rows: opts.rows,
    bytes,
    wallMs,
    rowsPerS: opts.rows / (wallMs / 1000),
    cliPeakMb: run.peakMb,
    cliCpu: cliMs / wallMs,
    pgCpu: pgMs / wallMs,
    otherCpu: Math.max(0, machineMs - cliMs - pgMs) / wallMs,
    serial,
    phases: run.lines.filter(({ line }) => /^Checking/.test(line)),
  };
}

/** The built server on the imported base: the publication of it, then a write's, a delta's and a 304's costs. */
async function measurePublication(db, baseSerial) {
  const publicationsDir = join(db.dir, '..', `bench-publish-${process.pid}-publications`);
  const published = new Map();
  const onLine = (line) => {
    if (!line.includes('"Published the blocklist"')) return;
    const logged = JSON.parse(line);
    published.set(logged.serial, { ms: logged.ms, entries: logged.entries, at: logged.time });
  };
  const key = cli(db.url, ['keys', 'create', '--name', 'publish bench', '--scope', 'blocklist:write']).match(/kzr_\S+/)?.[0];
  if (!key) throw new Error('no key in the CLI output');
  const control = startControl();
  const started = Date.now();
  const server = await startServer(
    db.url,
    { PUBLICATIONS_DIR: publicationsDir, PUBLISHER: 'true', PUBLISH_DEBOUNCE_MS: '100', LOAD_DEMO_DATA: 'false' },
    { onLine },
  );
  try {
    // The first publication, at start: the base of a million entries (its check index built meanwhile).
    const first = await publishedSerial(published, baseSerial, 300_000);
    process.stderr.write(`published serial ${baseSerial} at start (${fmt(first.ms)} ms)\n`);

    const idle = await checkLoad(server, opts.seconds);

    // A publication of every format at a million entries with checks answering meanwhile: one write starts it.
    writeFileSync(`/proc/${server.pid}/clear_refs`, '5'); // resets VmHWM: the peak from here on
    const rssBeforeMb = peakRssMb(server.pid);
    const windowFrom = Date.now();
    const load = startCheckLoad(server, opts.checkRate);
    await sleep(1000);
    // Timed from the request: under load its 201 can arrive after the publisher, told by the commit, has begun.
    const writeSent = performance.now();
    const write = await post(`${server.base}/v1/admin/blocklist/entries`, key, addRequest(['publish-bench-one.example']), WRITE_ANSWERS);
    const writeMs = performance.now() - writeSent;
    const publication = await publishedSerial(published, write.serial, 300_000);
    const visibleMs = performance.now() - writeSent;
    const busy = await load.stop();
    const windowTo = Date.now();
    const peakMb = peakRssMb(server.pid);
    const stalls = (await server.stalls()).filter((x) => x.at >= windowFrom && x.at <= windowTo);
    const controlStalls = (await control.stalls()).filter((x) => x.at >= windowFrom && x.at <= windowTo);
    const manifest = JSON.parse((await get(`${server.base}${LATEST}`)).body);
    if (manifest.serial !== write.serial) throw new Error(`latest is serial ${manifest.serial}, not ${write.serial}`);

    // A delta of 1,000 changes against that base: 500 entries added, 500 removed, then published.
    const sql = new pg.Client({ connectionString: db.url });
    await sql.connect();
    const ids = (await sql.query('SELECT id FROM blocklist_entries WHERE added_serial = $1 AND removed_serial IS NULL ORDER BY id LIMIT 500', [baseSerial])).rows.map((r) => r.id);
    await sql.end();
    await post(`${server.base}/v1/admin/blocklist/entries`, key, addRequest(Array.from({ length: 500 }, (_, i) => `delta-${i}.publish-bench.example`)), WRITE_ANSWERS);
    const removal = await post(`${server.base}/v1/admin/blocklist/removals`, key, { ids, reason: 'Publication benchmark: a delta of 1,000 changes' }, WRITE_ANSWERS);
    await publishedSerial(published, removal.serial, 300_000);
    const delta = await deltaLatency(server, write.serial, 50);

    const notModified = await notModifiedRatio(server);
    return {
      baseSerial,
      first,
      idle,
      busy,
      publication: { serial: write.serial, ms: publication.ms, visibleMs, writeMs, entries: publication.entries },
      rssBeforeMb,
      peakMb,
      stall: Math.max(0, ...stalls.map((x) => x.ms)),
      controlStall: Math.max(0, ...controlStalls.map((x) => x.ms)),
      files: manifest.files,
      delta,
      notModified,
      startedAt: started,
    };
  } finally {
    await server.stop();
    control.stop();
    rmSync(publicationsDir, { recursive: true, force: true });
  }
}

async function publishedSerial(published, serial, timeoutMs) {
  const deadline = performance.now() + timeoutMs;
  while (!published.has(serial)) {
    if (performance.now() > deadline) throw new Error(`serial ${serial} was not published within ${timeoutMs / 1000} s`);
    await sleep(20);
  }
  return published.get(serial);
}

/** The admin writes' answers this bench takes as done. */
const WRITE_ANSWERS = [200, 201];

const addRequest = (values) => ({
  legalBasis: 'Law of the Republic of Kazakhstan "On Digital Assets", Art. 11(5)',
  source: { document: 'Publication benchmark write', readOn: '2026-11-24', confidence: 'verified' },
  entries: values.map((value) => ({ kind: 'domain', value, match: 'subtree' })),
});

/** autocannon on an unlisted domain's check for `seconds`, nothing else asked of the server. */
async function checkLoad(server, seconds) {
  const load = startCheckLoad(server);
  await sleep(seconds * 1000);
  return load.stop();
}

/** autocannon on a check until stopped; with the server's CPU and the rest of the machine's meanwhile. */
function startCheckLoad(server, rate = 0) {
  const cpu = processCpuMs(server.pid);
  const machine = machineBusyMs();
  const client = process.cpuUsage();
  const started = performance.now();
  const instance = autocannon({
    url: `${server.base}${CHECK}`,
    connections: opts.connections,
    duration: 600,
    pipelining: 1,
    timeout: 10,
    ...(rate > 0 ? { overallRate: rate } : {}),
  });
  const done = new Promise((resolve) => instance.on('done', resolve));
  return {
    stop: async () => {
      instance.stop();
      const r = await done;
      const wall = performance.now() - started;
      const serverMs = processCpuMs(server.pid) - cpu;
      const used = process.cpuUsage(client);
      const clientMs = (used.user + used.system) / 1000;
      return {
        rps: r.requests.total / (wall / 1000),
        p99: r.latency.p99,
        errors: r.errors + r.non2xx,
        otherCpu: Math.max(0, machineBusyMs() - machine - serverMs - clientMs) / wall,
      };
    },
  };
}

/** The delta from `from` to the latest: the first request, then `n` more one at a time (p50, p99). */
async function deltaLatency(server, from, n) {
  const url = `${server.base}/v1/blocklist/deltas?from=${from}`;
  const timed = async () => {
    const t = performance.now();
    const res = await get(url);
    if (res.status !== 200) throw new Error(`${url} answered ${res.status}: ${res.body.slice(0, 300)}`);
    return { ms: performance.now() - t, res };
  };
  const first = await timed();
  const body = JSON.parse(first.res.body);
  const times = [];
  for (let i = 0; i < n; i++) times.push((await timed()).ms);
  times.sort((x, y) => x - y);
  return {
    firstMs: first.ms,
    p50: times[Math.floor(n / 2)],
    p99: times[Math.floor(n * 0.99)],
    added: body.added.length,
    removed: body.removed.length,
    bytes: first.res.bytes.length,
  };
}

/** A 304 on latest/manifest.json against bare Fastify answering the same 304: a warm-up each, then two rounds each, in turn. */
async function notModifiedRatio(server) {
  const latest = await get(`${server.base}${LATEST}`);
  const etag = latest.headers.etag;
  const bare = fork(fileURLToPath(import.meta.url), ['--bare-server'], { env: { ...process.env, BENCH_ETAG: etag }, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const [{ port }] = await once(bare, 'message');
  const targets = { registry: `${server.base}${LATEST}`, bare: `http://${HOST}:${port}${LATEST}` };
  try {
    for (const url of Object.values(targets)) {
      const res = await get(url, { 'if-none-match': etag });
      if (res.status !== 304) throw new Error(`${url} answered ${res.status} to If-None-Match`);
    }
    // Unmeasured first: both servers' code is compiled and their heaps settled before either is timed.
    for (const url of Object.values(targets)) await autocannon({ url, connections: opts.connections, duration: 2, headers: { 'if-none-match': etag } });
    const runs = { registry: [], bare: [] };
    for (const round of [0, 1]) {
      for (const name of round === 0 ? ['bare', 'registry'] : ['registry', 'bare']) {
        const machine = machineBusyMs();
        const started = performance.now();
        const r = await autocannon({ url: targets[name], connections: opts.connections, duration: opts.seconds, headers: { 'if-none-match': etag } });
        if (r.errors || r['3xx'] !== r.requests.total) throw new Error(`${name}: ${r.errors} errors, ${r.requests.total - r['3xx']} answers not 304`);
        runs[name].push({ rps: r.requests.average, p99: r.latency.p99, busy: (machineBusyMs() - machine) / (performance.now() - started) });
      }
    }
    const mean = (xs) => xs.reduce((a, x) => a + x.rps, 0) / xs.length;
    return { registry: mean(runs.registry), bare: mean(runs.bare), ratio: mean(runs.registry) / mean(runs.bare), runs };
  } finally {
    bare.kill('SIGTERM');
  }
}

/** The reference: bare Fastify answering a 304 for the same ETag (and the manifest's headers) on the same path. */
async function runBareServer() {
  const { default: Fastify } = await import('fastify');
  const etag = process.env.BENCH_ETAG;
  const app = Fastify({ logger: false });
  app.get(LATEST, (request, reply) => {
    reply.header('etag', etag).header('cache-control', 'no-cache');
    if (request.headers['if-none-match'] === etag) return reply.code(304).send();
    return reply.send({});
  });
  await app.listen({ port: 0, host: HOST });
  process.send({ port: app.server.address().port });
  process.once('SIGTERM', () => void app.close().finally(() => process.exit(0)));
}

function report({ import: imp, publication: pub }) {
  console.log('');
  console.log(`Import of ${fmt(imp.rows)} rows (${fmt(imp.bytes / 2 ** 20, 1)} MiB of CSV) through the CLI, one serial (${imp.serial}):`);
  console.log(`  time                  ${fmt(imp.wallMs / 1000, 1)} s, ${fmt(imp.rowsPerS)} rows/s (target > ${fmt(TARGETS.importRowsPerS)}) ${mark(imp.rowsPerS > TARGETS.importRowsPerS)}`);
  const phases = [...imp.phases.map((p) => `${p.line.replace(/ .*/, '').toLowerCase()} from ${fmt(p.at / 1000, 1)} s`), `done at ${fmt(imp.wallMs / 1000, 1)} s`];
  console.log(`  phases                reading, staging and writing from the start, ${phases.join(', ')}`);
  console.log(`  CLI peak memory       ${fmt(imp.cliPeakMb)} MB resident (VmHWM)`);
  console.log(`  CPU                   CLI ${pct(imp.cliCpu)}, PostgreSQL ${pct(imp.pgCpu)}, other ${pct(imp.otherCpu)} of one core`);
  if (!pub) {
    console.log('\nNo publisher in this build (dist/src/blocklist/publications): the publication half was skipped.');
  } else {
    const files = [...pub.files].sort((a, b) => a.name.localeCompare(b.name));
    const totalMb = files.reduce((n, f) => n + f.size, 0) / 2 ** 20;
    console.log(`\nPublication of every format at ${fmt(pub.publication.entries)} entries (serial ${pub.publication.serial}), checks answering meanwhile:`);
    console.log(
      `  time                  ${fmt(pub.publication.ms / 1000, 1)} s as the publisher logs it; ${fmt(pub.publication.visibleMs / 1000, 1)} s from sending the write ` +
        `(answered in ${fmt(pub.publication.writeMs)} ms) to the manifest (target < ${TARGETS.publishS} s) ${mark(pub.publication.ms / 1000 < TARGETS.publishS)}`,
    );
    console.log(`  server peak memory    ${fmt(pub.peakMb)} MB resident (VmHWM over the publication, from ${fmt(pub.rssBeforeMb)} MB) (target < ${TARGETS.publishPeakMb}) ${mark(pub.peakMb < TARGETS.publishPeakMb)}`);
    console.log(`  longest stall         ${pub.stall} ms in the server; an idle process ${pub.controlStall} ms meanwhile`);
    const asked = opts.checkRate > 0 ? `${fmt(opts.checkRate)} asked, ` : 'as many as it takes, ';
    console.log(`  checks meanwhile      ${asked}${fmt(pub.busy.rps)} req/s answered, p99 ${fmt(pub.busy.p99)} ms, ${pub.busy.errors} errors; with nothing else (as many as it takes) ${fmt(pub.idle.rps)} req/s, p99 ${fmt(pub.idle.p99)} ms; other CPU ${pct(pub.busy.otherCpu)}/${pct(pub.idle.otherCpu)}`);
    console.log(`  first publication     ${fmt(pub.first.ms / 1000, 1)} s at start, while the check index was built`);
    console.log(`  files                 ${fmt(totalMb, 1)} MiB in all (decoded; .gz and .br beside them)`);
    for (const f of files) console.log(`    ${f.name.padEnd(18)} ${fmt(f.size / 2 ** 20, 2).padStart(9)} MiB  ${f.format}`);
    const d = pub.delta;
    console.log(`\nDelta of 1,000 changes (${d.added} added, ${d.removed} removed, ${fmt(d.bytes / 1024, 1)} KiB) against that base:`);
    console.log(`  latency               first ${fmt(d.firstMs, 1)} ms, then p50 ${fmt(d.p50, 1)} ms, p99 ${fmt(d.p99, 1)} ms (target < ${TARGETS.deltaMs}) ${mark(Math.max(d.firstMs, d.p99) < TARGETS.deltaMs)}`);
    const n = pub.notModified;
    console.log(`\n304 on latest/manifest.json with If-None-Match, ${opts.connections} connections, ${opts.seconds} s a run, two rounds:`);
    console.log(`  registry              ${fmt(n.registry)} req/s; bare Fastify ${fmt(n.bare)} req/s; ratio ${fmt(n.ratio, 2)} (target >= ${TARGETS.notModifiedRatio}) ${mark(n.ratio >= TARGETS.notModifiedRatio)}`);
    console.log(`  machine busy per run  ${n.runs.registry.map((r) => pct(r.busy)).join(', ')} (registry), ${n.runs.bare.map((r) => pct(r.busy)).join(', ')} (bare), of ${availableParallelism()} cores`);
  }
  console.log('\nother CPU: the rest of the machine meanwhile (above ~25%: another job competed; figures unreliable).');
}

if (process.argv.includes('--bare-server')) {
  await runBareServer();
} else {

  process.exitCode = await main().then(
    () => 0,
    (error) => {
      console.error(`\nbench failed: ${error instanceof Error ? error.stack : error}`);
      return 1;
    },
  );
}
