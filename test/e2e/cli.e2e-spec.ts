// The built CLI as an operator runs it (`node dist/src/cli/main.js ...`, not on a terminal), on a database of its own.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { cloneTemplate } from '../setup/database.js';

const MAIN = 'dist/src/cli/main.js';
const RUN_MS = 60_000;

interface Result {
  code: number | null;
  stdout: string;
  stderr: string;
}

let database: { url: string; drop: () => Promise<void> };
let dir: string;

function cli(args: string[], env: Record<string, string> = {}): Promise<Result> {
  const child = spawn(process.execPath, [MAIN, ...args], {
    env: { PATH: process.env.PATH ?? '', DATABASE_URL: database.url, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

async function file(name: string, lines: string[]): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, `${lines.join('\n')}\n`);
  return path;
}

async function query<T extends pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

const PROVENANCE = [
  '--legal-basis',
  'Law of the Republic of Kazakhstan "On Digital Assets", Art. 11(5)',
  '--source-url',
  'https://example.org/decision',
  '--confidence',
  'verified',
];

beforeAll(async () => {
  database = await cloneTemplate();
  dir = await mkdtemp(join(tmpdir(), 'kz-cli-e2e-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
  await database.drop();
});

describe('cli keys', () => {
  it('creates a key and prints it once, lists keys without secrets, and revokes', async () => {
    const created = await cli(['keys', 'create', '--name', 'ISP sync robot', '--scope', 'blocklist:write', '--scope', 'audit:read']);
    expect(created.code).toBe(0);
    const key = /^kzr_[a-z2-7]{12}_\S+$/m.exec(created.stdout)?.[0];
    expect(key).toMatch(/^kzr_/);
    const id = key!.slice(4, 16);
    expect(created.stdout).toContain(`id:      ${id}`);
    expect(created.stdout).toContain('limit:   by address (RATE_LIMIT_PER_MINUTE)');

    const listed = await cli(['keys', 'list']);
    expect(listed.code).toBe(0);
    expect(listed.stdout).toContain(id);
    expect(listed.stdout).toContain('ISP sync robot');
    expect(listed.stdout).toContain('blocklist:write,audit:read');
    expect(listed.stdout).not.toContain(key!.slice(17));
    expect(listed.stdout).not.toContain('kzr_');

    const revoked = await cli(['keys', 'revoke', id]);
    expect(revoked.code).toBe(0);
    expect(revoked.stdout).toContain(`Revoked API key ${id}`);
    const after = await cli(['keys', 'list']);
    expect(after.stdout.split('\n').find((line) => line.startsWith(id))).toContain('revoked');

    const audited = await query<{ action: string; actor: string }>(
      'SELECT action, actor FROM audit_events WHERE target_id = $1 ORDER BY seq',
      [id],
    );
    expect(audited).toEqual([
      { action: 'api-key.create', actor: 'cli' },
      { action: 'api-key.revoke', actor: 'cli' },
    ]);
  }, RUN_MS);

  it('rotates: a new key with the same rate limit, the old one revoked', async () => {
    const created = await cli(['keys', 'create', '--name', 'rotating', '--scope', 'audit:read', '--rate-limit', '6000']);
    expect(created.stdout).toContain('limit:   6000 requests a minute');
    const oldId = /^kzr_([a-z2-7]{12})_/m.exec(created.stdout)![1]!;
    const rotated = await cli(['keys', 'rotate', oldId]);
    expect(rotated.code).toBe(0);
    const newId = /^kzr_([a-z2-7]{12})_/m.exec(rotated.stdout)![1]!;
    expect(newId).not.toBe(oldId);
    const rows = await query<{ id: string; revoked: boolean; rate_limit_per_minute: number }>(
      'SELECT id, revoked_at IS NOT NULL AS revoked, rate_limit_per_minute FROM api_keys WHERE id = ANY($1) ORDER BY id',
      [[oldId, newId]],
    );
    expect(Object.fromEntries(rows.map((r) => [r.id, [r.revoked, r.rate_limit_per_minute]]))).toEqual({ [oldId]: [true, 6000], [newId]: [false, 6000] });
  }, RUN_MS);

  it('says plainly when a key does not exist', async () => {
    const result = await cli(['keys', 'revoke', 'aaaaaaaaaaaa']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('No API key has the id aaaaaaaaaaaa.');
  }, RUN_MS);
});

describe('cli blocklist import and export', () => {
  const good = ['kind,value,match', 'domain,Fake-Exchange-CLI.example.,subtree', 'cidr,203.0.113.0/24,exact', 'ipv4,192.0.2.10,exact'];

  it('dry-runs a file with bad rows: reports them by line as the admin API would, exits 1, writes nothing', async () => {
    const path = await file('bad.csv', [...good, 'domain,not a domain,exact', 'domain,login.binance.com,exact']);
    const serialBefore = await query<{ serial: string }>('SELECT serial FROM blocklist_head');
    const result = await cli(['blocklist', 'import', path, '--dry-run']);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('Nothing was written');
    expect(result.stdout).toMatch(/to add: +2\n/);
    expect(result.stdout).toMatch(/unchanged: +0 /);
    expect(result.stdout).toMatch(/invalid: +3\n/);
    // 192.0.2.10 is in the demo data already: refused, exactly as POST /v1/admin/blocklist/entries refuses it.
    expect(result.stdout).toMatch(/line 4: 192\.0\.2\.10 is already on the blocklist \(entry [0-9a-f-]{36}\)\./);
    expect(result.stdout).toContain('line 5: "not a domain": Not a valid domain name');
    expect(result.stdout).toContain('line 6: login.binance.com would block binance.com');
    expect(result.stderr).toContain('3 rows cannot be imported');

    const skipping = await cli(['blocklist', 'import', path, '--dry-run', '--skip-in-force']);
    expect(skipping.code).toBe(1);
    expect(skipping.stdout).toMatch(/unchanged: +1 \(already on the blocklist, left as they are\)/);
    expect(skipping.stdout).toMatch(/invalid: +2\n/);
    expect(await query('SELECT serial FROM blocklist_head')).toEqual(serialBefore);
  }, RUN_MS);

  it('refuses a public suffix in a dry run, as the admin API does, and exits 1', async () => {
    const path = await file('suffix.csv', ['kind,value,match', 'domain,co.uk,subtree', 'domain,github.io,subtree']);
    const result = await cli(['blocklist', 'import', path, '--dry-run']);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('line 2: "co.uk" is a public suffix (on the Public Suffix List)');
    expect(result.stdout).toContain('line 3: "github.io" is a public suffix (on the Public Suffix List)');
    expect(result.stdout).toMatch(/invalid: +2\n/);
  }, RUN_MS);

  it('dry-runs a clean file with exit 0', async () => {
    const path = await file('clean.csv', ['kind,value,match', 'domain,clean-dry-run.example,exact']);
    const result = await cli(['blocklist', 'import', path, '--dry-run']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/to add: +1\n/);
  }, RUN_MS);

  it('refuses the real import while a row is invalid, then imports the fixed file in one serial', async () => {
    const bad = await file('bad-real.csv', [...good, 'domain,not a domain,exact']);
    const refused = await cli(['blocklist', 'import', bad, ...PROVENANCE, '--skip-in-force']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('line 5: "not a domain": Not a valid domain name');
    expect(refused.stderr).toContain('nothing was written');
    const before = await cli(['blocklist', 'export']);
    expect(before.stdout).not.toContain('fake-exchange-cli.example');

    const fixed = await file('fixed.csv', good);
    const inForce = await cli(['blocklist', 'import', fixed, ...PROVENANCE]);
    expect(inForce.code).toBe(1);
    expect(inForce.stderr).toMatch(/line 4: 192\.0\.2\.10 is already on the blocklist/);
    const imported = await cli(['blocklist', 'import', fixed, ...PROVENANCE, '--skip-in-force']);
    expect(imported.code).toBe(0);
    expect(imported.stdout).toMatch(/added 2 entries under serial \d+; 1 was already on the blocklist/);

    const out = join(dir, 'export.csv');
    const exported = await cli(['blocklist', 'export', '--out', out]);
    expect(exported.code).toBe(0);
    const csv = await readFile(out, 'utf8');
    expect(csv.split('\n')[0]).toBe('kind,value,match,blocked_entity_id,added_serial');
    const serial = /under serial (\d+)/.exec(imported.stdout)![1];
    expect(csv).toContain(`domain,fake-exchange-cli.example,subtree,,${serial}\n`);
    expect(csv).toContain(`cidr,203.0.113.0/24,exact,,${serial}\n`);

    // The export reads back as a file with nothing to add.
    const again = await cli(['blocklist', 'import', out, ...PROVENANCE, '--skip-in-force']);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('Nothing to add');
  }, RUN_MS);

  it('records the legal basis in Russian and Kazakh when given, NFC-normalised', async () => {
    const path = await file('localised.csv', ['kind,value,match', 'domain,localised-cli.example,exact']);
    const ru = 'Закон Республики Казахстан «О цифровых активах в Республике Казахстан», пункт 5 статьи 11 (действующий)'.normalize('NFD');
    expect(ru).not.toBe(ru.normalize('NFC'));
    const kk = '«Қазақстан Республикасындағы цифрлық активтер туралы» Қазақстан Республикасының Заңы, 11-баптың 5-тармағы';
    const result = await cli(['blocklist', 'import', path, ...PROVENANCE, '--legal-basis-ru', ru, '--legal-basis-kk', kk]);
    expect(result.code).toBe(0);
    const rows = await query<{ en: string; ru: string; kk: string }>(
      "SELECT legal_basis_en AS en, legal_basis_ru AS ru, legal_basis_kk AS kk FROM blocklist_entries WHERE value = 'localised-cli.example'",
    );
    expect(rows).toEqual([{ en: 'Law of the Republic of Kazakhstan "On Digital Assets", Art. 11(5)', ru: ru.normalize('NFC'), kk }]);
  }, RUN_MS);

  it('shows plain progress lines when not on a terminal', async () => {
    const rows = Array.from({ length: 2000 }, (_, i) => `domain,bulk-${i}.cli.example,exact`);
    const path = await file('bulk.csv', ['kind,value,match', ...rows]);
    const result = await cli(['blocklist', 'import', path, ...PROVENANCE]);
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/^progress: 1000\/2000 \(50%\) reading and writing rows$/m);
    expect(result.stderr).toMatch(/^progress: 2000\/2000 \(100%\) reading and writing rows$/m);
    expect(result.stderr).not.toContain('\u001b');
    expect(result.stdout).toMatch(/added 2,000 entries under serial \d+\./);
    const [{ n }] = await query<{ n: string }>(
      "SELECT count(*) AS n FROM blocklist_entries WHERE value LIKE 'bulk-%.cli.example' AND removed_serial IS NULL",
    );
    expect(Number(n)).toBe(2000);
  }, RUN_MS);

  it('imports a 50,000-row file under one serial with one audit event naming the file by its SHA-256', async () => {
    const rows = Array.from({ length: 50_000 }, (_, i) =>
      i % 10 === 0 ? `url,https://big-cli.example/p/${i},exact` : `domain,d${i}.big-cli.example,${i % 3 === 0 ? 'exact' : 'subtree'}`,
    );
    const path = await file('fifty-thousand.csv', ['kind,value,match', ...rows]);
    const text = await readFile(path);
    const [{ serial: before }] = await query<{ serial: string }>('SELECT serial FROM blocklist_head');
    const [{ n: eventsBefore }] = await query<{ n: number }>('SELECT count(*)::int AS n FROM audit_events');

    const result = await cli(['blocklist', 'import', path, ...PROVENANCE]);
    expect(result.code).toBe(0);
    const serial = Number(before) + 1;
    expect(result.stdout).toContain(`added 50,000 entries under serial ${serial}.`);
    expect(await query('SELECT added, removed FROM blocklist_serials WHERE serial = $1', [serial])).toEqual([{ added: 50_000, removed: 0 }]);
    const stored = await query<{ kind: string; n: number }>(
      'SELECT kind, count(*)::int AS n FROM blocklist_entries WHERE added_serial = $1 AND removed_serial IS NULL GROUP BY kind ORDER BY kind',
      [serial],
    );
    expect(stored).toEqual([
      { kind: 'domain', n: 45_000 },
      { kind: 'url', n: 5_000 },
    ]);
    const [sample] = await query("SELECT display_value, match, legal_basis_en, source_url, source_confidence FROM blocklist_entries WHERE value = 'd1.big-cli.example'");
    expect(sample).toEqual({
      display_value: 'd1.big-cli.example',
      match: 'subtree',
      legal_basis_en: 'Law of the Republic of Kazakhstan "On Digital Assets", Art. 11(5)',
      source_url: 'https://example.org/decision',
      source_confidence: 'verified',
    });

    // One event for the import, not one per entry: its entries are found by the serial.
    const events = await query<{ action: string; actor: string; target_type: string; target_id: string; after: Record<string, unknown> }>(
      'SELECT action, actor, target_type, target_id, after FROM audit_events WHERE seq > (SELECT max(seq) FROM audit_events) - 1',
    );
    expect(await query('SELECT count(*)::int AS n FROM audit_events')).toEqual([{ n: eventsBefore + 1 }]);
    expect(events).toEqual([
      {
        action: 'blocklist.import',
        actor: 'cli',
        target_type: 'blocklist-serial',
        target_id: String(serial),
        after: {
          serial,
          added: 50_000,
          unchanged: 0,
          file: { name: 'fifty-thousand.csv', sha256: createHash('sha256').update(text).digest('hex'), rows: 50_000 },
          legalBasis: { en: 'Law of the Republic of Kazakhstan "On Digital Assets", Art. 11(5)', ru: null, kk: null },
          source: { url: 'https://example.org/decision', document: null, readOn: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/), confidence: 'verified', demo: false },
        },
      },
    ]);
    const verified = await cli(['audit', 'verify']);
    expect(verified.code).toBe(0);
  }, RUN_MS);

  it('refuses a 50,000-row file with a bad row at line 40,001 and a repeat further down, naming both lines, and writes nothing', async () => {
    const rows = Array.from({ length: 50_000 }, (_, i) => `domain,r${i}.refused-cli.example,exact`);
    rows[39_999] = 'domain,not a domain,exact'; // line 40,001: the header is line 1
    rows[45_000] = 'domain,R7.Refused-CLI.example.,exact'; // line 45,002 repeats line 9 in another spelling
    const path = await file('bad-at-40001.csv', ['kind,value,match', ...rows]);
    const [head] = await query('SELECT serial FROM blocklist_head');
    const [counts] = await query('SELECT (SELECT count(*)::int FROM blocklist_entries) AS entries, (SELECT count(*)::int FROM audit_events) AS events');

    const result = await cli(['blocklist', 'import', path, ...PROVENANCE]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('  line 40001: "not a domain": Not a valid domain name');
    expect(result.stderr).toContain('  line 45002: Duplicate of line 9 (r7.refused-cli.example).');
    expect(result.stderr).toContain('error: 2 of 50,000 rows cannot be imported (listed above); nothing was written.');
    expect(await query('SELECT serial FROM blocklist_head')).toEqual([head]);
    expect(await query('SELECT (SELECT count(*)::int FROM blocklist_entries) AS entries, (SELECT count(*)::int FROM audit_events) AS events')).toEqual([counts]);

    const dry = await cli(['blocklist', 'import', path, '--dry-run']);
    expect(dry.code).toBe(1);
    expect(dry.stdout).toMatch(/to add: +49,998\n/);
    expect(dry.stdout).toMatch(/invalid: +2\n/);
    expect(dry.stdout).toContain('  line 40001: "not a domain": Not a valid domain name');
  }, RUN_MS);

  it('exports firms as CSV', async () => {
    const result = await cli(['firms', 'export']);
    expect(result.code).toBe(0);
    const lines = result.stdout.trim().split('\n');
    expect(lines[0]).toBe('id,name_en,name_ru,name_kk,bin,lei,jurisdiction,licensing_status,domains,domain_confidences');
    expect(lines.some((l) => l.includes('Binance Kazakhstan') && l.includes('licensed') && l.endsWith('binance.com,unconfirmed'))).toBe(true);
    expect(lines.some((l) => l.includes('Bybit Kazakhstan') && l.endsWith('bybit.com;bybit.kz,unconfirmed;unconfirmed'))).toBe(true);
  }, RUN_MS);
});

describe('cli audit verify and db migrate', () => {
  it('reports the schema current', async () => {
    const result = await cli(['db', 'migrate']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('The database schema is up to date');
  }, RUN_MS);

  it('verifies an intact chain, then names the event that was changed behind its back', async () => {
    const intact = await cli(['audit', 'verify']);
    expect(intact.code).toBe(0);
    expect(intact.stdout).toMatch(/^audit chain intact: [\d,]+ events, head [0-9a-f]{64}$/m);

    const [{ seq }] = await query<{ seq: string }>("SELECT seq FROM audit_events WHERE action = 'api-key.revoke' ORDER BY seq LIMIT 1");
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      await client.query('ALTER TABLE audit_events DISABLE TRIGGER USER');
      await client.query("UPDATE audit_events SET action = 'api-key.create' WHERE seq = $1", [seq]);
      await client.query('ALTER TABLE audit_events ENABLE TRIGGER USER');
    } finally {
      await client.end();
    }
    const broken = await cli(['audit', 'verify']);
    expect(broken.code).toBe(1);
    expect(broken.stdout).toContain(`audit chain BROKEN at seq ${seq} (hash-mismatch)`);
  }, RUN_MS);
});

describe('cli usage and environment errors', () => {
  it('exits 2 with a readable message for an unknown command, a missing argument or a bad option', async () => {
    const unknown = await cli(['kees', 'list']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("error: unknown command 'kees'");
    expect(unknown.stderr).toContain('--help');

    const missing = await cli(['blocklist', 'import']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("error: missing required argument 'file'");

    const scope = await cli(['keys', 'create', '--name', 'x', '--scope', 'everything']);
    expect(scope.code).toBe(2);
    expect(scope.stderr).toContain('"everything" is not a scope');

    const provenance = await cli(['blocklist', 'import', await file('one.csv', oneRow())]);
    expect(provenance.code).toBe(2);
    expect(provenance.stderr).toContain('missing --legal-basis');
  }, RUN_MS);

  it('shows help without touching a database', async () => {
    const help = await cli(['blocklist', 'import', '--help'], { DATABASE_URL: 'postgres://nobody:x@127.0.0.1:1/none' });
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: npm run cli -- blocklist import [options] <file>');
  }, RUN_MS);

  it('exits 1 saying which database it could not reach', async () => {
    const result = await cli(['keys', 'list'], { DATABASE_URL: 'postgres://nobody:secret@127.0.0.1:1/none' });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('cannot connect to the database in DATABASE_URL (postgres://nobody:***@127.0.0.1:1/none)');
    expect(result.stderr).not.toContain('secret');
  }, RUN_MS);

  it('exits 1 listing invalid configuration', async () => {
    const result = await cli(['keys', 'list'], { LOG_LEVEL: 'loud' });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Invalid configuration');
    expect(result.stderr).toContain('LOG_LEVEL');
  }, RUN_MS);
});

function oneRow(): string[] {
  return ['kind,value,match', 'domain,one.cli.example,exact'];
}
