// Benchmark: the check index at scale. Seeds the blocklist with SCALE_SIZES entries in turn (default 1,000, 100,000
// and 1,000,000, a tenth of them URLs), starts the built server on each, and reports the index's build time, the
// server's resident memory, check latency (domain and URL cases), throughput idle and during 10 writes a second, the
// longest event-loop stall, and how long a write takes to be visible on a second instance. It prints figures against
// the targets of issue 9 and asserts nothing (STYLE.md "Tests").
//
//   npm run bench:scale                                  (builds, then runs this file)
//   node_modules/.bin/node test/perf/scale.bench.mjs     (after npm run build)
//
// Env: SCALE_SIZES (1000,100000,1000000), SCALE_SECONDS (10) per throughput run, SCALE_CONNECTIONS (50),
// SCALE_LATENCY_REQUESTS (2000) sequential requests per latency case, SCALE_VISIBLE_WRITES (20).
// See test/perf/README.md.
import autocannon from 'autocannon';
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import {
  cli,
  fmt,
  get,
  machineBusyMs,
  MAIN,
  mark,
  post,
  pct,
  peakRssMb,
  processCpuMs,
  settledRssMb,
  startBenchDatabase,
  startControl,
  startServer,
} from './bench-kit.mjs';
const TARGETS = { buildMs: 3000, rssMb: 600, stallMs: 50, visibleMs: 1000, urlP99Ms: 5, writesRatio: 0.9 };
/** Entries per seeding statement, each its own serial with its own legal basis (as operators' imports would be). */
const SEED_BATCH = 100_000;

const env = (name, fallback) => process.env[name] || fallback;
const opts = {
  sizes: env('SCALE_SIZES', '1000,100000,1000000').split(',').map(Number),
  seconds: Number(env('SCALE_SECONDS', '10')),
  connections: Number(env('SCALE_CONNECTIONS', '50')),
  latencyRequests: Number(env('SCALE_LATENCY_REQUESTS', '2000')),
  visibleWrites: Number(env('SCALE_VISIBLE_WRITES', '20')),
};

// Entry i: every tenth a URL (half of those on one host with many pages, half over 10,000 hosts), the rest domains;
// every third exact, the others subtree.
const ENTRY_SQL = `
  SELECT CASE WHEN i % 10 = 0 THEN 'url' ELSE 'domain' END, v, v, CASE WHEN i % 3 = 0 THEN 'exact' ELSE 'subtree' END,
         $3, $4, $5::bigint, $6, '2026-11-24', 'verified'
  FROM generate_series($1::int, $2::int) AS i,
       LATERAL (SELECT CASE WHEN i % 20 = 0 THEN 'https://big.scale.example/p/' || i
                            WHEN i % 10 = 0 THEN 'https://u' || (i % 10000) || '.scale.example/p/' || i
                            ELSE 'd' || i || '.scale.example' END AS v) AS value`;

/** Numbers of seeded entries for the check cases (entry 20: a subtree URL on the big host; 22: a subtree domain). */
const CASES = {
  'domain blocked': '/v1/check?q=' + encodeURIComponent('https://www.d22.scale.example/login'),
  'domain unknown': '/v1/check?q=' + encodeURIComponent('www.not-listed.example'),
  'url blocked': '/v1/check?q=' + encodeURIComponent('https://big.scale.example/p/20/pay'),
  'url unknown': '/v1/check?q=' + encodeURIComponent('https://big.scale.example/p/21/pay/now'),
};

async function main() {
  if (!existsSync(MAIN)) throw new Error(`${MAIN} not found: run npm run build first`);
  const cleanup = [];
  const stopAll = async () => {
    for (const task of cleanup.reverse()) await task().catch((e) => console.error(`cleanup: ${e.message}`));
    cleanup.length = 0;
  };
  process.once('SIGINT', () => void stopAll().finally(() => process.exit(130)));

  const db = await startBenchDatabase('bench-scale');
  cleanup.push(() => db.stop());
  try {
    cli(db.url, ['db', 'migrate']);
    const created = cli(db.url, ['keys', 'create', '--name', 'scale bench', '--scope', 'blocklist:write']);
    const key = created.match(/kzr_\S+/)?.[0];
    if (!key) throw new Error(`no key in the CLI's output:\n${created}`);
    const sql = new pg.Client({ connectionString: db.ownerUrl });
    await sql.connect();
    cleanup.push(() => sql.end());

    console.log(
      `Check index at scale — Node ${process.version}, ${availableParallelism()} CPUs, sizes ${opts.sizes.join(', ')}; ` +
        `autocannon ${opts.connections} connections, ${opts.seconds} s per throughput run`,
    );
    const results = [];
    let seeded = 0;
    for (const size of opts.sizes) {
      const seedStarted = performance.now();
      seeded = await seed(sql, seeded, size);
      const seedS = (performance.now() - seedStarted) / 1000;
      process.stderr.write(`seeded ${seeded} entries (${fmt(seedS, 1)} s)\n`);
      results.push(await measureSize(db.url, key, size, seedS));
    }
    report(results);
  } finally {
    await stopAll();
  }
}

/** Adds entries numbered seeded+1..size, a batch per serial, straight in SQL (the schema's checks still apply). */
async function seed(sql, seeded, size) {
  for (let from = seeded + 1; from <= size; from += SEED_BATCH) {
    const to = Math.min(size, from + SEED_BATCH - 1);
    await sql.query('BEGIN');
    const { rows } = await sql.query('UPDATE blocklist_head SET serial = serial + 1 WHERE id = 1 RETURNING serial');
    const serial = rows[0].serial;
    await sql.query('INSERT INTO blocklist_serials (serial, added) VALUES ($1, $2)', [serial, to - from + 1]);
    await sql.query(
      `INSERT INTO blocklist_entries (kind, value, display_value, match, legal_basis_en, legal_basis_ru, added_serial,
                                      source_document, source_read_on, source_confidence) ${ENTRY_SQL}`,
      [from, to, `Scale benchmark decision ${serial}, Art. 11(5)`, `Решение для нагрузочного теста ${serial}, п. 5 ст. 11`, serial, `Benchmark seed, serial ${serial}`],
    );
    await sql.query('COMMIT');
  }
  await sql.query('ANALYZE blocklist_entries');
  return size;
}

async function measureSize(url, key, size, seedS) {
  const control = startControl();
  const a = await startServer(url);
  let b;
  try {
    const rssMb = await settledRssMb(a.pid);
    const latency = {};
    for (const [name, path] of Object.entries(CASES)) {
      const expected = name.endsWith('blocked') ? 'blocked' : 'unknown';
      const verdict = JSON.parse((await get(`${a.base}${path}`)).body).verdict;
      if (verdict !== expected) throw new Error(`${name}: verdict ${verdict}, expected ${expected}`);
      latency[name] = await sequentialLatency(`${a.base}${path}`, opts.latencyRequests);
    }
    const target = `${a.base}${CASES['domain unknown']}`;
    await load(target, 2); // warm-up
    const idle = await throughput(target, a.pid);
    const writer = startWriter(a.base, key, 10, `w${size}`);
    const busy = await throughput(target, a.pid);
    const writes = await writer.stop();
    // Writes alone, nothing else asking: what a write costs the server, and whether applying it stalls the loop.
    const quietFrom = Date.now();
    const quietCpu = processCpuMs(a.pid);
    const quiet = startWriter(a.base, key, 10, `q${size}`);
    await sleep(opts.seconds * 1000);
    const quietWrites = await quiet.stop();
    const cpuPerWriteMs = (processCpuMs(a.pid) - quietCpu) / quietWrites.made;
    const quietTo = Date.now();
    b = await startServer(url);
    const visible = await writeToVisible(a.base, b.base, key, opts.visibleWrites, `v${size}`);
    const stalls = await a.stalls();
    const controlStalls = await control.stalls();
    const built = (s) => s.at >= a.startedAt && s.at <= a.builtAt;
    const after = (s) => s.at > a.builtAt;
    const writing = (s) => s.at >= quietFrom && s.at <= quietTo;
    return {
      size,
      seedS,
      buildMs: a.buildMs,
      rssMb,
      peakRssMb: peakRssMb(a.pid),
      latency,
      idle,
      busy,
      writes,
      visible,
      cpuPerWriteMs,
      stallWrites: Math.max(0, ...stalls.filter(writing).map((s) => s.ms)),
      buildStalls: stalls.filter(built).sort((x, y) => y.ms - x.ms).slice(0, 3).map((s) => ({ ms: s.ms, at: s.at - a.startedAt })),
      listeningAfterMs: a.listeningAt - a.startedAt,
      stallBuildListening: Math.max(0, ...stalls.filter((s) => built(s) && s.at >= a.listeningAt).map((s) => s.ms)),
      stallBuild: Math.max(0, ...stalls.filter(built).map((s) => s.ms)),
      controlBuild: Math.max(0, ...controlStalls.filter(built).map((s) => s.ms)),
      controlWrites: Math.max(0, ...controlStalls.filter(writing).map((s) => s.ms)),
      stallAfter: Math.max(0, ...stalls.filter(after).map((s) => s.ms)),
      stallBoot: Math.max(0, ...stalls.filter((s) => s.at < a.startedAt).map((s) => s.ms)),
    };
  } finally {
    await b?.stop();
    await a.stop();
    control.stop();
  }
}

const WRITE = (value) => ({
  legalBasis: 'Law of the Republic of Kazakhstan "On Digital Assets", Art. 11(5)',
  source: { document: 'Scale benchmark write', readOn: '2026-11-24', confidence: 'verified' },
  entries: [{ kind: 'domain', value, match: 'subtree' }],
});

/** One request at a time: the latency of the check itself (plus the loopback), in ms, with sub-ms precision. */
async function sequentialLatency(url, n) {
  const times = [];
  for (let i = 0; i < n + 100; i++) {
    const started = performance.now();
    const { status } = await get(url);
    if (status !== 200) throw new Error(`${url} answered ${status}`);
    if (i >= 100) times.push(performance.now() - started);
  }
  times.sort((x, y) => x - y);
  return { p50: times[Math.floor(n * 0.5)], p99: times[Math.floor(n * 0.99)], max: times[n - 1] };
}

function load(url, seconds) {
  return autocannon({ url, connections: opts.connections, duration: seconds, pipelining: 1, timeout: 10 });
}

async function throughput(url, pid) {
  const server = processCpuMs(pid);
  const machine = machineBusyMs();
  const client = process.cpuUsage();
  const started = performance.now();
  const r = await load(url, opts.seconds);
  const wall = performance.now() - started;
  const serverMs = processCpuMs(pid) - server;
  const clientMs = (process.cpuUsage(client).user + process.cpuUsage(client).system) / 1000;
  return {
    rps: r.requests.average,
    p99: r.latency.p99,
    errors: r.errors + r.non2xx,
    otherCpu: Math.max(0, machineBusyMs() - machine - serverMs - clientMs) / wall,
  };
}

/** `perSecond` admin writes a second, each one entry, until stopped; returns how many were made and failed. */
function startWriter(base, key, perSecond, prefix) {
  let running = true;
  let made = 0;
  let failed = 0;
  const done = (async () => {
    const started = performance.now();
    while (running) {
      const due = started + (made + failed) * (1000 / perSecond);
      await sleep(Math.max(0, due - performance.now()));
      await post(`${base}/v1/admin/blocklist/entries`, key, WRITE(`${prefix}-${made + failed}.scale.example`)).then(
        () => (made += 1),
        () => (failed += 1),
      );
    }
  })();
  return {
    stop: async () => {
      running = false;
      await done;
      return { made, failed };
    },
  };
}

/** A write through instance A; from its 201 (after commit), polls instance B until B's check answers blocked. */
async function writeToVisible(aBase, bBase, key, n, prefix) {
  const times = [];
  for (let i = 0; i < n; i++) {
    const value = `${prefix}-${i}.scale.example`;
    await post(`${aBase}/v1/admin/blocklist/entries`, key, WRITE(value));
    const committed = performance.now();
    for (;;) {
      const { body } = await get(`${bBase}/v1/check?q=${value}`);
      if (JSON.parse(body).verdict === 'blocked') break;
      if (performance.now() - committed > 30_000) throw new Error(`${value} not visible on the second instance after 30 s`);
    }
    times.push(performance.now() - committed);
    await sleep(50);
  }
  times.sort((x, y) => x - y);
  return { median: times[Math.floor(n / 2)], max: times[n - 1] };
}


function report(results) {
  console.log('');
  const rows = [
    ['entries', (r) => fmt(r.size)],
    ['seed s', (r) => fmt(r.seedS, 1)],
    ['build ms', (r) => fmt(r.buildMs)],
    ['RSS MB', (r) => fmt(r.rssMb)],
    ['peak MB', (r) => fmt(r.peakRssMb)],
    ...Object.keys(CASES).map((name) => [`${name} p50/p99 ms`, (r) => `${fmt(r.latency[name].p50, 2)}/${fmt(r.latency[name].p99, 2)}`]),
    ['idle req/s (p99 ms)', (r) => `${fmt(r.idle.rps)} (${fmt(r.idle.p99)})`],
    ['10 writes/s req/s (p99 ms)', (r) => `${fmt(r.busy.rps)} (${fmt(r.busy.p99)})`],
    ['writes/idle ratio', (r) => fmt(r.busy.rps / r.idle.rps, 2)],
    ['writes made (failed)', (r) => `${r.writes.made} (${r.writes.failed})`],
    ['other CPU idle/writes', (r) => `${pct(r.idle.otherCpu)}/${pct(r.busy.otherCpu)}`],
    ['server CPU per write ms', (r) => fmt(r.cpuPerWriteMs, 1)],
    ['stall ms: boot/build/writes', (r) => `${r.stallBoot}/${r.stallBuild}/${r.stallWrites}`],
    ['idle process stall build/writes', (r) => `${r.controlBuild}/${r.controlWrites}`],
    ['stall ms under full load', (r) => String(r.stallAfter)],
    ['build stalls ms@+ms', (r) => r.buildStalls.map((s) => `${s.ms}@${s.at}`).join(' ')],
    ['listening at +ms', (r) => fmt(r.listeningAfterMs)],
    ['build stall once listening ms', (r) => String(r.stallBuildListening)],
    ['visible on 2nd ms med/max', (r) => `${fmt(r.visible.median, 1)}/${fmt(r.visible.max, 1)}`],
  ];
  const width = Math.max(...rows.map(([label]) => label.length));
  for (const [label, cell] of rows) console.log(`${label.padEnd(width)}  ${results.map((r) => cell(r).padStart(18)).join('')}`);
  console.log(
    '\nLatency: one request at a time over keep-alive (server + loopback), 100 warm-up requests dropped. Throughput:\n' +
      `autocannon on "domain unknown", ${opts.connections} connections; "10 writes/s": the same while admin writes of one entry\n` +
      'each go to the same instance. Stalls: the longest lag of a 10 ms timer in the server (test/perf/loop-probe.mjs),\n' +
      'boot = before Nest started, build = from then until the index was built (the top three, with their time\n' +
      'after Nest started: the first ones are the HTTP stack starting), writes = 10 writes/s and nothing else; under\n' +
      'full load the probe also counts the time the OS gave the core to autocannon or PostgreSQL. "idle process":\n' +
      'the same probe in a process doing nothing, over the same windows: what the machine itself stalled.\n' +
      'Visible on 2nd: from a write\'s 201 on one instance to a check on a second instance answering blocked.\n' +
      'other CPU: the rest of the machine during the run (above ~25%: another job competed; figures unreliable).',
  );
  const largest = results.at(-1);
  const failed = results.some((r) => r.idle.errors || r.busy.errors || r.writes.failed);
  console.log(`\nAt ${fmt(largest.size)} entries (targets of issue 9):`);
  console.log(`  build time            ${fmt(largest.buildMs)} ms (target < ${TARGETS.buildMs}) ${mark(largest.buildMs < TARGETS.buildMs)}`);
  console.log(`  resident memory       ${fmt(largest.rssMb)} MB, peak ${fmt(largest.peakRssMb)} MB (target < ${TARGETS.rssMb}) ${mark(largest.rssMb < TARGETS.rssMb)}`);
  const stall = Math.max(largest.stallBuild, largest.stallWrites);
  const control = Math.max(largest.controlBuild, largest.controlWrites);
  console.log(
    `  longest stall         ${stall} ms during the build and during writes; an idle process ${control} ms meanwhile ` +
      `(target < ${TARGETS.stallMs}) ${mark(stall < TARGETS.stallMs)}`,
  );
  const serving = Math.max(largest.stallBuildListening, largest.stallWrites);
  console.log(
    `  ... once listening    ${serving} ms (the build after the server listens, and writes; before it listens no request ` +
      `can reach it) ${mark(serving < TARGETS.stallMs)}`,
  );
  console.log(`  write to visible      ${fmt(largest.visible.max, 1)} ms max on a second instance (target < ${TARGETS.visibleMs}) ${mark(largest.visible.max < TARGETS.visibleMs)}`);
  const urlP99 = Math.max(largest.latency['url blocked'].p99, largest.latency['url unknown'].p99);
  console.log(`  URL check p99         ${fmt(urlP99, 2)} ms with ${fmt(largest.size / 10)} URL entries (target < ${TARGETS.urlP99Ms}) ${mark(urlP99 < TARGETS.urlP99Ms)}`);
  const ratio = largest.busy.rps / largest.idle.rps;
  console.log(`  throughput writes/idle ${fmt(ratio, 2)} (target >= ${TARGETS.writesRatio}) ${mark(ratio >= TARGETS.writesRatio)}`);
  if (failed) console.error('FAILED: some requests or writes failed (see the table)');
  return failed;
}

process.exitCode = await main().then(
  () => 0,
  (error) => {
    console.error(`\nbench failed: ${error instanceof Error ? error.stack : error}`);
    return 1;
  },
);
