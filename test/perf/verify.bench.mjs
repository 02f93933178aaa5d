// Benchmark: bank verification end to end, signing and storing the receipt included. On the built server (production
// settings, demo data plus VERIFY_FIRMS firms and VERIFY_BLOCKED blocked entities written through the admin API), it
// runs with autocannon, in the same run and alternating: a batch of 1,000 mixed items (valid BINs, a bad check digit,
// LEIs, licence numbers, Cyrillic and Latin names with legal forms, fuzzy names, domains and subdomains, blocked
// domains, warned brands, unknown names, past days) and a single verification, each one request at a time. It prints
// p50 and p99 of each, the batch's time per item, and the ratio of a batch to a single verification. Target (issue 12):
// a batch of 1,000 under 1 s at p50. It asserts nothing (STYLE.md "Tests").
//
//   npm run bench:verify                                  (builds, then runs this file)
//   node_modules/.bin/node test/perf/verify.bench.mjs     (after npm run build)
//
// Env: VERIFY_SECONDS (20) per run, VERIFY_ROUNDS (2), VERIFY_FIRMS (200), VERIFY_BLOCKED (1000).
import autocannon from 'autocannon';
import { binCheckDigit } from '../../dist/src/firms/identifiers.js';
import { cli, fmt, mark, peakRssMb, post, postgresCpuMs, processCpuMs, startBenchDatabase, startServer } from './bench-kit.mjs';

const env = (name, fallback) => Number(process.env[name] || fallback);
const opts = { seconds: env('VERIFY_SECONDS', 20), rounds: env('VERIFY_ROUNDS', 2), firms: env('VERIFY_FIRMS', 200), blocked: env('VERIFY_BLOCKED', 1000) };
const TARGET_P50_MS = 1000;
const BATCH = 1000;

const validBin = (n) => {
  for (let k = n; ; k++) {
    const first11 = String(10_000_000_000 + k).slice(0, 11);
    const digit = binCheckDigit(first11);
    if (digit !== null) return `${first11}${digit}`;
  }
};
const source = { url: 'https://example.org/bench', readOn: '2026-11-24', confidence: 'unconfirmed' };
const WORDS = ['Altyn', 'Dala', 'Sary', 'Arqa', 'Tenge', 'Nomad', 'Steppe', 'Qazyna', 'Baiterek', 'Esil', 'Jetisu', 'Astana'];
const firmName = (i) => `${WORDS[i % WORDS.length]} ${WORDS[Math.floor(i / WORDS.length) % WORDS.length]} Digital ${i}`;

async function seed(base, url) {
  const firmsKey = cli(url, ['keys', 'create', '--name', 'verify bench firms', '--scope', 'firms:write']).match(/kzr_\S+/)[0];
  const blocksKey = cli(url, ['keys', 'create', '--name', 'verify bench blocks', '--scope', 'blocks:write']).match(/kzr_\S+/)[0];
  const bankKey = cli(url, ['keys', 'create', '--name', 'verify bench bank', '--scope', 'verifications:use']).match(/kzr_\S+/)[0];
  const firms = [];
  for (let i = 0; i < opts.firms; i++) {
    const firm = {
      names: { en: `${firmName(i)} LLP`, ru: `ТОО «${firmName(i)}»` },
      bin: validBin(100_000 + i * 7),
      jurisdiction: 'AIFC',
      domains: [{ domain: `firm${i}.bench.example`, source }],
      licences: [{ number: `DEMO-AFSA-B-${2020 + (i % 6)}-${String(i).padStart(4, '0')}`, regulator: 'AFSA', activities: ['Providing Custody'], grantedOn: `${2020 + (i % 6)}-03-01`, source }],
      source,
    };
    await post(`${base}/v1/admin/firms`, firmsKey, firm);
    firms.push(firm);
  }
  for (let i = 0; i < opts.blocked; i++) {
    await post(`${base}/v1/admin/blocked-entities`, blocksKey, {
      name: { en: `Illegal Exchange ${i}` },
      category: 'online-exchange',
      authority: { en: 'Ministry of Culture and Information of the Republic of Kazakhstan' },
      legalBasis: { en: 'Law of the Republic of Kazakhstan "On Digital Assets"' },
      blockedOn: `2024-${String(1 + (i % 12)).padStart(2, '0')}-01`,
      domains: [`illegal${i}.bench.example`],
      source,
    });
  }
  return { firms, bankKey };
}

/** 1,000 items cycling through every kind of question a bank asks. */
function mixedBatch(firms) {
  const kinds = [
    (i, f) => ({ bin: f.bin }),
    (i, f) => ({ bin: `${f.bin.slice(0, 11)}${(Number(f.bin[11]) + 1) % 10}` }),
    (i, f) => ({ licenceNumber: f.licences[0].number }),
    (i, f) => ({ name: f.names.ru }),
    (i, f) => ({ name: f.names.en.replace(' LLP', ' Ltd') }),
    (i, f) => ({ name: f.names.en.replace('Digital', 'Digitl') }),
    (i, f) => ({ domain: `www.firm${i % firms.length}.bench.example` }),
    (i) => ({ domain: `illegal${i % opts.blocked}.bench.example` }),
    () => ({ name: 'Bitget' }),
    (i) => ({ name: `Nowhere Exchange ${i}` }),
    (i, f) => ({ bin: f.bin, asOf: '2025-06-30' }),
    () => ({ lei: 'DEMO-LEI-NONE' }),
    (i) => ({ bin: validBin(900_000 + i) }),
    () => ({ name: 'Бинанс Казахстан ЖШС' }),
  ];
  return Array.from({ length: BATCH }, (_, i) => ({ reference: `ref-${i}`, ...kinds[i % kinds.length](i, firms[i % firms.length]) }));
}

function run(base, path, key, body) {
  return new Promise((resolve, reject) =>
    autocannon(
      {
        url: `${base}${path}`,
        method: 'POST',
        connections: 1,
        duration: opts.seconds,
        headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
        body: JSON.stringify(body),
      },
      (error, result) => (error ? reject(error) : resolve(result)),
    ),
  );
}

async function main() {
  const db = await startBenchDatabase('verify-bench');
  const server = await startServer(db.url);
  try {
    const seedStart = performance.now();
    const { firms, bankKey } = await seed(server.base, db.url);
    console.log(`seeded ${opts.firms} firms and ${opts.blocked} blocked entities in ${fmt((performance.now() - seedStart) / 1000, 1)} s`);
    const items = mixedBatch(firms);
    const single = { name: `${firmName(7)} Ltd`, bin: firms[7].bin };

    const batchAnswer = await post(`${server.base}/v1/verifications/batch`, bankKey, { items }, [200]);
    console.log(`one batch answers ${batchAnswer.count} items: ${JSON.stringify(batchAnswer.statuses)}; receipt ${(batchAnswer.receipt.jws.length / 1e6).toFixed(2)} MB`);
    const singleAnswer = await post(`${server.base}/v1/verifications`, bankKey, single, [200]);
    console.log(`the single verification answers ${singleAnswer.status} (${singleAnswer.match?.name})`);

    const rows = { batch: [], single: [] };
    const cpu = { batch: { node: 0, pg: 0 }, single: { node: 0, pg: 0 } };
    for (let round = 0; round < opts.rounds; round++) {
      const order = round % 2 === 0 ? ['batch', 'single'] : ['single', 'batch'];
      for (const what of order) {
        const nodeBefore = processCpuMs(server.pid);
        const pgBefore = postgresCpuMs(db.pid());
        const result = what === 'batch' ? await run(server.base, '/v1/verifications/batch', bankKey, { items }) : await run(server.base, '/v1/verifications', bankKey, single);
        const bad = result.errors + result.timeouts + result.non2xx;
        if (bad > 0) throw new Error(`${what}: ${bad} requests failed (errors ${result.errors}, timeouts ${result.timeouts}, non-2xx ${result.non2xx})`);
        rows[what].push(result);
        cpu[what].node += processCpuMs(server.pid) - nodeBefore;
        cpu[what].pg += postgresCpuMs(db.pid()) - pgBefore;
      }
    }
    const summary = (list) => ({
      requests: list.reduce((n, r) => n + r.requests.total, 0),
      p50: Math.max(...list.map((r) => r.latency.p50)),
      p99: Math.max(...list.map((r) => r.latency.p99)),
      mean: list.reduce((n, r) => n + r.latency.mean * r.requests.total, 0) / list.reduce((n, r) => n + r.requests.total, 0),
    });
    const b = summary(rows.batch);
    const s = summary(rows.single);
    console.log('');
    console.log(`${'what'.padEnd(28)}${'requests'.padStart(10)}${'p50 ms'.padStart(10)}${'p99 ms'.padStart(10)}${'mean ms'.padStart(10)}`);
    console.log(`${'batch of 1,000 (signed)'.padEnd(28)}${fmt(b.requests).padStart(10)}${fmt(b.p50).padStart(10)}${fmt(b.p99).padStart(10)}${fmt(b.mean, 1).padStart(10)}`);
    console.log(`${'single verification'.padEnd(28)}${fmt(s.requests).padStart(10)}${fmt(s.p50).padStart(10)}${fmt(s.p99).padStart(10)}${fmt(s.mean, 1).padStart(10)}`);
    console.log('');
    console.log(`batch p50 ${fmt(b.p50)} ms (target < ${TARGET_P50_MS} ms: ${mark(b.p50 < TARGET_P50_MS)}); p99 ${fmt(b.p99)} ms`);
    console.log(`a batch takes ${fmt(b.mean / s.mean, 1)} single verifications' time (mean); per item ${fmt(b.mean / BATCH, 2)} ms against ${fmt(s.mean, 2)} ms alone: ${fmt(s.mean / (b.mean / BATCH), 1)}x cheaper`);
    const per = (what, n) => `${fmt(cpu[what].node / n, 1)} ms in the server, ${fmt(cpu[what].pg / n, 1)} ms in PostgreSQL`;
    console.log(`CPU per batch: ${per('batch', b.requests)}; per single verification: ${per('single', s.requests)}`);
    console.log(`server peak RSS ${fmt(peakRssMb(server.pid))} MB`);
  } finally {
    await server.stop();
    await db.stop();
  }
}

await main();
