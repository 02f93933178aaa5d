// The migration to localised records, licence history and domain sources keeps what existing rows say (issue 8,
// points 4, 5, 17): English text becomes `en`, each licence gets its known history, and old domains say unconfirmed.
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { DataSource } from 'typeorm';
import { MIGRATIONS } from '../../migrations/index.js';
import { ENTITIES } from '../../src/entities.js';
import { createDataSource } from '../../src/platform/database/data-source.js';
import { withDatabase } from '../setup/database.js';

const admin = process.env.KZ_TEST_ADMIN_URL!;
const name = `kz_test_${process.env.KZ_TEST_RUN}_migration_${randomBytes(4).toString('hex')}`;
const url = withDatabase(admin, name);
let db: DataSource;

async function onAdmin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

function migratedTo(count: number): DataSource {
  const source = createDataSource(url, ENTITIES);
  source.setOptions({ migrations: MIGRATIONS.slice(0, count) });
  return source;
}

beforeAll(async () => {
  await onAdmin(`CREATE DATABASE "${name}"`);
  const before = migratedTo(MIGRATIONS.indexOf(MIGRATIONS.find((m) => m.name.endsWith('1796200000000'))!));
  await before.initialize();
  await before.runMigrations({ transaction: 'each' });
  // Rows as the previous schema held them.
  await before.query(`
    INSERT INTO firms (id, name_en, search_text, jurisdiction, source_url, source_read_on, source_confidence, created_at)
    VALUES ('00000000-0000-4000-8000-000000000001', 'Old Firm', 'old firm', 'AIFC', 'https://example.org', '2025-01-01', 'verified', '2025-01-01');
    INSERT INTO firm_domains (firm_id, domain, display) VALUES ('00000000-0000-4000-8000-000000000001', 'old-firm.kz', 'old-firm.kz');
    INSERT INTO licences (id, firm_id, number, regulator, activities, status, granted_on, ended_on, source_url, source_read_on, source_confidence, created_at)
    VALUES
      ('00000000-0000-4000-8000-00000000000a', '00000000-0000-4000-8000-000000000001', 'OLD-1', 'AFSA', '{Custody}', 'expired', '2023-02-01', '2024-02-01', 'https://example.org', '2025-01-01', 'verified', '2025-01-01'),
      ('00000000-0000-4000-8000-00000000000b', '00000000-0000-4000-8000-000000000001', 'OLD-2', 'AFSA', '{Custody}', 'suspended', '2024-03-01', NULL, 'https://example.org', '2025-01-01', 'verified', '2025-01-02'),
      ('00000000-0000-4000-8000-00000000000c', '00000000-0000-4000-8000-000000000001', 'OLD-3', 'AFSA', '{Custody}', 'active', '2024-04-01', NULL, 'https://example.org', '2025-01-01', 'verified', '2025-01-03');
    INSERT INTO blocked_entities (id, name, search_text, category, authority, requested_by, legal_basis, blocked_on, source_url, source_read_on, source_confidence)
    VALUES
      ('00000000-0000-4000-8000-0000000000e1', 'Old Block', 'old block', 'online-exchange', 'Old Authority', 'Old Requester', 'Old Law', '2024-01-01', 'https://example.org', '2025-01-01', 'verified'),
      ('00000000-0000-4000-8000-0000000000e2', 'Other Block', 'other block', 'online-exchange', 'Old Authority', NULL, 'Old Law', '2024-01-01', 'https://example.org', '2025-01-01', 'verified');
    UPDATE blocklist_head SET serial = 1;
    INSERT INTO blocklist_serials (serial) VALUES (1);
    INSERT INTO blocklist_entries (kind, value, display_value, match, blocked_entity_id, legal_basis, added_serial, source_url, source_read_on, source_confidence)
    VALUES ('domain', 'old-block.example', 'old-block.example', 'exact', '00000000-0000-4000-8000-0000000000e1', 'Old Law', 1, 'https://example.org', '2025-01-01', 'verified');
  `);
  await before.destroy();
  db = createDataSource(url, ENTITIES);
  await db.initialize();
  await db.runMigrations({ transaction: 'each' });
});

afterAll(async () => {
  await db?.destroy();
  await onAdmin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
});

it('keeps the English texts of blocked entities and entries as en, with no ru or kk', async () => {
  expect(
    await db.query(
      `SELECT name_en, name_ru, name_kk, authority_en, authority_ru, requested_by_en, requested_by_kk, legal_basis_en, legal_basis_ru
       FROM blocked_entities ORDER BY name_en`,
    ),
  ).toEqual([
    { name_en: 'Old Block', name_ru: null, name_kk: null, authority_en: 'Old Authority', authority_ru: null, requested_by_en: 'Old Requester', requested_by_kk: null, legal_basis_en: 'Old Law', legal_basis_ru: null },
    { name_en: 'Other Block', name_ru: null, name_kk: null, authority_en: 'Old Authority', authority_ru: null, requested_by_en: null, requested_by_kk: null, legal_basis_en: 'Old Law', legal_basis_ru: null },
  ]);
  expect(await db.query(`SELECT legal_basis_en, legal_basis_ru, legal_basis_kk FROM blocklist_entries`)).toEqual([
    { legal_basis_en: 'Old Law', legal_basis_ru: null, legal_basis_kk: null },
  ]);
});

it('gives every licence its known history: the grant, then an end on its end date or a suspension of unknown date', async () => {
  const rows: { number: string; event: string; on: string | null; precision: string | null }[] = await db.query(`
    SELECT l.number, e.event, to_char(e.effective_on, 'YYYY-MM-DD') AS on, e.effective_on_precision AS precision
    FROM licence_events e JOIN licences l ON l.id = e.licence_id ORDER BY e.id`);
  expect(rows).toEqual([
    { number: 'OLD-1', event: 'granted', on: '2023-02-01', precision: 'day' },
    { number: 'OLD-1', event: 'expired', on: '2024-02-01', precision: 'day' },
    { number: 'OLD-2', event: 'granted', on: '2024-03-01', precision: 'day' },
    { number: 'OLD-2', event: 'suspended', on: null, precision: null },
    { number: 'OLD-3', event: 'granted', on: '2024-04-01', precision: 'day' },
  ]);
  expect(await db.query(`SELECT DISTINCT granted_on_precision FROM licences`)).toEqual([{ granted_on_precision: 'day' }]);
});

it('says of an official domain recorded before sources that nothing confirms it', async () => {
  const [domain] = await db.query(`SELECT source_url, source_document, source_confidence FROM firm_domains`);
  expect(domain).toEqual({
    source_url: null,
    source_document: 'Recorded before official domains carried their own source: no source on record states that the firm uses this domain.',
    source_confidence: 'unconfirmed',
  });
});

it('leaves entities and migrations in agreement', async () => {
  const sql = await db.driver.createSchemaBuilder().log();
  expect(sql.upQueries.map((q) => q.query)).toEqual([]);
});

it('reverts to the previous schema, English texts back in their old columns', async () => {
  // Later migrations are undone first, down to this one.
  const position = MIGRATIONS.findIndex((m) => m.name.endsWith('1796200000000'));
  for (let i = MIGRATIONS.length; i > position; i--) await db.undoLastMigration({ transaction: 'each' });
  expect(await db.query(`SELECT name, legal_basis FROM blocked_entities ORDER BY name`)).toEqual([
    { name: 'Old Block', legal_basis: 'Old Law' },
    { name: 'Other Block', legal_basis: 'Old Law' },
  ]);
  await db.runMigrations({ transaction: 'each' });
  expect(await db.query(`SELECT count(*)::int AS n FROM licence_events`)).toEqual([{ n: 5 }]);
});
