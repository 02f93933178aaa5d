// How long each blocklist renderer takes per entry and how big its file gets, at a national list's size, streamed as
// the publisher streams: each entry made, rendered by one format and dropped. The baseline is set.tsv, the least a
// format can do (one line of the entry's own fields). Prints a table; asserts nothing. After `npm run build`:
//   node_modules/.bin/node test/perf/formats.bench.mjs            # 1,000,000 entries
//   BENCH_ENTRIES=200000 node_modules/.bin/node test/perf/formats.bench.mjs
import { BLOCKLIST_FORMATS } from '../../dist/src/blocklist/formats/blocklist-formats.js';

const N = Number(process.env.BENCH_ENTRIES ?? 1_000_000);
const SOURCE = { url: 'https://www.gov.kz/memleket/entities/mci/documents/details/1', document: null, readOn: '2026-11-30', confidence: 'verified', demo: false };
const LAW = { en: 'Law of the Republic of Kazakhstan "On Digital Assets", Art. 11(5)', ru: 'Закон Республики Казахстан «О цифровых активах», ст. 11', kk: '«Цифрлық активтер туралы» Қазақстан Республикасының Заңы, 11-бап' };
const ENTITY = {
  id: '9a7b6c5d-4e3f-4a1b-8c9d-0e1f2a3b4c5d', name: { en: 'Example exchange', ru: null, kk: null }, category: 'online-exchange',
  authority: { en: 'Ministry of Culture and Information', ru: 'Министерство культуры и информации', kk: 'Мәдениет және ақпарат министрлігі' },
  requestedBy: null, legalBasis: LAW, decisionNumber: '7-ПР', decisionDate: '2026-11-29', blockedOn: '2026-11-30', blockedOnPrecision: 'day', liftedOn: null, state: 'in-force',
};

// A mix like a national list: mostly domains (a third of them subtrees), then URLs, addresses and blocks.
function entryAt(i) {
  const r = i % 100;
  const [kind, value] =
    r < 80 ? ['domain', `site-${i}.example-${i % 97}.kz`]
    : r < 90 ? ['url', `https://site-${i}.example.kz/promo/${i}`]
    : r < 95 ? ['ipv4', `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`]
    : r < 98 ? ['ipv6', `2001:db8:${((i >> 15) + 1).toString(16)}::${((i & 0x7fff) + 1).toString(16)}`]
    : ['cidr', `10.${(i >> 8) & 255}.${i & 255}.0/24`];
  const subtree = (kind === 'domain' || kind === 'url') && i % 3 === 0;
  return {
    id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`, kind, value, displayValue: value, match: subtree ? 'subtree' : 'exact',
    addedSerial: 1 + (i % 1000), addedAt: '2026-12-01T10:00:00Z', legalBasis: LAW, source: SOURCE, blockedEntity: i % 2 ? ENTITY : null,
  };
}

const subtreeDomains = new Set();
for (let i = 0; i < N; i++) if (i % 100 < 80 && i % 3 === 0) subtreeDomains.add(entryAt(i).value);
const ctx = { serial: 42, publishedAt: '2026-12-02T01:00:00Z', expiresAt: '2026-12-03T01:00:00Z', rpzZone: 'kz-crypto-registry.rpz', subtreeDomains, hostCidrs: new Set() };

// Making the entries alone (also the JIT's warm-up): every row below includes it.
const made = process.hrtime.bigint();
let sink = 0;
for (let i = 0; i < N; i++) sink += entryAt(i).value.length;
const makeMs = Number(process.hrtime.bigint() - made) / 1e6;

const rows = [];
for (const format of BLOCKLIST_FORMATS) {
  let bytes = Buffer.byteLength(format.header(ctx));
  const started = process.hrtime.bigint();
  for (let i = 0; i < N; i++) bytes += Buffer.byteLength(format.line(entryAt(i), ctx));
  bytes += Buffer.byteLength(format.footer(ctx));
  rows.push({ format: format.fileName, ms: Number(process.hrtime.bigint() - started) / 1e6, bytes });
}

const base = rows.find((r) => r.format === 'set.tsv');
console.log(`${N.toLocaleString('en')} entries; making them alone: ${((makeMs / N) * 1000).toFixed(2)} µs/entry, included below${sink > 0 ? '' : '!'}`);
console.log('file             µs/entry  x set.tsv   MB');
for (const r of rows) {
  console.log(`${r.format.padEnd(16)} ${((r.ms / N) * 1000).toFixed(2).padStart(8)} ${(r.ms / base.ms).toFixed(1).padStart(10)} ${(r.bytes / 1e6).toFixed(1).padStart(6)}`);
}
const total = rows.reduce((sum, r) => sum + r.ms, 0);
console.log(`all ${rows.length} files: ${(total / 1000).toFixed(1)} s, ${(rows.reduce((s, r) => s + r.bytes, 0) / 1e6).toFixed(0)} MB`);
