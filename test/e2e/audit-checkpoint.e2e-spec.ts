// The audit trail checkpointed outside the database: a superuser who rewrites an event and re-hashes the whole chain
// after it leaves a chain that verifies on its own, and `audit verify --manifest` catches it against a signed manifest.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import request from 'supertest';
import { chainHash, GENESIS_HASH } from '../../src/audit/audit-chain.js';
import { PublisherService } from '../../src/blocklist/publications/publisher.service.js';
import { createKey } from '../setup/api-keys.js';
import { createTestApp, type TestApp } from '../setup/test-app.js';

const RUN_MS = 60_000;
let t: TestApp;
let dir: string;

function cli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ['dist/src/cli/main.js', ...args], {
    env: { PATH: process.env.PATH ?? '', DATABASE_URL: t.databaseUrl, SIGNING_DEV_KEY_DIR: join(dir, 'signing') },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

async function asSuperuser(work: (client: pg.Client) => Promise<void>): Promise<void> {
  const client = new pg.Client({ connectionString: t.databaseUrl });
  await client.connect();
  try {
    await work(client);
  } finally {
    await client.end();
  }
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'audit-checkpoint-'));
  t = await createTestApp({ PUBLISHER: 'true', PUBLICATIONS_DIR: join(dir, 'publications'), PUBLISH_DEBOUNCE_MS: String(20 * 3600_000), SIGNING_DEV_KEY_DIR: join(dir, 'signing') });
  const writer = (await createKey(t.app, ['blocklist:write'])).key;
  await request(t.server)
    .post('/v1/admin/blocklist/entries')
    .set('authorization', `Bearer ${writer}`)
    .send({ legalBasis: 'Art. 11(5)', source: { url: 'https://example.org/d', readOn: '2026-11-24', confidence: 'verified' }, entries: [{ kind: 'domain', value: 'checkpointed.example', match: 'exact' }] })
    .expect(201);
  await t.app.get(PublisherService).publishDue();
  const manifest = await request(t.server).get('/v1/blocklist/latest/manifest.json').buffer(true).parse((res, cb) => {
    const chunks: Buffer[] = [];
    res.on('data', (c: Buffer) => chunks.push(c));
    res.on('end', () => cb(null, Buffer.concat(chunks)));
  });
  const signature = await request(t.server).get('/v1/blocklist/latest/manifest.json.sig').buffer(true).parse((res, cb) => {
    const chunks: Buffer[] = [];
    res.on('data', (c: Buffer) => chunks.push(c));
    res.on('end', () => cb(null, Buffer.concat(chunks)));
  });
  await writeFile(join(dir, 'manifest.json'), manifest.body as Buffer);
  await writeFile(join(dir, 'manifest.json.sig'), signature.body as Buffer);
});
afterAll(async () => {
  await t.close();
  await rm(dir, { recursive: true, force: true });
});

describe('audit verify --manifest', () => {
  it('confirms the chain holds a signed manifest\'s checkpoint', async () => {
    const result = await cli(['audit', 'verify', '--manifest', join(dir, 'manifest.json')]);
    expect([result.code, result.stderr]).toEqual([0, '']);
    expect(result.stdout).toMatch(/^audit chain intact: [\d,]+ events, head [0-9a-f]{64}; holds the checkpoint of publication \d+ \(seq \d+, manifest signed by key [A-Za-z0-9_-]+\)$/m);
  }, RUN_MS);

  it('reads the signature beside the manifest, or the one --signature names, as README says', async () => {
    await writeFile(join(dir, 'alone.json'), readFileSync(join(dir, 'manifest.json')));
    const missing = await cli(['audit', 'verify', '--manifest', join(dir, 'alone.json')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain(`cannot read the manifest's signature ${join(dir, 'alone.json.sig')}`);
    const named = await cli(['audit', 'verify', '--manifest', join(dir, 'alone.json'), '--signature', join(dir, 'manifest.json.sig')]);
    expect([named.code, named.stderr]).toEqual([0, '']);
  }, RUN_MS);

  it('refuses a manifest whose signature does not verify', async () => {
    const text = readFileSync(join(dir, 'manifest.json'), 'utf8');
    await writeFile(join(dir, 'forged.json'), text.replace(/"auditHash":"[0-9a-f]{64}"/, `"auditHash":"${'f'.repeat(64)}"`));
    await writeFile(join(dir, 'forged.json.sig'), readFileSync(join(dir, 'manifest.json.sig')));
    const result = await cli(['audit', 'verify', '--manifest', join(dir, 'forged.json')]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`the signature ${join(dir, 'forged.json.sig')} does not verify the manifest`);
  }, RUN_MS);

  it('catches a chain rewritten and re-hashed in SQL, which plain audit verify passes', async () => {
    await asSuperuser(async (client) => {
      const { rows } = await client.query('SELECT * FROM audit_events ORDER BY seq');
      // The superuser changes what the first event says and re-hashes every event after it, head included.
      let prev = GENESIS_HASH;
      await client.query('ALTER TABLE audit_events DISABLE TRIGGER USER');
      for (const [i, row] of rows.entries()) {
        const after = i === 0 ? { ...row.after, name: 'rewritten' } : row.after;
        const hash = chainHash(row.chain_version, prev, {
          seq: row.seq,
          occurredAt: row.occurred_at.toISOString(),
          actor: row.actor,
          action: row.action,
          targetType: row.target_type,
          targetId: row.target_id,
          before: row.before,
          after,
          requestId: row.request_id,
        });
        await client.query('UPDATE audit_events SET after = $2, prev_hash = $3, hash = $4 WHERE seq = $1', [row.seq, after, prev, hash]);
        prev = hash;
      }
      await client.query('ALTER TABLE audit_events ENABLE TRIGGER USER');
      await client.query('UPDATE audit_head SET hash = $1 WHERE id = 1', [prev]);
    });
    const plain = await cli(['audit', 'verify']);
    expect(plain.code).toBe(0);
    expect(plain.stdout).toMatch(/^audit chain intact: /m);
    const checked = await cli(['audit', 'verify', '--manifest', join(dir, 'manifest.json')]);
    expect(checked.code).toBe(1);
    expect(checked.stdout).toMatch(/^audit chain does NOT hold the checkpoint of publication \d+ \(published [0-9TZ:-]+\): event seq \d+ has hash [0-9a-f]{64}, the signed manifest says [0-9a-f]{64}: the chain was rewritten and re-hashed after that publication\./m);
  }, RUN_MS);
});
