// Operators record, amend and withdraw regulators' warnings (scope warnings:write, audited, idempotent creation), and
// the check answers from them at once on the writing instance and within moments on another.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { createRegistryApp } from '../../src/app.js';
import { AuditService } from '../../src/audit/audit.service.js';
import { parseConfig } from '../../src/config/app-config.js';
import { createKey } from '../setup/api-keys.js';
import { createTestApp, type TestApp } from '../setup/test-app.js';

let t: TestApp;
let writer: string;
let auditor: string;
let other: string;
beforeAll(async () => {
  t = await createTestApp();
  writer = `Bearer ${(await createKey(t.app, ['warnings:write'])).key}`;
  auditor = `Bearer ${(await createKey(t.app, ['audit:read'])).key}`;
  other = `Bearer ${(await createKey(t.app, ['blocks:write'])).key}`;
});
afterAll(async () => {
  await t.close();
});

const source = { url: 'https://afsa.aifc.kz/example-warning/', readOn: '2026-11-24', confidence: 'verified' };
const warning = (extra: object = {}) => ({
  brands: ['Fakecoin Pro'],
  aliases: ['Фейккоин'],
  domains: ['FakeCoin-Pro.example'],
  issuedOn: '2026-11-20',
  issuer: 'AFSA',
  title: { en: 'AFSA warns about Fakecoin Pro', ru: 'AFSA предупреждает о Fakecoin Pro' },
  summary: 'Fakecoin Pro is not licensed in the AIFC.',
  source,
  ...extra,
});
const post = (body: object, auth = writer) => request(t.server).post('/v1/admin/warnings').set('authorization', auth).send(body);
const check = async (q: string, lang = 'en', server = t.server) => (await request(server).get('/v1/check').query({ q, lang }).expect(200)).body;

describe('scopes', () => {
  it('refuses a request without a key (401) and a key without warnings:write (403), writing nothing', async () => {
    const anonymous = await request(t.server).post('/v1/admin/warnings').send(warning()).expect(401);
    expect(anonymous.body).toMatchObject({ status: 401, code: 'unauthorized' });
    const wrongScope = await post(warning(), other).expect(403);
    expect(wrongScope.body).toMatchObject({ status: 403, code: 'forbidden' });
    const patch = await request(t.server).patch('/v1/admin/warnings/019a4f2e-7c1d-7b3a-9e8f-0a1b2c3d4e5f').set('authorization', other).set('if-match', '"v1"').send({}).expect(403);
    expect(patch.body.code).toBe('forbidden');
    expect((await request(t.server).get('/v1/warnings')).body.total).toBe(1);
  });
});

describe('validation', () => {
  it('refuses a malformed warning field by field (400)', async () => {
    const res = await post({ ...warning(), brands: [], issuer: 'A', issuedOn: '20 November', domains: ['not a domain'], extra: 1 }).expect(400);
    expect(res.body).toMatchObject({ status: 400, code: 'validation-failed' });
    expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['brands', 'extra', 'issuedOn', 'issuer']);
    expect(res.body.errors.find((e: { field: string }) => e.field === 'brands').messages).toEqual(['brands must contain at least 1 elements']);
    const domain = await post(warning({ domains: ['not a domain'] })).expect(400);
    expect(domain.body.errors).toEqual([{ field: 'domains.0', messages: [expect.any(String)] }]);
  });

  it("refuses a warning naming a licensed firm's official domain (422), naming the domain and the firm", async () => {
    const res = await post(warning({ domains: ['fine.example', 'WWW.Binance.com'] })).expect(422);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({
      status: 422,
      code: 'warning-names-licensed-domain',
      detail: 'A warning cannot name an official domain of a licensed firm: www.binance.com (Binance Kazakhstan).',
      errors: [{ field: 'domains.1', messages: ['www.binance.com is an official domain of Binance Kazakhstan, which is licensed'] }],
    });
    expect((await check('binance.com')).verdict).toBe('licensed');
  });
});

describe('writing', () => {
  it('creates a warning (audited, replayed for its Idempotency-Key) that the check answers at once, by name and by site', async () => {
    const created = await post(warning()).set('idempotency-key', 'warning-001').expect(201);
    expect(created.headers.etag).toBe('"v1"');
    expect(created.body).toMatchObject({ brands: ['Fakecoin Pro'], domains: ['fakecoin-pro.example'], state: 'in-force', version: 1, source: { demo: false } });
    const replay = await post(warning()).set('idempotency-key', 'warning-001').expect(201);
    expect(replay.body.id).toBe(created.body.id);
    expect((await request(t.server).get('/v1/warnings').query({ q: 'fakecoin' })).body.total).toBe(1);

    const byName = await check('Фейккоин', 'ru');
    expect(byName).toMatchObject({
      verdict: 'warned',
      target: { kind: 'name', host: null },
      matches: [{ recordType: 'warning', id: created.body.id, name: 'Фейккоин', verdict: 'warned', score: 1 }],
      warning: { id: created.body.id, issuer: 'AFSA', issuedOn: '2026-11-20', title: 'AFSA предупреждает о Fakecoin Pro', summary: 'Fakecoin Pro is not licensed in the AIFC.' },
      reason: { code: 'warned-name', message: 'AFSA публично предупредило, что Фейккоин не имеет лицензии («AFSA предупреждает о Fakecoin Pro», 2026-11-20).' },
    });
    const bySite = await check('https://login.fakecoin-pro.example/');
    expect(bySite).toMatchObject({ verdict: 'warned', reason: { code: 'warned-domain' }, matches: [], lookalikes: [], displayHostALabel: null });

    const events = await request(t.server).get('/v1/admin/audit-events').query({ targetType: 'warning', targetId: created.body.id }).set('authorization', auditor).expect(200);
    expect(events.body.items.map((e: { action: string }) => e.action)).toEqual(['warning.create']);
    expect(events.body.items[0]).toMatchObject({ before: null, after: { id: created.body.id, brands: ['Fakecoin Pro'] } });
    expect((await t.app.get(AuditService).verify()).ok).toBe(true);
  });

  it('amends and withdraws under If-Match (428 without, 400 without a reason), and the check stops citing it', async () => {
    const id = (await post(warning({ brands: ['Withdrawn Coin'], aliases: [], domains: ['withdrawn-coin.example'] })).expect(201)).body.id;
    expect((await check('Withdrawn Coin')).verdict).toBe('warned');
    await request(t.server).patch(`/v1/admin/warnings/${id}`).set('authorization', writer).send({ issuer: 'AFSA' }).expect(428);
    const noReason = await request(t.server).patch(`/v1/admin/warnings/${id}`).set('authorization', writer).set('if-match', '"v1"').send({ withdrawnOn: '2026-11-25' }).expect(400);
    expect(noReason.body.errors).toEqual([{ field: 'withdrawalReason', messages: ['withdrawalReason is required with withdrawnOn'] }]);
    const early = await request(t.server)
      .patch(`/v1/admin/warnings/${id}`)
      .set('authorization', writer)
      .set('if-match', '"v1"')
      .send({ withdrawnOn: '2026-11-01', withdrawalReason: 'Too early' })
      .expect(400);
    expect(early.body.errors).toEqual([{ field: 'withdrawnOn', messages: ['withdrawnOn must not be before issuedOn'] }]);
    const withdrawn = await request(t.server)
      .patch(`/v1/admin/warnings/${id}`)
      .set('authorization', writer)
      .set('if-match', '"v1"')
      .send({ withdrawnOn: '2026-11-25', withdrawalReason: 'AFSA withdrew it' })
      .expect(200);
    expect(withdrawn.headers.etag).toBe('"v2"');
    expect(withdrawn.body).toMatchObject({ state: 'withdrawn', withdrawnOn: '2026-11-25', withdrawalReason: 'AFSA withdrew it', version: 2 });
    expect(await check('Withdrawn Coin')).toMatchObject({ verdict: 'unknown', reason: { code: 'name-not-listed' }, matches: [] });
    expect((await check('withdrawn-coin.example')).verdict).toBe('unknown');
    const events = await request(t.server).get('/v1/admin/audit-events').query({ targetType: 'warning', targetId: id }).set('authorization', auditor).expect(200);
    expect(events.body.items.map((e: { action: string }) => e.action).sort()).toEqual(['warning.create', 'warning.withdraw']);
    const stale = await request(t.server).patch(`/v1/admin/warnings/${id}`).set('authorization', writer).set('if-match', '"v1"').send({ issuer: 'AFSA' }).expect(412);
    expect(stale.body).toMatchObject({ code: 'precondition-failed', currentETag: '"v2"' });
    const missing = await request(t.server).patch('/v1/admin/warnings/019a4f2e-7c1d-7b3a-9e8f-0a1b2c3d4e5f').set('authorization', writer).set('if-match', '"v1"').send({}).expect(404);
    expect(missing.body.code).toBe('warning-not-found');
  });
});

describe('freshness', () => {
  let second: NestFastifyApplication;
  beforeAll(async () => {
    second = await createRegistryApp({ config: parseConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', LOAD_DEMO_DATA: 'false' }), databaseUrl: t.databaseUrl });
    await second.init();
    await second.getHttpAdapter().getInstance().ready();
    await check('warm-up.example', 'en', second.getHttpServer());
  });
  afterAll(async () => {
    await second.close();
  });

  it('a warning written on one instance is seen by a check at once there, and within moments on another (the time is printed)', async () => {
    const timings: { local: number; other: number }[] = [];
    for (let i = 0; i < 5; i++) {
      const started = performance.now();
      await post(warning({ brands: [`Freshness Coin ${i}`], aliases: [], domains: [`freshness-${i}.example`] })).expect(201);
      const written = performance.now();
      expect((await check(`freshness-${i}.example`)).verdict).toBe('warned');
      const local = performance.now() - written;
      for (;;) {
        if ((await check(`freshness-${i}.example`, 'en', second.getHttpServer())).verdict === 'warned') break;
        if (performance.now() - written > 10_000) throw new Error('not seen on the other instance within 10 s');
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      timings.push({ local: Math.round(local), other: Math.round(performance.now() - written) });
      expect(written - started).toBeGreaterThan(0);
    }
    process.stdout.write(`warning written → check sees it (ms, 5 writes): ${JSON.stringify(timings)}\n`);
  });
});
