// Benchmark: the blocklist at a million entries, end to end. Starts a throwaway embedded PostgreSQL, writes a CSV of
// PUBLISH_ROWS rows (default 1,000,000: a tenth URLs, some IPv4, IPv6 and CIDR entries, the rest domains, subtree and
// exact) and imports it through the built CLI (`blocklist import`: streamed, one serial), reporting the import's time,
// rows/s, the CLI's peak memory and what else the machine did meanwhile. Prints figures against the targets of
// issue 10 and asserts nothing (STYLE.md "Tests").
//
//   npm run bench:publish                                 (builds, then runs this file)
//   node_modules/.bin/node test/perf/publish.bench.mjs    (after npm run build)
//
// Env: PUBLISH_ROWS (1000000). See test/perf/README.md.
import { once } from 'node:events';
import { createWriteStream, existsSync, rmSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import {
  childrenCpuMs,
  cli,
  cliMeasured,
  CLI,
  fmt,
  machineBusyMs,
  mark,
  pct,
  postgresCpuMs,
  startBenchDatabase,
} from './bench-kit.mjs';

const TARGETS = { importRowsPerS: 50_000 };
const opts = { rows: Number(process.env.PUBLISH_ROWS || '1000000') };

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
  ]);
  const wallMs = performance.now() - started;
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
    phases: run.lines.filter(({ line }) => /^(Checking|Writing)/.test(line)),
  };
}

function report({ import: imp }) {
  console.log('');
  console.log(`Import of ${fmt(imp.rows)} rows (${fmt(imp.bytes / 2 ** 20, 1)} MiB of CSV) through the CLI, one serial (${imp.serial}):`);
  console.log(`  time                  ${fmt(imp.wallMs / 1000, 1)} s, ${fmt(imp.rowsPerS)} rows/s (target > ${fmt(TARGETS.importRowsPerS)}) ${mark(imp.rowsPerS > TARGETS.importRowsPerS)}`);
  const phases = [...imp.phases.map((p) => `${p.line.replace(/ .*/, '').toLowerCase()} from ${fmt(p.at / 1000, 1)} s`), `done at ${fmt(imp.wallMs / 1000, 1)} s`];
  console.log(`  phases                reading and staging from the start, ${phases.join(', ')}`);
  console.log(`  CLI peak memory       ${fmt(imp.cliPeakMb)} MB resident (VmHWM)`);
  console.log(`  CPU                   CLI ${pct(imp.cliCpu)}, PostgreSQL ${pct(imp.pgCpu)}, other ${pct(imp.otherCpu)} of one core`);
  console.log('\nother CPU: the rest of the machine meanwhile (above ~25%: another job competed; figures unreliable).');
}

process.exitCode = await main().then(
  () => 0,
  (error) => {
    console.error(`\nbench failed: ${error instanceof Error ? error.stack : error}`);
    return 1;
  },
);
