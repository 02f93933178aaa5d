// Least privilege in the database (issue 13, item 8): with the service's own credentials the audit trail can only be
// appended to. Its triggers cannot be disabled, its rows neither changed nor deleted, its head not moved but by an
// append that continues it; the role owns nothing and is no superuser. The embedded setup makes both roles and
// upgrades a data folder from before them in place; one URL that both serves and migrates as a superuser is warned of.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawn } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import pg from 'pg';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { MIGRATIONS } from '../../migrations/index.js';
import { LeastPrivilege1796900000000 } from '../../migrations/1796900000000-least-privilege.js';
import { AuditService } from '../../src/audit/audit.service.js';
import { parseConfig } from '../../src/config/app-config.js';
import { ENTITIES } from '../../src/entities.js';
import { createRegistryApp } from '../../src/app.js';
import { dataSourceOptions } from '../../src/platform/database/data-source.js';
import { excessPrivileges, EMBEDDED_OWNER, EMBEDDED_SERVICE } from '../../src/platform/database/database-roles.js';
import { resolveDatabase } from '../../src/platform/database/database-url.js';
import { findFreePort, startEmbeddedPostgres } from '../../src/platform/database/embedded-postgres.js';
import { createKey } from '../setup/api-keys.js';
import { startServer } from '../setup/spawned-server.js';
import { createTestApp, type TestApp } from '../setup/test-app.js';

const RUN_MS = 40_000;
const PERMISSION_DENIED = '42501';
const source = { url: 'https://example.org/decision', readOn: '2026-11-24', confidence: 'verified' };
const legalBasis = 'Law of the Republic of Kazakhstan "On Digital Assets", Art. 11(5)';

let t: TestApp;
let service: pg.Client;
let writer: string;

async function sql<T extends pg.QueryResultRow>(url: string, text: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(text, params)).rows;
  } finally {
    await client.end();
  }
}

function cli(args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ['dist/src/cli/main.js', ...args], { env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

const addEntry = (value: string) =>
  request(t.server)
    .post('/v1/admin/blocklist/entries')
    .set('authorization', `Bearer ${writer}`)
    .send({ legalBasis, source, entries: [{ kind: 'domain', value, match: 'exact' }] });

async function head(): Promise<{ seq: string; hash: string; events: number; last: string }> {
  const [row] = await sql<{ seq: string; hash: string; events: number; last: string }>(
    t.databaseUrl,
    `SELECT h.seq, h.hash, (SELECT count(*)::int FROM audit_events) AS events, (SELECT coalesce(max(seq), 0)::text FROM audit_events) AS last
     FROM audit_head h WHERE h.id = 1`,
  );
  return row!;
}

beforeAll(async () => {
  t = await createTestApp({ RATE_LIMIT_PER_MINUTE: '100000' });
  writer = (await createKey(t.app, ['blocklist:write'])).key;
  await addEntry('before-the-checks.example').expect(201);
  service = new pg.Client({ connectionString: t.serviceUrl });
  await service.connect();
}, RUN_MS);
afterAll(async () => {
  await service?.end();
  await t?.close();
});

describe("the service's own credentials", () => {
  it('cannot disable the audit trail\'s triggers: only the owner may alter the table', async () => {
    for (const trigger of ['tr_audit_events_append_only', 'tr_audit_events_advance_head', 'USER', 'ALL']) {
      await expect(service.query(`ALTER TABLE audit_events DISABLE TRIGGER ${trigger}`)).rejects.toMatchObject({
        code: PERMISSION_DENIED,
        message: 'must be owner of table audit_events',
      });
    }
    await expect(service.query('DROP TRIGGER tr_audit_events_append_only ON audit_events')).rejects.toMatchObject({
      code: PERMISSION_DENIED,
      message: 'must be owner of relation audit_events',
    });
  });

  it('cannot turn triggers off for the session either (session_replication_role = replica)', async () => {
    await expect(service.query('SET session_replication_role = replica')).rejects.toMatchObject({
      code: PERMISSION_DENIED,
      message: 'permission denied to set parameter "session_replication_role"',
    });
  });

  it('may not UPDATE, DELETE or TRUNCATE audit events: permission denied before any trigger runs', async () => {
    const before = await head();
    for (const statement of [
      `UPDATE audit_events SET actor = 'someone-else' WHERE seq = 1`,
      `UPDATE audit_events SET after = '{}'::jsonb`,
      'DELETE FROM audit_events WHERE seq = 1',
      'DELETE FROM audit_events',
      'TRUNCATE audit_events',
    ]) {
      await expect(service.query(statement)).rejects.toMatchObject({ code: PERMISSION_DENIED, message: 'permission denied for table audit_events' });
    }
    expect(await head()).toEqual(before);
  });

  it("may not move the chain's head: no UPDATE, INSERT, DELETE or row lock on audit_head", async () => {
    const before = await head();
    for (const statement of [
      `UPDATE audit_head SET seq = 0, hash = repeat('0', 64) WHERE id = 1`,
      `UPDATE audit_head SET hash = repeat('f', 64)`,
      'DELETE FROM audit_head',
      `INSERT INTO audit_head (id, seq, hash) VALUES (2, 0, repeat('0', 64))`,
      'TRUNCATE audit_head',
      'SELECT seq FROM audit_head WHERE id = 1 FOR UPDATE',
    ]) {
      await expect(service.query(statement)).rejects.toMatchObject({ code: PERMISSION_DENIED, message: 'permission denied for table audit_head' });
    }
    expect(await head()).toEqual(before);
  });

  it("has an INSERT refused by the database unless it continues the head (seq = head + 1, prev_hash = the head's hash)", async () => {
    const before = await head();
    const next = BigInt(before.seq) + 1n;
    const insert = (seq: bigint, prevHash: string) =>
      service.query(
        `INSERT INTO audit_events (seq, occurred_at, actor, action, target_type, target_id, chain_version, prev_hash, hash)
         VALUES ($1, now(), 'forger', 'forge', 'nothing', 'none', 2, $2, repeat('a', 64))`,
        [seq.toString(), prevHash],
      );
    const refused = (seq: bigint) => ({ code: '23000', message: `audit event ${seq} does not continue the chain's head` });
    await expect(insert(next, 'f'.repeat(64))).rejects.toMatchObject(refused(next));
    await expect(insert(next + 1n, before.hash)).rejects.toMatchObject(refused(next + 1n));
    await expect(insert(BigInt(before.seq), before.hash)).rejects.toMatchObject({ code: '23505' });
    // The check is per statement (one bulk request inserts 1,000 rows at a time): a run broken in its middle is named there.
    const pair = (secondPrev: string) =>
      service.query(
        `INSERT INTO audit_events (seq, occurred_at, actor, action, target_type, target_id, chain_version, prev_hash, hash)
         VALUES ($1, now(), 'forger', 'forge', 'nothing', 'none', 2, $2, repeat('a', 64)),
                ($3, now(), 'forger', 'forge', 'nothing', 'none', 2, $4, repeat('b', 64))`,
        [next.toString(), before.hash, (next + 1n).toString(), secondPrev],
      );
    await expect(pair('c'.repeat(64))).rejects.toMatchObject(refused(next + 1n));
    expect(await head()).toEqual(before);
    await service.query('BEGIN');
    try {
      await pair('a'.repeat(64));
      const [moved] = (await service.query<{ seq: string; hash: string }>('SELECT seq, hash FROM audit_head WHERE id = 1')).rows;
      expect(moved).toEqual({ seq: (next + 1n).toString(), hash: 'b'.repeat(64) });
    } finally {
      await service.query('ROLLBACK');
    }
    expect(await head()).toEqual(before);

    // One that continues it is an append, which the service may make: the database moves the head with it (rolled
    // back here; a forged hash would show in `audit verify` as a hash mismatch at that seq).
    await service.query('BEGIN');
    try {
      await insert(next, before.hash);
      const [moved] = (await service.query<{ seq: string; hash: string }>('SELECT seq, hash FROM audit_head WHERE id = 1')).rows;
      expect(moved).toEqual({ seq: next.toString(), hash: 'a'.repeat(64) });
    } finally {
      await service.query('ROLLBACK');
    }
    expect(await head()).toEqual(before);
  });

  it('still appends through the admin API; the head follows each event and the chain verifies, in the app and in the CLI', async () => {
    const before = await head();
    await addEntry('least-privilege-one.example').expect(201);
    await addEntry('least-privilege-two.example').expect(201);
    const after = await head();
    expect(after.events).toBe(before.events + 2);
    expect(after.seq).toBe(after.last);
    expect(after.seq).toBe((BigInt(before.seq) + 2n).toString());
    const [last] = await sql<{ hash: string }>(t.databaseUrl, 'SELECT hash FROM audit_events WHERE seq = $1', [after.seq]);
    expect(after.hash).toBe(last!.hash);
    expect(await t.app.get(AuditService).verify()).toEqual({ ok: true, checked: after.events, lastSeq: after.seq, lastHash: after.hash });

    // The CLI with the service's credentials alone (no MIGRATION_DATABASE_URL): nothing to migrate, the chain read.
    const verified = await cli(['audit', 'verify'], { DATABASE_URL: t.serviceUrl });
    expect(verified.stderr).toBe('');
    expect(verified.stdout).toMatch(new RegExp(`^audit chain intact: ${after.events} events, head ${after.hash}$`, 'm'));
    expect(verified.code).toBe(0);
  }, RUN_MS);

  it('belongs to a role that owns no table and holds no power beyond its grants', async () => {
    const [role] = (
      await service.query<Record<string, unknown>>(
        `SELECT rolsuper, rolbypassrls, rolcreaterole, rolcreatedb, rolreplication,
                pg_has_role(current_user, 'registry_service', 'MEMBER') AS member,
                (SELECT count(*)::int FROM pg_class c WHERE pg_has_role(current_user, c.relowner, 'USAGE')) AS owns,
                (SELECT count(*)::int FROM pg_proc p WHERE pg_has_role(current_user, p.proowner, 'USAGE')) AS owns_functions
         FROM pg_roles WHERE rolname = current_user`,
      )
    ).rows;
    expect(role).toEqual({ rolsuper: false, rolbypassrls: false, rolcreaterole: false, rolcreatedb: false, rolreplication: false, member: true, owns: 0, owns_functions: 0 });
    const owners = await sql<{ owner: string }>(
      t.databaseUrl,
      `SELECT DISTINCT pg_get_userbyid(relowner) AS owner FROM pg_class
       WHERE relnamespace = 'public'::regnamespace AND relkind IN ('r', 'p', 'S', 'v', 'm')`,
    );
    expect(owners).toEqual([{ owner: process.env.KZ_TEST_OWNER }]);
    await expect(service.query('CREATE TABLE mine (id int)')).rejects.toMatchObject({ code: PERMISSION_DENIED, message: 'permission denied for schema public' });
    expect(await excessPrivileges(t.serviceUrl)).toEqual([]);
  });

  it('is granted the tables a later migration makes (default privileges), without TRUNCATE or ownership', async () => {
    await sql(t.ownerUrl, 'CREATE TABLE later_migration (id int GENERATED ALWAYS AS IDENTITY PRIMARY KEY, note text)');
    await service.query(`INSERT INTO later_migration (note) VALUES ('a'), ('b')`);
    await service.query(`UPDATE later_migration SET note = 'c' WHERE id = 1`);
    await service.query('DELETE FROM later_migration WHERE id = 2');
    expect((await service.query('SELECT id, note FROM later_migration')).rows).toEqual([{ id: 1, note: 'c' }]);
    await expect(service.query('TRUNCATE later_migration')).rejects.toMatchObject({ code: PERMISSION_DENIED, message: 'permission denied for table later_migration' });
    await expect(service.query('DROP TABLE later_migration')).rejects.toMatchObject({ code: PERMISSION_DENIED, message: 'must be owner of table later_migration' });
    await sql(t.ownerUrl, 'DROP TABLE later_migration');
  });

  it('finds the audit functions that act as the owner pinned to a search_path, and only the head lock callable by it', async () => {
    const functions = await sql<{ name: string; definer: boolean; config: string[]; callable: boolean }>(
      t.databaseUrl,
      `SELECT proname AS name, prosecdef AS definer, proconfig AS config,
              has_function_privilege($1, p.oid, 'EXECUTE') AS callable
       FROM pg_proc p WHERE proname IN ('registry_audit_lock_head', 'registry_audit_advance_head') ORDER BY proname`,
      [new URL(t.serviceUrl).username],
    );
    expect(functions).toEqual([
      { name: 'registry_audit_advance_head', definer: true, config: ['search_path=public, pg_temp'], callable: false },
      { name: 'registry_audit_lock_head', definer: true, config: ['search_path=public, pg_temp'], callable: true },
    ]);
  });
});

describe('the server started with DATABASE_URL', () => {
  const warnings = (output: string) =>
    output
      .split('\n')
      .filter((line) => line.includes('could rewrite the audit trail'))
      .map((line) => JSON.parse(line) as { level: number; excess: string[] });
  const env = { NODE_ENV: 'test', LOAD_DEMO_DATA: 'false', LOG_LEVEL: 'info' };

  it("warns once when that role is a superuser (it also migrates), and not with the service's and the owner's", async () => {
    expect(await excessPrivileges(t.databaseUrl)).toEqual(['is a superuser', 'bypasses row-level security', 'may create roles', expect.stringMatching(/^owns \(or is a member of the owner of\) \d+ tables$/)]);
    const [superuser, proper] = await Promise.all([
      startServer({ ...env, DATABASE_URL: t.databaseUrl }),
      startServer({ ...env, DATABASE_URL: t.serviceUrl, MIGRATION_DATABASE_URL: t.ownerUrl }),
    ]);
    try {
      const said = warnings(superuser.output());
      expect(said).toHaveLength(1);
      expect(said[0]).toMatchObject({ level: 40, excess: expect.arrayContaining(['is a superuser']) });
      expect(warnings(proper.output())).toEqual([]);
      expect((await fetch(`${proper.base}/v1/firms`)).status).toBe(200);
    } finally {
      await Promise.all([superuser.stop(), proper.stop()]);
    }
  }, RUN_MS);
});

describe('the embedded setup', () => {
  it('makes the owner and service roles, and upgrades a data folder whose tables the superuser owns', async () => {
    // Inside the project like every embedded folder here: PostgreSQL runs as `postgres` when the tests run as root.
    const dir = `.data/least-privilege-${await findFreePort()}`;
    const port = await findFreePort();
    try {
      // A folder from before the two roles: migrated as the superuser up to the least-privilege migration, which (and
      // every one after it) the upgraded start runs as the owner.
      const legacy = await startEmbeddedPostgres({ dir, port, database: 'registry', persistent: true });
      const old = new DataSource({ ...dataSourceOptions(legacy.url, ENTITIES), migrations: MIGRATIONS.slice(0, MIGRATIONS.indexOf(LeastPrivilege1796900000000)) });
      await old.initialize();
      await old.runMigrations({ transaction: 'each' });
      await old.destroy();
      await legacy.stop();

      const config = parseConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', LOAD_DEMO_DATA: 'false', EMBEDDED_PG_DIR: dir, EMBEDDED_PG_PORT: String(port) });
      const database = await resolveDatabase(config);
      try {
        expect(new URL(database.url).username).toBe(EMBEDDED_SERVICE);
        expect(new URL(database.migrationUrl).username).toBe(EMBEDDED_OWNER);
        for (const kept of ['owner-password', 'service-password']) {
          expect(existsSync(`${dir}.${kept}`)).toBe(true);
          expect(statSync(`${dir}.${kept}`).mode & 0o777).toBe(0o600);
        }
        const app = await createRegistryApp({ config, databaseUrl: database.url, migrationDatabaseUrl: database.migrationUrl });
        try {
          await app.init();
          await app.getHttpAdapter().getInstance().ready();
          const key = (await createKey(app, ['blocklist:write'])).key;
          await request(app.getHttpServer())
            .post('/v1/admin/blocklist/entries')
            .set('authorization', `Bearer ${key}`)
            .send({ legalBasis, source, entries: [{ kind: 'domain', value: 'upgraded.example', match: 'exact' }] })
            .expect(201);
          const [{ events }] = await sql<{ events: number }>(database.url, 'SELECT count(*)::int AS events FROM audit_events');
          expect(events).toBeGreaterThan(0);
          expect(await app.get(AuditService).verify()).toMatchObject({ ok: true, checked: events });
        } finally {
          await app.close();
        }
        const owners = await sql<{ owner: string }>(
          database.migrationUrl,
          `SELECT DISTINCT pg_get_userbyid(relowner) AS owner FROM pg_class
           WHERE relnamespace = 'public'::regnamespace AND relkind IN ('r', 'p', 'S', 'v', 'm')
           UNION SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = current_database()`,
        );
        expect(owners).toEqual([{ owner: EMBEDDED_OWNER }]);
        await expect(sql(database.url, 'ALTER TABLE audit_events DISABLE TRIGGER USER')).rejects.toMatchObject({ code: PERMISSION_DENIED });
        expect(await excessPrivileges(database.url)).toEqual([]);
      } finally {
        await database.stop();
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
      for (const kept of ['password', 'owner-password', 'service-password']) await rm(`${dir}.${kept}`, { force: true });
    }
  }, RUN_MS);
});
