// The admin API's defences, through the real Fastify stack on a real PostgreSQL: who gets in, what a request may
// carry, and what the service keeps (in its tables and its logs) about the keys it is shown.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { generateKey, parseKey } from '../../src/api-keys/api-key-format.js';
import { ApiKeysService } from '../../src/api-keys/api-keys.service.js';
import { SCOPES } from '../../src/auth/scopes.js';
import { parseConfig } from '../../src/config/app-config.js';
import { createRegistryApp } from '../../src/app.js';
import { createKey } from '../setup/api-keys.js';
import { cloneTemplate } from '../setup/database.js';
import { registryCounts, tablesContaining } from '../setup/registry-state.js';
import { startRedis } from '../setup/redis.js';
import { startServer } from '../setup/spawned-server.js';
import { createTestApp, type TestApp } from '../setup/test-app.js';
import { testSigningKeyFile } from '../setup/signing-key.js';

const PROBLEM = /^application\/problem\+json/;
const source = { url: 'https://example.org/decision', readOn: '2026-11-24', confidence: 'verified' };
const legalBasis = 'Law of the Republic of Kazakhstan "On Digital Assets", Art. 11(5)';

let unique = 0;
/** A domain no other test uses. */
const fresh = (label = 'site') => `${label}-${++unique}-${Date.now().toString(36)}.example`;
const addBody = (values: string[], extra: Record<string, unknown> = {}) => ({
  legalBasis,
  source,
  entries: values.map((value) => ({ kind: 'domain', value, match: 'exact' })),
  ...extra,
});
const bearer = (key: string) => `Bearer ${key}`;

let t: TestApp;
let writer: string;
let auditor: string;
let admin: { id: string; key: string };
beforeAll(async () => {
  // Rate limiting is tested elsewhere; here it would only make a long file flaky.
  t = await createTestApp({ RATE_LIMIT_PER_MINUTE: '100000' });
  writer = (await createKey(t.app, ['blocklist:write'], 'writer')).key;
  auditor = (await createKey(t.app, ['audit:read'], 'auditor')).key;
  admin = await createKey(t.app, ['keys:admin'], 'admin');
});
afterAll(async () => {
  await t?.close();
});

/**
 * Every operation the emitted contract (openapi/openapi.json) says needs a key, with the scopes it names: the 401 and
 * 403 matrices below cover each of them without anyone listing routes. The guard runs before validation, so an empty
 * body and the documented example path parameters reach it.
 */
interface SecuredOperation {
  name: string;
  scopes: string[];
  send: (auth?: string) => request.Test;
}
type OpenApiOperation = {
  security?: Record<string, string[]>[];
  'x-required-scopes'?: string[];
  'x-optional-scopes'?: string[];
  parameters?: { in: string; name: string; schema?: { example?: string } }[];
};
const SPEC = JSON.parse(readFileSync(new URL('../../openapi/openapi.json', import.meta.url), 'utf8')) as {
  paths: Record<string, Record<string, OpenApiOperation>>;
};
const OPERATIONS = Object.entries(SPEC.paths).flatMap(([path, methods]) =>
  Object.entries(methods).map(([method, operation]) => ({ path, method, operation })),
);
/** The routes outside /v1/admin/ that need a key: a bank's (batches of verifications, its receipts). */
const KEYED_OUTSIDE_ADMIN = ['POST /v1/verifications/batch', 'GET /v1/receipts/{id}'];
/** Public routes that also take a key (`security: [{}, {apiKey: []}]`): a bank's single verification. */
const OPTIONALLY_KEYED = ['POST /v1/verifications'];

const toRoute = ({ path, method, operation }: (typeof OPERATIONS)[number]): SecuredOperation => {
  const url = (operation.parameters ?? [])
    .filter((p) => p.in === 'path')
    .reduce((u, p) => u.replace(`{${p.name}}`, String(p.schema?.example)), path);
  return {
    name: `${method.toUpperCase()} ${path}`,
    scopes: operation['x-required-scopes'] ?? operation['x-optional-scopes'] ?? [],
    send: (auth) => withAuth(request(t.server)[method as 'get' | 'post' | 'patch'](url).send({}), auth),
  };
};
const isOptional = (operation: OpenApiOperation) => (operation.security ?? []).some((s) => Object.keys(s).length === 0);
const ROUTES: SecuredOperation[] = OPERATIONS.filter(({ operation }) => (operation.security ?? []).length > 0 && !isOptional(operation)).map(toRoute);
const OPTIONAL_ROUTES: SecuredOperation[] = OPERATIONS.filter(({ operation }) => isOptional(operation)).map(toRoute);

describe('the contract names who may call each operation', () => {
  it('marks every operation either public or secured by API key with the scopes it needs', () => {
    for (const { path, method, operation } of OPERATIONS) {
      const name = `${method.toUpperCase()} ${path}`;
      if (path.startsWith('/v1/admin/') || KEYED_OUTSIDE_ADMIN.includes(name)) {
        expect({ name, security: operation.security }).toEqual({ name, security: [{ apiKey: [] }] });
        expect({ name, scopes: (operation['x-required-scopes'] ?? []).length }).toEqual({ name, scopes: 1 });
      } else if (OPTIONALLY_KEYED.includes(name)) {
        expect({ name, security: operation.security }).toEqual({ name, security: [{}, { apiKey: [] }] });
        expect({ name, scopes: (operation['x-optional-scopes'] ?? []).length }).toEqual({ name, scopes: 1 });
      } else {
        expect({ name, security: operation.security }).toEqual({ name, security: [] });
      }
    }
    expect(ROUTES.map((r) => r.name).sort()).toHaveLength(OPERATIONS.filter((o) => o.path.startsWith('/v1/admin/')).length + KEYED_OUTSIDE_ADMIN.length);
    expect(OPTIONAL_ROUTES.map((r) => r.name)).toEqual(OPTIONALLY_KEYED);
    expect(ROUTES.length).toBeGreaterThanOrEqual(13);
  });

  it('declares the key as an opaque bearer token, not a JWT', () => {
    const schemes = (SPEC as unknown as { components: { securitySchemes: Record<string, Record<string, unknown>> } }).components.securitySchemes;
    expect(schemes).toEqual({ apiKey: { type: 'http', scheme: 'bearer', description: expect.stringContaining('kzr_') } });
  });

  it('answers every public operation without a key', async () => {
    for (const { path, method, operation } of OPERATIONS.filter((o) => (o.operation.security ?? []).length === 0)) {
      const url = (operation.parameters ?? [])
        .filter((p) => p.in === 'path')
        .reduce((u, p) => u.replace(`{${p.name}}`, String(p.schema?.example)), path);
      const res = await request(t.server)[method as 'get'](url);
      expect({ url, unauthorised: [401, 403].includes(res.status) }).toEqual({ url, unauthorised: false });
    }
  });
});

function withAuth(req: request.Test, auth?: string): request.Test {
  return auth === undefined ? req : req.set('authorization', auth);
}

/** The parts of a problem that must not differ between the reasons a key is refused. */
const sameParts = (body: Record<string, unknown>) => ({
  type: body.type,
  title: body.title,
  status: body.status,
  code: body.code,
  detail: body.detail,
});

describe('authentication: every reason to refuse a key gets the same 401', () => {
  /** Authorization header values, each of which must be refused; built once the keys exist. */
  let cases: [string, string | undefined][];
  let reference: Record<string, unknown>;

  beforeAll(async () => {
    const known = parseKey(writer)!;
    // A character of the secret changed: still 12 + 43 + 6 characters of the right alphabets, but the CRC fails.
    const at = `kzr_${known.id}_`.length + 5;
    const badChecksum = writer.slice(0, at) + (writer[at] === 'A' ? 'B' : 'A') + writer.slice(at + 1);
    expect(badChecksum).toMatch(/^kzr_[a-z2-7]{12}_[0-9A-Za-z]{49}$/);
    expect(parseKey(badChecksum)).toBeNull();

    const service = t.app.get(ApiKeysService);
    const actor = { keyId: 'cli', requestId: null };
    const revoked = await service.create({ name: 'revoked', scopes: ['blocklist:write', 'keys:admin', 'audit:read'] }, actor);
    await service.revoke(revoked.id, actor);
    const expired = await service.create(
      { name: 'expired', scopes: ['blocklist:write', 'keys:admin', 'audit:read'], expiresAt: new Date(Date.now() - 60_000) },
      actor,
    );

    cases = [
      ['no Authorization header', undefined],
      ['an empty Authorization header', ''],
      ['"Bearer" with nothing after it', 'Bearer '],
      ['a malformed key', bearer('not-a-key')],
      ['a key with a bad checksum', bearer(badChecksum)],
      ['a key cut short', bearer(writer.slice(0, -1))],
      ['an unknown key of valid format', bearer(generateKey().key)],
      ['a known id with another secret (valid checksum)', bearer(generateKey(known.id).key)],
      ['a revoked key', bearer(revoked.key)],
      ['an expired key', bearer(expired.key)],
      ['the Basic scheme with user:key', `Basic ${Buffer.from(`user:${writer}`).toString('base64')}`],
      ['the Basic scheme with the key', `Basic ${writer}`],
      ['the key without a scheme', writer],
      ['two tokens after Bearer', `Bearer ${writer} ${writer}`],
    ];
    const res = await request(t.server).get('/v1/admin/audit-events').expect(401);
    reference = res.body;
  });

  it('the reference answer is a 401 problem that names no reason', () => {
    expect(reference).toMatchObject({ status: 401, code: 'unauthorized', title: 'Unauthorized' });
    expect(String(reference.detail)).not.toMatch(/revoked|expired|checksum|unknown|malformed|missing|scheme/i);
  });

  it.each(ROUTES.map((r) => [r.name, r] as const))('%s refuses each bad credential identically', async (_name, route) => {
    const before = await registryCounts(t.app);
    for (const [label, auth] of cases) {
      const res = await route.send(auth);
      expect({ label, status: res.status }).toEqual({ label, status: 401 });
      expect(res.headers['content-type']).toMatch(PROBLEM);
      // RFC 6750: the 401 names the scheme to use.
      expect({ label, challenge: res.headers['www-authenticate'] }).toEqual({ label, challenge: 'Bearer realm="kz-crypto-registry"' });
      expect({ label, ...sameParts(res.body) }).toEqual({ label, ...sameParts(reference) });
      expect(res.body.requestId).toBe(res.headers['x-request-id']);
    }
    expect(await registryCounts(t.app)).toEqual(before);
  });

  it.each(OPTIONAL_ROUTES.map((r) => [r.name, r] as const))('%s serves a caller without a key, and refuses each bad credential identically', async (_name, route) => {
    for (const [label, auth] of cases.filter(([, a]) => a !== undefined)) {
      const res = await route.send(auth);
      expect({ label, status: res.status }).toEqual({ label, status: 401 });
      expect({ label, ...sameParts(res.body) }).toEqual({ label, ...sameParts(reference) });
    }
    // Without a key the route itself answers (here: its 400 to an empty body).
    expect((await route.send(undefined)).status).toBe(400);
  });

  it('a key sent in X-Api-Key instead of Authorization is not accepted either', async () => {
    const res = await request(t.server).get('/v1/admin/audit-events').set('x-api-key', auditor).expect(401);
    expect(sameParts(res.body)).toEqual(sameParts(reference));
  });

  it('a key works until its expiry time and is refused from then on', async () => {
    const expiresAt = new Date(Date.now() + 1500);
    const created = await request(t.server)
      .post('/v1/admin/api-keys')
      .set('authorization', bearer(admin.key))
      .send({ name: 'short-lived', scopes: ['audit:read'], expiresAt: expiresAt.toISOString() })
      .expect(201);
    expect(created.body.expiresAt).toBe(expiresAt.toISOString());
    await request(t.server).get('/v1/admin/audit-events').set('authorization', bearer(created.body.key)).expect(200);
    await new Promise((resolve) => setTimeout(resolve, expiresAt.getTime() - Date.now() + 50));
    const res = await request(t.server).get('/v1/admin/audit-events').set('authorization', bearer(created.body.key)).expect(401);
    expect(sameParts(res.body)).toEqual(sameParts(reference));
  });
});

describe('authorisation: a key without the route’s scope gets 403', () => {
  /** One key per scope. */
  let keys: Map<string, string>;
  beforeAll(async () => {
    keys = new Map();
    for (const scope of SCOPES) keys.set(scope, (await createKey(t.app, [scope], `only ${scope}`)).key);
  });

  it.each([...ROUTES, ...OPTIONAL_ROUTES].map((r) => [r.name, r] as const))('%s answers 403 to every key lacking its scope', async (_name, route) => {
    const before = await registryCounts(t.app);
    const lacking = SCOPES.filter((scope) => !route.scopes.includes(scope));
    expect(lacking).toHaveLength(SCOPES.length - 1);
    for (const scope of lacking) {
      const res = await route.send(bearer(keys.get(scope)!));
      expect({ scope, status: res.status }).toEqual({ scope, status: 403 });
      expect(res.headers['content-type']).toMatch(PROBLEM);
      expect(res.body).toMatchObject({ status: 403, code: 'forbidden', title: 'Forbidden' });
    }
    // The key with the scope passes the gate (what happens next is the route's own answer to an empty body).
    const allowed = await route.send(bearer(keys.get(route.scopes[0]!)!));
    expect({ status: allowed.status, gated: [401, 403].includes(allowed.status) }).toEqual({ status: allowed.status, gated: false });
    expect(await registryCounts(t.app)).toEqual(before);
  });

  it('a key holding several other scopes still may not write the blocklist', async () => {
    const many = await createKey(t.app, ['audit:read', 'keys:admin'], 'many');
    await request(t.server).post('/v1/admin/blocklist/entries').set('authorization', bearer(many.key)).send(addBody([fresh()])).expect(403);
  });
});

describe('no cache keeps an operator\'s answer', () => {
  it('every admin response carries Cache-Control: no-store, success or error, the one with a new key above all', async () => {
    const created = await request(t.server)
      .post('/v1/admin/api-keys')
      .set('authorization', bearer(admin.key))
      .send({ name: 'cached?', scopes: ['audit:read'] })
      .expect(201);
    expect(created.body.key).toMatch(/^kzr_/);
    const answers = [
      created,
      await request(t.server).get('/v1/admin/api-keys').set('authorization', bearer(admin.key)).expect(200),
      await request(t.server).get('/v1/admin/audit-events').set('authorization', bearer(auditor)).expect(200),
      await request(t.server).get('/v1/admin/audit-events').expect(401),
      await request(t.server).get('/v1/admin/api-keys').set('authorization', bearer(auditor)).expect(403),
      await request(t.server).post('/v1/admin/api-keys').set('authorization', bearer(admin.key)).send({ name: '' }).expect(400),
      await request(t.server).post('/v1/admin/api-keys/aaaaaaaaaaaa/revoke').set('authorization', bearer(admin.key)).expect(404),
      await request(t.server).delete('/v1/admin/api-keys').expect(405),
      await request(t.server).get('/v1/admin/nothing-here').expect(404),
    ];
    expect(answers.map((r) => [r.status, r.headers['cache-control']])).toEqual(answers.map((r) => [r.status, 'no-store']));
    const publicRead = await request(t.server).get('/v1/firms').expect(200);
    expect(publicRead.headers['cache-control']).toBeUndefined();
  });
});

describe('revocation', () => {
  it('takes effect at once: the request after the revoke is refused', async () => {
    const created = await request(t.server)
      .post('/v1/admin/api-keys')
      .set('authorization', bearer(admin.key))
      .send({ name: 'to revoke', scopes: ['blocklist:write'] })
      .expect(201);
    const key: string = created.body.key;
    expect(key).toMatch(/^kzr_/);
    await request(t.server).post('/v1/admin/blocklist/entries').set('authorization', bearer(key)).send(addBody([fresh()])).expect(201);

    const revoked = await request(t.server)
      .post(`/v1/admin/api-keys/${created.body.id}/revoke`)
      .set('authorization', bearer(admin.key))
      .expect(200);
    expect(revoked.body.revokedAt).not.toBeNull();
    expect(revoked.body.key).toBeUndefined();

    const before = await registryCounts(t.app);
    const refused = await request(t.server)
      .post('/v1/admin/blocklist/entries')
      .set('authorization', bearer(key))
      .send(addBody([fresh()]))
      .expect(401);
    expect(refused.body.code).toBe('unauthorized');
    expect(await registryCounts(t.app)).toEqual(before);

    // Revoking again changes nothing; an unknown id is a 404 problem, a malformed one a 400.
    const again = await request(t.server)
      .post(`/v1/admin/api-keys/${created.body.id}/revoke`)
      .set('authorization', bearer(admin.key))
      .expect(200);
    expect(again.body.revokedAt).toBe(revoked.body.revokedAt);
    const unknownId = generateKey().id;
    const missing = await request(t.server).post(`/v1/admin/api-keys/${unknownId}/revoke`).set('authorization', bearer(admin.key)).expect(404);
    expect(missing.body.code).toBe('api-key-not-found');
    const bad = await request(t.server).post('/v1/admin/api-keys/NOT-AN-ID/revoke').set('authorization', bearer(admin.key)).expect(400);
    expect(bad.body.code).toBe('validation-failed');

    // Both the creation and the one revocation are in the audit trail, by the admin key.
    const audit = await request(t.server)
      .get('/v1/admin/audit-events')
      .query({ targetType: 'api-key', targetId: created.body.id })
      .set('authorization', bearer(auditor))
      .expect(200);
    expect(audit.body.items.map((e: { action: string }) => e.action)).toEqual(['api-key.revoke', 'api-key.create']);
    expect(audit.body.items.every((e: { actor: string }) => e.actor === admin.id)).toBe(true);
    expect(JSON.stringify(audit.body)).not.toContain(key);
  });
});

describe('keys in the URL', () => {
  it.each([
    ['api_key', (key: string) => `api_key=${key}`],
    ['API_KEY (any case)', (key: string) => `API_KEY=${key}`],
    ['token', (key: string) => `token=${key}`],
    ['access_token', (key: string) => `access_token=${key}`],
    ['a kzr_ key under an innocent name', (key: string) => `targetId=${key}`],
    ['a kzr_ key under any name', (key: string) => `whatever=${key}`],
    ['a kzr_ key as a second value', (key: string) => `x=1&x=${key}`],
    ['a kzr_ key URL-encoded', (key: string) => `note=${encodeURIComponent(`see ${key}`)}`],
    ['a key-named parameter with no key in it', () => 'api_key=placeholder'],
  ])('refuses %s with 400 api-key-in-query, even with a valid Authorization header', async (_label, query) => {
    for (const [path, key] of [
      ['/v1/admin/audit-events', auditor],
      ['/v1/admin/api-keys', admin.key],
    ] as const) {
      const res = await request(t.server).get(`${path}?${query(key)}`).set('authorization', bearer(key)).expect(400);
      expect(res.headers['content-type']).toMatch(PROBLEM);
      expect(res.body).toMatchObject({ status: 400, code: 'api-key-in-query' });
      expect(res.body.detail).toMatch(/revoke/);
      expect(JSON.stringify(res.body)).not.toContain(key);
    }
  });

  it('refuses a key in the query of a write, and writes nothing', async () => {
    const before = await registryCounts(t.app);
    const res = await request(t.server)
      .post(`/v1/admin/blocklist/entries?api_key=${writer}`)
      .set('authorization', bearer(writer))
      .send(addBody([fresh()]))
      .expect(400);
    expect(res.body.code).toBe('api-key-in-query');
    expect(await registryCounts(t.app)).toEqual(before);
  });

  it('refuses a key given as a bare query parameter name (`?kzr_...`), and writes nothing', async () => {
    const before = await registryCounts(t.app);
    const write = await request(t.server)
      .post(`/v1/admin/blocklist/entries?${writer}`)
      .set('authorization', bearer(writer))
      .send(addBody([fresh('bare-name')]));
    expect({ status: write.status, code: write.body.code }).toEqual({ status: 400, code: 'api-key-in-query' });
    expect(await registryCounts(t.app)).toEqual(before);
    const read = await request(t.server).get(`/v1/admin/audit-events?${auditor}`).set('authorization', bearer(auditor));
    expect({ status: read.status, code: read.body.code }).toEqual({ status: 400, code: 'api-key-in-query' });
    expect(JSON.stringify(read.body)).not.toContain(auditor);
  });
});

describe('what is stored about a key', () => {
  it('only a SHA-256 of the secret: neither the key nor its secret is anywhere in the database', async () => {
    const created = await request(t.server)
      .post('/v1/admin/api-keys')
      .set('authorization', bearer(admin.key))
      .send({ name: 'stored', scopes: ['audit:read'] })
      .expect(201);
    const key: string = created.body.key;
    const { id, secret } = parseKey(key)!;
    expect(id).toBe(created.body.id);
    await request(t.server).get('/v1/admin/audit-events').set('authorization', bearer(key)).expect(200);

    const rows: Record<string, unknown>[] = await t.app.get(DataSource).query('SELECT * FROM api_keys WHERE id = $1', [id]);
    expect(rows).toHaveLength(1);
    const row = rows[0]!;
    expect(row.secret_hash).toBe(createHash('sha256').update(secret).digest('hex'));
    const text = JSON.stringify(row);
    expect(text).not.toContain(key);
    expect(text).not.toContain(secret);
    expect(text).not.toContain(secret.slice(0, 16));
    expect(await tablesContaining(t.app, secret)).toEqual([]);
    expect(await tablesContaining(t.app, secret.slice(0, 16))).toEqual([]);

    // Nor does the API hand it out again.
    const list = await request(t.server).get('/v1/admin/api-keys').set('authorization', bearer(admin.key)).expect(200);
    expect(JSON.stringify(list.body)).not.toContain(secret);
    expect(list.body.find((k: { id: string }) => k.id === id)).not.toHaveProperty('key');
  });

  it('sets last_used_at when the key is used, without the request waiting for it', async () => {
    const { id, key } = await createKey(t.app, ['audit:read'], 'last used');
    const read = async () =>
      ((await t.app.get(DataSource).query('SELECT last_used_at FROM api_keys WHERE id = $1', [id])) as { last_used_at: Date | null }[])[0]!
        .last_used_at;
    expect(await read()).toBeNull();
    const started = Date.now();
    await request(t.server).get('/v1/admin/audit-events').set('authorization', bearer(key)).expect(200);
    // Recorded off the request path (authenticating never waits on a write): it lands a moment after the answer.
    let used = await read();
    for (let i = 0; i < 50 && !used; i++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      used = await read();
    }
    expect(used).toBeInstanceOf(Date);
    expect(Math.abs(used!.getTime() - started)).toBeLessThan(10_000);
    const list = await request(t.server).get('/v1/admin/api-keys').set('authorization', bearer(admin.key)).expect(200);
    expect(list.body.find((k: { id: string }) => k.id === id).lastUsedAt).toBe(used!.toISOString());
  });
});

describe('request bodies', () => {
  it('refuses more than 20,000 entries with a 400 problem, and writes nothing', async () => {
    const before = await registryCounts(t.app);
    const values = Array.from({ length: 20_001 }, (_, i) => `bulk-${i}.example`);
    const res = await request(t.server)
      .post('/v1/admin/blocklist/entries')
      .set('authorization', bearer(writer))
      .send(addBody(values))
      .expect(400);
    expect(res.headers['content-type']).toMatch(PROBLEM);
    expect(res.body.code).toBe('validation-failed');
    expect(res.body.errors).toEqual([{ field: 'entries', messages: [expect.stringMatching(/20000/)] }]);
    expect(await registryCounts(t.app)).toEqual(before);
  });

  it.each([
    ['an entry', { entries: [{ kind: 'domain', value: 'x.example', match: 'exact', addedSerial: 1 }] }, 'entries.0.addedSerial'],
    ['an entry (id)', { entries: [{ kind: 'domain', value: 'x.example', match: 'exact', id: '00000000-0000-4000-8000-000000000000' }] }, 'entries.0.id'],
    ['an entry (removedSerial)', { entries: [{ kind: 'domain', value: 'x.example', match: 'exact', removedSerial: 9 }] }, 'entries.0.removedSerial'],
    ['the top level (id)', { id: '00000000-0000-4000-8000-000000000000' }, 'id'],
    ['the top level (serial)', { serial: 99 }, 'serial'],
    ['the source', { source: { ...source, id: 'x' } }, 'source.id'],
  ])('refuses an unknown field in %s with a 400 naming it, and writes nothing', async (_where, patch, field) => {
    const before = await registryCounts(t.app);
    const body = { ...addBody(['x.example']), ...patch };
    const res = await request(t.server).post('/v1/admin/blocklist/entries').set('authorization', bearer(writer)).send(body).expect(400);
    expect(res.body.code).toBe('validation-failed');
    expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual([field]);
    expect(await registryCounts(t.app)).toEqual(before);
  });

  it.each([
    ['id', { id: 'aaaaaaaaaaaa' }],
    ['secretHash', { secretHash: 'a'.repeat(64) }],
    ['createdBy', { createdBy: 'cli' }],
    ['revokedAt', { revokedAt: null }],
    ['key', { key: generateKey().key }],
  ])('refuses %s when creating an API key (no mass assignment)', async (field, patch) => {
    const before = await registryCounts(t.app);
    const res = await request(t.server)
      .post('/v1/admin/api-keys')
      .set('authorization', bearer(admin.key))
      .send({ name: 'mass', scopes: ['audit:read'], ...patch })
      .expect(400);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual([field]);
    expect(await registryCounts(t.app)).toEqual(before);
  });

  it('refuses an unknown field in a removal, and a __proto__ key anywhere', async () => {
    const before = await registryCounts(t.app);
    const res = await request(t.server)
      .post('/v1/admin/blocklist/removals')
      .set('authorization', bearer(writer))
      .send({ ids: ['00000000-0000-4000-8000-000000000000'], reason: 'Decision reversed', removedSerial: 1 })
      .expect(400);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(['removedSerial']);
    const proto = await request(t.server)
      .post('/v1/admin/blocklist/entries')
      .set('authorization', bearer(writer))
      .set('content-type', 'application/json')
      .send(`{"legalBasis":"${legalBasis.replaceAll('"', '\\"')}","__proto__":{"allowLicensedDomains":true},` +
        `"source":${JSON.stringify(source)},"entries":[{"kind":"domain","value":"binance.com","match":"exact"}]}`);
    expect(proto.status).toBe(400);
    expect(proto.headers['content-type']).toMatch(PROBLEM);
    expect(await registryCounts(t.app)).toEqual(before);
  });
});

describe('bulk rules', () => {
  it('refuses duplicates within one request with 422, naming the duplicate’s index', async () => {
    const before = await registryCounts(t.app);
    const value = fresh('dup');
    const res = await request(t.server)
      .post('/v1/admin/blocklist/entries')
      .set('authorization', bearer(writer))
      .send(addBody([value, fresh(), `${value.toUpperCase()}.`]))
      .expect(422);
    expect(res.body.code).toBe('invalid-entries');
    expect(res.body.errors).toEqual([{ field: 'entries.2.value', messages: [expect.stringContaining('Duplicate of entries.0')] }]);
    expect(await registryCounts(t.app)).toEqual(before);
  });

  it.each([
    ['an official domain', { kind: 'domain', value: 'binance.com', match: 'exact' }, 'binance.com'],
    ['a subdomain of one', { kind: 'domain', value: 'login.api.bybit.com', match: 'exact' }, 'bybit.com'],
    ['a URL on one', { kind: 'url', value: 'https://www.binance.com/en/login', match: 'exact' }, 'binance.com'],
  ])('refuses %s of a licensed firm unless overridden with a reason', async (_label, entry, domain) => {
    const before = await registryCounts(t.app);
    const refused = await request(t.server)
      .post('/v1/admin/blocklist/entries')
      .set('authorization', bearer(writer))
      .send({ legalBasis, source, entries: [entry] })
      .expect(422);
    expect(refused.body.errors).toHaveLength(1);
    expect(refused.body.errors[0].field).toBe('entries.0.value');
    expect(refused.body.errors[0].messages[0]).toContain(domain);
    expect(refused.body.errors[0].messages[0]).toContain('licensed firm');
    // allowLicensedDomains without a reason is not enough.
    const noReason = await request(t.server)
      .post('/v1/admin/blocklist/entries')
      .set('authorization', bearer(writer))
      .send({ legalBasis, source, entries: [entry], allowLicensedDomains: true })
      .expect(400);
    expect(noReason.body.errors.map((e: { field: string }) => e.field)).toEqual(['overrideReason']);
    expect(await registryCounts(t.app)).toEqual(before);
  });

  it('blocks a licensed firm’s domain when overridden, and the audit event carries the reason', async () => {
    const overrideReason = 'Court order 2026-11-24 No. DEMO-17 covers this domain explicitly';
    const res = await request(t.server)
      .post('/v1/admin/blocklist/entries')
      .set('authorization', bearer(writer))
      .send({
        legalBasis,
        source,
        entries: [{ kind: 'domain', value: 'binance.com', match: 'exact' }],
        allowLicensedDomains: true,
        overrideReason,
      })
      .expect(201);
    expect(res.body.count).toBe(1);
    const audit = await request(t.server)
      .get('/v1/admin/audit-events')
      .query({ targetId: res.body.entries[0].id })
      .set('authorization', bearer(auditor))
      .expect(200);
    expect(audit.body.items).toHaveLength(1);
    expect(audit.body.items[0]).toMatchObject({
      action: 'blocklist-entry.add',
      after: { value: 'binance.com', overrideReason },
      requestId: res.headers['x-request-id'],
    });
  });
});

describe('Idempotency-Key', () => {
  it.each([
    ['a space', 'has space'],
    ['256 characters', 'k'.repeat(256)],
    ['an empty value', ''],
    ['a control character', 'tab\there'],
  ])('refuses a key with %s with 400, and writes nothing', async (_label, key) => {
    const before = await registryCounts(t.app);
    const res = await request(t.server)
      .post('/v1/admin/blocklist/entries')
      .set('authorization', bearer(writer))
      .set('idempotency-key', key)
      .send(addBody([fresh()]))
      .expect(400);
    expect(res.headers['content-type']).toMatch(PROBLEM);
    expect(res.body.code).toBe('invalid-idempotency-key');
    expect(await registryCounts(t.app)).toEqual(before);
  });

  it('refuses the same key with another body with 422, writing nothing', async () => {
    const first = await request(t.server)
      .post('/v1/admin/blocklist/entries')
      .set('authorization', bearer(writer))
      .set('idempotency-key', 'same-key-other-body')
      .send(addBody([fresh()]))
      .expect(201);
    const before = await registryCounts(t.app);
    const other = await request(t.server)
      .post('/v1/admin/blocklist/entries')
      .set('authorization', bearer(writer))
      .set('idempotency-key', 'same-key-other-body')
      .send(addBody([fresh()]))
      .expect(422);
    expect(other.body.code).toBe('idempotency-key-reused');
    expect(await registryCounts(t.app)).toEqual(before);
    expect(first.body.serial).toBe(before.serial);
  });

  it('keeps each API key’s Idempotency-Keys apart', async () => {
    const other = (await createKey(t.app, ['blocklist:write'], 'other writer')).key;
    const a = await request(t.server)
      .post('/v1/admin/blocklist/entries')
      .set('authorization', bearer(writer))
      .set('idempotency-key', 'shared-name')
      .send(addBody([fresh('a')]))
      .expect(201);
    // Another key, the same Idempotency-Key, another body: not a reuse, a request of its own.
    const b = await request(t.server)
      .post('/v1/admin/blocklist/entries')
      .set('authorization', bearer(other))
      .set('idempotency-key', 'shared-name')
      .send(addBody([fresh('b')]))
      .expect(201);
    expect(b.headers['idempotent-replayed']).toBeUndefined();
    expect(b.body.serial).toBe(a.body.serial + 1);
    // And the other key cannot read the first key's stored result by sending its body.
    const replayA = await request(t.server)
      .post('/v1/admin/blocklist/entries')
      .set('authorization', bearer(writer))
      .set('idempotency-key', 'shared-name')
      .send(addBody([a.body.entries[0].value]))
      .expect(201);
    expect(replayA.headers['idempotent-replayed']).toBe('true');
    expect(replayA.body).toEqual(a.body);
    const crossed = await request(t.server)
      .post('/v1/admin/blocklist/entries')
      .set('authorization', bearer(other))
      .set('idempotency-key', 'shared-name')
      .send(addBody([a.body.entries[0].value]))
      .expect(422);
    expect(crossed.body.code).toBe('idempotency-key-reused');
  });
});

describe('oversized bodies', () => {
  let small: TestApp;
  let smallWriter: string;
  beforeAll(async () => {
    small = await createTestApp({ BODY_LIMIT_BYTES: '65536' });
    smallWriter = (await createKey(small.app, ['blocklist:write'])).key;
  });
  afterAll(async () => {
    await small?.close();
  });

  it('refuses a body over BODY_LIMIT_BYTES with a 413 problem, and writes nothing', async () => {
    const before = await registryCounts(small.app);
    const values = Array.from({ length: 3000 }, (_, i) => `oversized-${i}.example`);
    const body = JSON.stringify(addBody(values));
    expect(body.length).toBeGreaterThan(65536);
    const res = await request(small.server)
      .post('/v1/admin/blocklist/entries')
      .set('authorization', bearer(smallWriter))
      .set('content-type', 'application/json')
      .send(body)
      .expect(413);
    expect(res.headers['content-type']).toMatch(PROBLEM);
    expect(res.body).toMatchObject({ status: 413, title: 'Content too large' });
    expect(await registryCounts(small.app)).toEqual(before);
    // Just under the limit is fine.
    const fits = JSON.stringify(addBody(values.slice(0, 500)));
    expect(fits.length).toBeLessThan(65536);
    await request(small.server)
      .post('/v1/admin/blocklist/entries')
      .set('authorization', bearer(smallWriter))
      .set('content-type', 'application/json')
      .send(fits)
      .expect(201);
  });
});

describe('the built server’s logs', () => {
  /** What the server wrote from start to stop, the secrets it was shown, and how it exited. */
  let output = '';
  let exitCode: number | null = null;
  const secrets: [string, string][] = [];
  /** Each request made, as `METHOD path-without-query status`, with the X-Request-Id its response carried. */
  const answered: { request: string; id: string | null }[] = [];

  beforeAll(async () => {
    const database = await cloneTemplate();
    // A Redis that wants a password, given a wrong one: ioredis puts the AUTH command (the password) on its error.
    const redisPassword = 's3cret-redis-password';
    const redis = await startRedis({ password: redisPassword });
    const wrongRedisPassword = 'wrong-redis-password';
    const redisUrl = `redis://:${wrongRedisPassword}@127.0.0.1:${redis.port}`;
    let server: Awaited<ReturnType<typeof startServer>> | undefined;
    try {
      // Keys made in the server's database before it starts, as the CLI would.
      const config = parseConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', LOAD_DEMO_DATA: 'false' });
      const setup = await createRegistryApp({ config, databaseUrl: database.url });
      await setup.init();
      const keyWriter = await createKey(setup, ['blocklist:write', 'keys:admin', 'audit:read'], 'log writer');
      const keyRevoked = await createKey(setup, ['blocklist:write'], 'log revoked');
      await setup.get(ApiKeysService).revoke(keyRevoked.id, { keyId: 'cli', requestId: null });
      await setup.close();

      server = await startServer({
        NODE_ENV: 'production',
        SIGNING_KEY_FILE: testSigningKeyFile(),
        DATABASE_URL: database.serviceUrl,
        MIGRATION_DATABASE_URL: database.ownerUrl,
        REDIS_URL: redisUrl,
        LOAD_DEMO_DATA: 'false',
        LOG_LEVEL: 'debug',
      });
      const { base } = server;
      const call = async (path: string, init: RequestInit = {}, key?: string) => {
        const response = await fetch(`${base}${path}`, {
          ...init,
          headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}), ...init.headers },
        });
        answered.push({ request: `${init.method ?? 'GET'} ${path.split('?')[0]} ${response.status}`, id: response.headers.get('x-request-id') });
        return response;
      };
      const wrong = generateKey().key;
      const sameIdWrongSecret = generateKey(keyWriter.id).key;

      expect((await call('/v1/admin/audit-events', {}, keyWriter.key)).status).toBe(200);
      expect((await call('/v1/admin/api-keys', {}, keyWriter.key)).status).toBe(200);
      const write = await call(
        '/v1/admin/blocklist/entries',
        { method: 'POST', body: JSON.stringify(addBody(['logged-write.example'])), headers: { 'idempotency-key': 'log-test-1' } },
        keyWriter.key,
      );
      expect(write.status).toBe(201);
      const made = await call('/v1/admin/api-keys', { method: 'POST', body: JSON.stringify({ name: 'made', scopes: ['audit:read'] }) }, keyWriter.key);
      expect(made.status).toBe(201);
      const madeKey = ((await made.json()) as { key: string }).key;
      expect((await call('/v1/admin/audit-events', {}, madeKey)).status).toBe(200);
      expect((await call(`/v1/admin/audit-events?api_key=${keyWriter.key}`, {}, keyWriter.key)).status).toBe(400);
      expect((await call(`/v1/admin/audit-events?q=${keyWriter.key}`)).status).toBe(400);
      expect((await call(`/v1/check?q=${keyWriter.key}`)).status).toBeLessThan(500);
      expect((await call('/v1/admin/audit-events', {}, wrong)).status).toBe(401);
      expect((await call('/v1/admin/audit-events', {}, sameIdWrongSecret)).status).toBe(401);
      expect((await call('/v1/admin/audit-events', {}, keyRevoked.key)).status).toBe(401);
      expect((await call('/v1/admin/audit-events', { headers: { 'x-api-key': keyWriter.key } })).status).toBe(401);
      const basic = `Basic ${Buffer.from(`u:${keyWriter.key}`).toString('base64')}`;
      expect((await call('/v1/admin/audit-events', { headers: { authorization: basic } })).status).toBe(401);

      exitCode = await server.stop();
      output = server.output();

      // The Redis outage was logged (so the test below reads a line that had the chance to leak).
      expect(output).toContain('Redis is unreachable');
      for (const [label, url] of [
        ['the service', database.serviceUrl],
        ['the owner', database.ownerUrl],
      ] as const) {
        const password = decodeURIComponent(new URL(url).password);
        expect(password.length).toBeGreaterThan(8);
        secrets.push([`${label}'s database password`, password], [`${label}'s database URL`, url]);
      }
      secrets.push(
        ['the Redis password', redisPassword],
        ['the wrong Redis password given', wrongRedisPassword],
        ['REDIS_URL', redisUrl],
        ['a wrong key', wrong],
        ['a wrong secret for a known id', parseKey(sameIdWrongSecret)!.secret],
        ['the Basic credentials', basic.slice('Basic '.length)],
      );
      for (const [label, key] of [
        ['the writer key', keyWriter.key],
        ['the revoked key', keyRevoked.key],
        ['the key made through the API', madeKey],
      ] as const) {
        const { secret } = parseKey(key)!;
        secrets.push([label, key], [`${label}'s secret`, secret], [`the start of ${label}'s secret`, secret.slice(0, 12)]);
      }
    } finally {
      await server?.stop();
      await database.drop();
      await redis.stop();
    }
  }, 90_000);

  it('record each request: method, path without its query, status', () => {
    expect(output).toContain('Registry listening');
    const requests = output
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as { req?: { method: string; url: string }; res?: { statusCode: number } })
      .filter((line) => line.req && line.res)
      .map((line) => `${line.req!.method} ${line.req!.url} ${line.res!.statusCode}`);
    expect(requests).toEqual(
      expect.arrayContaining([
        'GET /v1/admin/audit-events 200',
        'POST /v1/admin/blocklist/entries 201',
        'POST /v1/admin/api-keys 201',
        'GET /v1/admin/audit-events 400',
        'GET /v1/admin/audit-events 401',
      ]),
    );
  });

  it('carry, on each request\'s line, the request id its response returned', () => {
    const lines = output
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as { req?: { id: string; method: string; url: string }; res?: { statusCode: number } })
      .filter((line) => line.req && line.res);
    const logged = new Map(lines.map((line) => [line.req!.id, `${line.req!.method} ${line.req!.url} ${line.res!.statusCode}`]));
    expect(answered.length).toBeGreaterThanOrEqual(12);
    // LOG_LEVEL=debug: every request has its line (the probes excepted, and none was made here).
    expect(answered.map(({ request, id }) => ({ request, logged: id && logged.get(id) }))).toEqual(answered.map(({ request }) => ({ request, logged: request })));
    expect(lines).toHaveLength(answered.length);
  });

  it('never contain a key, its secret, Basic credentials, a database or Redis password', () => {
    expect(output).toContain('Registry listening');
    expect(secrets.length).toBeGreaterThan(10);
    for (const [label, secret] of secrets) {
      expect({ label, leaked: output.includes(secret) }).toEqual({ label, leaked: false });
    }
    expect(output).not.toContain('kzr_');
  });

  it('stop cleanly: SIGTERM with an external DATABASE_URL exits 0 after closing the app', () => {
    expect({ exitCode, output: exitCode === 0 ? '' : output.split('\n').slice(-3).join('\n') }).toEqual({ exitCode: 0, output: '' });
  });
});
