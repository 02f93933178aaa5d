// Load test: a sustained mixed load on two replicas of the built server sharing one PostgreSQL (and one Redis when
// redis-server is on this machine, so the rate limit is shared as in production), side by side with the same load on
// one replica in the same run. The load is what a bad day looks like: citizens' checks from many addresses, list
// pages, ISPs polling the blocklist manifest with If-None-Match (a 304 unless a publication came out meanwhile), a
// bank's batch verification of 100 items (its key with a limit of its own), an operator's occasional write (one a
// second, through either replica), and one abusive address hammering the check until its 429s. It prints, per run
// and per kind of request: throughput, p50 and p99, the answers by status, the errors (any answer that is not the
// intended one: a 429 counts as intended only for the abusive address), and each replica's memory before and after.
// It asserts nothing (STYLE.md "Tests").
//
//   npm run bench:load                                   (builds, then runs this file)
//   node_modules/.bin/node test/perf/load.bench.mjs      (after npm run build)
//
// Env: LOAD_SECONDS (120) for the two-replica run, LOAD_BASELINE_SECONDS (30) for the one-replica run (0: none),
// LOAD_CLIENTS (2000) distinct client addresses the checks come from, LOAD_RATE_LIMIT (600) per address a minute.
// Exit code 0 whatever the figures; 1 when a server fails to start.
import autocannon from 'autocannon';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { cli, fmt, freePort, get, HOST, post, settledRssMb, startBenchDatabase, startServer, statusKb } from './bench-kit.mjs';

const env = (name, fallback) => Number(process.env[name] || fallback);
const opts = {
  seconds: env('LOAD_SECONDS', 120),
  baselineSeconds: env('LOAD_BASELINE_SECONDS', 30),
  clients: env('LOAD_CLIENTS', 2000),
  rateLimit: env('LOAD_RATE_LIMIT', 600),
};
const ABUSER = '203.0.113.66';
/** ISPs polling the manifest, each from an address of its own. */
const ISPS = 200;
const source = { url: 'https://example.org/load-bench', readOn: '2026-11-24', confidence: 'unconfirmed' };

/** The i-th citizen's address (in 10/8; ISPs in 172.16/12): the proxy in front names it in X-Forwarded-For. */
const clientAddress = (i) => `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;
const ispAddress = (i) => `172.16.${(i >> 8) & 255}.${i & 255}`;

const CHECKS = [
  'https://www.coinbase.com/login',
  'www.binance.com',
  'example.org',
  'binance-kz.com',
  'Байбит',
  'okx.com',
  'bybit.com.kz',
  'hxxps://binance[.]com',
  'kaspi.kz',
  'Coinbase',
];
const LISTS = ['/v1/firms?limit=50', '/v1/blocked-entities?limit=50', '/v1/blocklist/entries?limit=100', '/v1/warnings', '/v1/statistics'];

/** Starts redis-server on a free port in a temporary folder, if this machine has it; null otherwise. */
async function startRedis() {
  if (spawnSync('sh', ['-c', 'command -v redis-server']).status !== 0) return null;
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'load-bench-redis-'));
  const child = spawn('redis-server', ['--port', String(port), '--bind', HOST, '--save', '', '--appendonly', 'no', '--dir', dir], { stdio: 'ignore' });
  for (let i = 0; i < 100; i++) {
    const ping = spawnSync('redis-cli', ['-h', HOST, '-p', String(port), 'ping'], { encoding: 'utf8' });
    if (ping.stdout?.trim() === 'PONG') break;
    await sleep(50);
  }
  return {
    url: `redis://${HOST}:${port}`,
    stop: async () => {
      child.kill('SIGTERM');
      await new Promise((done) => child.once('exit', done));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** One autocannon run of one kind of request against one replica, for `seconds`. */
function cannon({ base, seconds, connections, requests, headers = {}, method = 'GET', body }) {
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      { url: base, connections, duration: seconds, method, headers, body, requests, timeout: 10 },
      (error, result) => (error ? reject(error) : resolve(result)),
    );
    autocannon.track(instance, { renderProgressBar: false, renderResultsTable: false, renderLatencyTable: false, outputStream: { write: () => true } });
  });
}

/** Requests cycling through `paths`, each from the next citizen's address. */
function citizens(paths) {
  let n = 0;
  return [
    {
      setupRequest: (request) => {
        const i = n++;
        return { ...request, path: paths[i % paths.length], headers: { ...request.headers, 'x-forwarded-for': clientAddress(i % opts.clients) } };
      },
    },
  ];
}

/** An ISP polling the manifest with the ETag it last saw: 304 until a publication comes out, then 200 once. */
function manifestPoller() {
  let etag = '';
  let n = 0;
  return [
    {
      setupRequest: (request) => ({
        ...request,
        path: '/v1/blocklist/latest/manifest.json',
        headers: { ...request.headers, 'if-none-match': etag, 'x-forwarded-for': ispAddress(n++ % ISPS) },
      }),
      onResponse: (status, body, context, headers) => {
        if (status === 200) etag = headers.etag ?? headers.ETag ?? etag;
      },
    },
  ];
}

/** The operator: a new blocklist entry every second through the replicas in turn. */
function operator(bases, key, until) {
  const outcome = { sent: 0, ok: 0, failed: [], latencies: [] };
  const done = (async () => {
    for (let i = 0; Date.now() < until; i++) {
      const started = performance.now();
      outcome.sent++;
      try {
        await post(`${bases[i % bases.length]}/v1/admin/blocklist/entries`, key, {
          legalBasis: 'Law of the Republic of Kazakhstan "On Digital Assets", Art. 11(5)',
          source,
          entries: [{ kind: 'domain', value: `load-${process.pid}-${Date.now().toString(36)}-${i}.example`, match: 'exact' }],
        });
        outcome.ok++;
      } catch (error) {
        outcome.failed.push(String(error.message).slice(0, 200));
      }
      outcome.latencies.push(performance.now() - started);
      await sleep(Math.max(0, 1000 - (performance.now() - started)));
    }
  })();
  return { outcome, done };
}

const BATCH = Array.from({ length: 100 }, (_, i) => {
  const kinds = [{ name: 'Bybit Ltd' }, { domain: 'binance.com' }, { name: 'Coinbase' }, { name: 'Bitget' }, { name: `Nowhere ${i}` }];
  return { reference: `load-${i}`, ...kinds[i % kinds.length] };
});

async function runLoad(bases, seconds, keys) {
  const until = Date.now() + seconds * 1000;
  const runs = [];
  const add = (kind, base, spec, intended = []) => runs.push({ kind, base, intended, result: cannon({ base, seconds, ...spec }) });
  for (const base of bases) {
    add('check', base, { connections: 8, requests: citizens(CHECKS.map((q) => `/v1/check?q=${encodeURIComponent(q)}`)) });
    add('list pages', base, { connections: 2, requests: citizens(LISTS) });
    add('manifest 304', base, { connections: 2, requests: manifestPoller() });
  }
  add('batch of 100 (bank)', bases[bases.length - 1], {
    connections: 1,
    requests: [
      {
        method: 'POST',
        path: '/v1/verifications/batch',
        headers: { authorization: `Bearer ${keys.bank}`, 'content-type': 'application/json', 'x-forwarded-for': '198.51.100.20' },
        body: JSON.stringify({ items: BATCH }),
      },
    ],
  });
  // The abusive address, spread over every replica: with a shared store its 429s start at the one limit.
  for (const base of bases) {
    add('abusive address', base, { connections: 1, headers: { 'x-forwarded-for': ABUSER }, requests: [{ path: '/v1/check?q=binance.com' }] }, [429]);
  }
  const writes = operator(bases, keys.writer, until);
  const results = await Promise.all(runs.map(async (run) => ({ ...run, result: await run.result })));
  await writes.done;
  return { results, writes: writes.outcome };
}

/** Rows per kind: requests, rate, latency, statuses, errors (answers that are neither 2xx/304 nor intended). */
function report(label, seconds, { results, writes }) {
  const kinds = new Map();
  for (const { kind, intended, result } of results) {
    const row = kinds.get(kind) ?? { requests: 0, p50: 0, p99: 0, statuses: {}, errors: 0, intended };
    row.requests += result.requests.total;
    row.p50 = Math.max(row.p50, result.latency.p50);
    row.p99 = Math.max(row.p99, result.latency.p99);
    for (const [status, { count }] of Object.entries(result.statusCodeStats ?? {})) row.statuses[status] = (row.statuses[status] ?? 0) + count;
    row.errors += result.errors + result.timeouts;
    kinds.set(kind, row);
  }
  console.log(`\n${label}, ${seconds} s`);
  console.log(`${'kind'.padEnd(22)}${'requests'.padStart(10)}${'req/s'.padStart(9)}${'p50 ms'.padStart(8)}${'p99 ms'.padStart(8)}${'errors'.padStart(8)}  answers`);
  let total = 0;
  let errors = 0;
  let worstP99 = 0;
  let refused = 0;
  for (const [kind, row] of kinds) {
    const wrong = Object.entries(row.statuses).filter(([s]) => !(/^2/.test(s) || s === '304' || row.intended.includes(Number(s))));
    const rowErrors = row.errors + wrong.reduce((n, [, c]) => n + c, 0);
    total += row.requests;
    errors += rowErrors;
    if (!row.intended.length) worstP99 = Math.max(worstP99, row.p99);
    refused += row.statuses['429'] && row.intended.includes(429) ? row.statuses['429'] : 0;
    const answers = Object.entries(row.statuses).map(([s, c]) => `${s}: ${fmt(c)}`).join(', ');
    console.log(`${kind.padEnd(22)}${fmt(row.requests).padStart(10)}${fmt(row.requests / seconds).padStart(9)}${fmt(row.p50).padStart(8)}${fmt(row.p99).padStart(8)}${fmt(rowErrors).padStart(8)}  ${answers}`);
  }
  const sorted = [...writes.latencies].sort((a, b) => a - b);
  const p99w = sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.99))] ?? NaN;
  console.log(`${'admin write'.padEnd(22)}${fmt(writes.sent).padStart(10)}${fmt(writes.sent / seconds, 1).padStart(9)}${''.padStart(8)}${fmt(p99w).padStart(8)}${fmt(writes.failed.length).padStart(8)}  201: ${fmt(writes.ok)}`);
  for (const failure of writes.failed.slice(0, 3)) console.log(`  write failed: ${failure}`);
  errors += writes.failed.length;
  total += writes.sent;
  console.log(`total ${fmt(total)} requests, ${fmt(total / seconds)} req/s; worst p99 ${fmt(worstP99)} ms (abusive address left out); ` +
    `errors ${fmt(errors)}; intended 429s to the abusive address ${fmt(refused)}`);
  return { throughput: total / seconds, errors, worstP99 };
}

async function main() {
  const db = await startBenchDatabase('load-bench');
  const redis = await startRedis();
  const shared = {
    PUBLISHER: 'true',
    // The load generator is the proxy: each request names its client in X-Forwarded-For.
    TRUST_PROXY: HOST,
    RATE_LIMIT_PER_MINUTE: String(opts.rateLimit),
    ...(redis && { REDIS_URL: redis.url }),
  };
  const servers = [];
  try {
    servers.push(await startServer(db.url, shared));
    servers.push(await startServer(db.url, { ...shared, LOAD_DEMO_DATA: 'false' }));
    const keys = {
      writer: cli(db.url, ['keys', 'create', '--name', 'load bench operator', '--scope', 'blocklist:write']).match(/kzr_\S+/)[0],
      // A bank's key carries a limit of its own (an operator sets it for a bank that batches all day).
      bank: cli(db.url, ['keys', 'create', '--name', 'load bench bank', '--scope', 'verifications:use', '--rate-limit', '100000']).match(/kzr_\S+/)[0],
    };
    console.log(`two replicas on one PostgreSQL${redis ? ' and one Redis (shared rate limit)' : ' (no redis-server here: each replica counts its own rate limit)'}; ` +
      `${opts.clients} client addresses, ${opts.rateLimit} requests a minute each`);
    for (const server of servers) console.log(`replica ${server.base}: ${fmt(await settledRssMb(server.pid))} MB settled after start`);
    // Warm-up (JIT, caches, the first publication).
    await get(`${servers[0].base}/v1/check?q=binance.com`);
    await runLoad(servers.map((s) => s.base), 5, keys);

    let baseline;
    if (opts.baselineSeconds > 0) {
      await sleep(61_000); // a fresh rate-limit window for every address
      baseline = report('one replica (baseline)', opts.baselineSeconds, await runLoad([servers[0].base], opts.baselineSeconds, keys));
      await sleep(61_000);
    }
    const before = await Promise.all(servers.map((s) => settledRssMb(s.pid)));
    const two = report('two replicas', opts.seconds, await runLoad(servers.map((s) => s.base), opts.seconds, keys));
    const after = await Promise.all(servers.map((s) => settledRssMb(s.pid)));
    console.log('');
    servers.forEach((s, i) =>
      console.log(`replica ${i + 1}: RSS ${fmt(before[i])} MB before the run, ${fmt(after[i])} MB after (${after[i] >= before[i] ? '+' : ''}${fmt(after[i] - before[i], 1)} MB); peak ${fmt(statusKb(s.pid, 'VmHWM') / 1024)} MB`),
    );
    const { body } = await get(`${servers[1].base}/v1/blocklist/latest/manifest.json`);
    console.log(`latest serial after the run: ${JSON.parse(body).serial}`);
    if (baseline) console.log(`two replicas / one: ${fmt(two.throughput / baseline.throughput, 2)}x the throughput, p99 ${fmt(two.worstP99)} ms against ${fmt(baseline.worstP99)} ms (on ${(await import('node:os')).availableParallelism()} CPUs shared by both replicas, PostgreSQL and the load generator)`);
  } finally {
    for (const server of servers.reverse()) await server.stop();
    await redis?.stop();
    await db.stop();
  }
}

await main();
