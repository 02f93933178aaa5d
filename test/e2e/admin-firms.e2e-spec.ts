import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { createKey } from '../setup/api-keys.js';
import { createTestApp, type TestApp } from '../setup/test-app.js';

let t: TestApp;
let auth: string;
let auditAuth: string;
beforeAll(async () => {
  t = await createTestApp();
  auth = `Bearer ${(await createKey(t.app, ['firms:write'])).key}`;
  auditAuth = `Bearer ${(await createKey(t.app, ['audit:read'])).key}`;
});
afterAll(async () => {
  await t.close();
});

const source = { url: 'https://example.org/register', readOn: '2026-11-24', confidence: 'unconfirmed' };
const newFirm = {
  names: { en: 'Example Exchange', kk: 'Мысал Биржа' },
  bin: '200240900095',
  jurisdiction: 'AIFC',
  domains: [{ domain: 'Example-Exchange.KZ', source }],
  licences: [
    { number: 'DEMO-AFSA-A-LA-2026-0100', regulator: 'AFSA', activities: ['Providing Custody'], grantedOn: '2026-01-15', source },
  ],
  source,
};

async function createFirm(body: object = newFirm) {
  return request(t.server).post('/v1/admin/firms').set('authorization', auth).send(body).expect(201);
}

describe('firms admin', () => {
  it('creates a firm that the public API and the check see at once', async () => {
    const created = await createFirm();
    expect(created.headers.etag).toBe('"v1"');
    expect(created.body).toMatchObject({ licensingStatus: 'licensed', domains: [{ domain: 'example-exchange.kz' }] });
    expect((await request(t.server).get('/v1/check').query({ q: 'www.example-exchange.kz' })).body.verdict).toBe('licensed');
  });

  it('refuses invalid identifiers field by field, and a duplicate BIN as a conflict', async () => {
    const bad = await request(t.server)
      .post('/v1/admin/firms')
      .set('authorization', auth)
      .send({ ...newFirm, bin: '200240900096', lei: 'NOTALEI', domains: [{ domain: 'bad domain', source }] })
      .expect(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['bin', 'domains.0.domain', 'lei']);
    const dup = await request(t.server)
      .post('/v1/admin/firms')
      .set('authorization', auth)
      .send({ ...newFirm, names: { en: 'Other Example' }, domains: [{ domain: 'other-example.kz', source }], licences: [] })
      .expect(409);
    expect(dup.body).toMatchObject({ code: 'conflict', constraint: 'uq_firms_bin' });
  });

  it('needs If-Match to update (428), refuses a stale one (412), and bumps the ETag', async () => {
    const created = await createFirm({
      ...newFirm,
      names: { ...newFirm.names, en: 'If-Match Exchange' },
      bin: 'DEMO-BIN-IFMATCH',
      domains: [{ domain: 'ifmatch.kz', source }],
      licences: [],
    });
    const id = created.body.id;
    const read = await request(t.server).get(`/v1/firms/${id}`).expect(200);
    expect(read.headers.etag).toBe('"v1"');
    await request(t.server).patch(`/v1/admin/firms/${id}`).set('authorization', auth).send({ jurisdiction: 'RK' }).expect(428);
    await request(t.server)
      .patch(`/v1/admin/firms/${id}`)
      .set('authorization', auth)
      .set('if-match', 'garbage')
      .send({ jurisdiction: 'RK' })
      .expect(400);
    const updated = await request(t.server)
      .patch(`/v1/admin/firms/${id}`)
      .set('authorization', auth)
      .set('if-match', read.headers.etag!)
      .send({ jurisdiction: 'RK', names: { en: 'Renamed Exchange' } })
      .expect(200);
    expect(updated.headers.etag).toBe('"v2"');
    expect(updated.body.names).toMatchObject({ en: 'Renamed Exchange', kk: 'Мысал Биржа' });
    const stale = await request(t.server)
      .patch(`/v1/admin/firms/${id}`)
      .set('authorization', auth)
      .set('if-match', '"v1"')
      .send({ jurisdiction: 'AIFC' })
      .expect(412);
    expect(stale.body).toMatchObject({ code: 'precondition-failed', currentETag: '"v2"' });
  });

  it('lets exactly one of two concurrent updates win; the other gets 412 and nothing is lost', async () => {
    const created = await createFirm({
      ...newFirm,
      names: { en: 'Race Exchange' },
      bin: 'DEMO-BIN-RACE',
      domains: [{ domain: 'race.kz', source }],
      licences: [],
    });
    const id = created.body.id;
    const [a, b] = await Promise.all(
      ['Alpha', 'Beta'].map((name) =>
        request(t.server)
          .patch(`/v1/admin/firms/${id}`)
          .set('authorization', auth)
          .set('if-match', '"v1"')
          .send({ names: { en: name } }),
      ),
    );
    expect([a!.status, b!.status].sort()).toEqual([200, 412]);
    const winner = a!.status === 200 ? 'Alpha' : 'Beta';
    const final = await request(t.server).get(`/v1/firms/${id}`).expect(200);
    expect(final.body).toMatchObject({ version: 2, names: { en: winner } });
  });

  it('keeps licence history: grant, suspend, end; an ended licence cannot reopen', async () => {
    const created = await createFirm({
      ...newFirm,
      names: { en: 'Licence History Exchange' },
      bin: 'DEMO-BIN-LIC',
      domains: [{ domain: 'lic.kz', source }],
      licences: [{ ...newFirm.licences[0], number: 'DEMO-AFSA-A-LA-2026-0200' }],
    });
    const id = created.body.id;
    const licenceId = created.body.licences[0].id;
    // Asked once before the change (so an answer is kept), the check must not repeat it after: firm changes move no
    // blocklist serial.
    expect((await request(t.server).get('/v1/check').query({ q: 'lic.kz' })).body.verdict).toBe('licensed');
    const suspended = await request(t.server)
      .post(`/v1/admin/firms/${id}/licences/${licenceId}/status`)
      .set('authorization', auth)
      .set('if-match', '"v1"')
      .send({ status: 'suspended', effectiveOn: '2026-11-10' })
      .expect(200);
    expect(suspended.body.licensingStatus).toBe('suspended');
    const after = await request(t.server).get('/v1/check').query({ q: 'lic.kz' });
    expect(after.body).toMatchObject({ verdict: 'suspended', reason: { code: 'firm-licence-suspended' } });
    expect(after.body.reason.message).toContain('has been suspended since 2026-11-10');
    const revoked = await request(t.server)
      .post(`/v1/admin/firms/${id}/licences/${licenceId}/status`)
      .set('authorization', auth)
      .set('if-match', '"v2"')
      .send({ status: 'revoked', effectiveOn: '2026-11-20' })
      .expect(200);
    expect(revoked.body.licences[0]).toMatchObject({ status: 'revoked', endedOn: '2026-11-20' });
    const reopen = await request(t.server)
      .post(`/v1/admin/firms/${id}/licences/${licenceId}/status`)
      .set('authorization', auth)
      .set('if-match', '"v3"')
      .send({ status: 'active' })
      .expect(409);
    expect(reopen.body.code).toBe('licence-ended');
    const granted = await request(t.server)
      .post(`/v1/admin/firms/${id}/licences`)
      .set('authorization', auth)
      .set('if-match', '"v3"')
      .send({ number: 'DEMO-AFSA-A-LA-2026-0101', regulator: 'AFSA', activities: ['Providing Custody'], grantedOn: '2026-11-21', source })
      .expect(201);
    expect(granted.body.licences.map((l: { status: string }) => l.status)).toEqual(['active', 'revoked']);

    const audit = await request(t.server)
      .get('/v1/admin/audit-events')
      .query({ targetId: licenceId })
      .set('authorization', auditAuth)
      .expect(200);
    expect(audit.body.items.map((e: { action: string }) => e.action)).toEqual(['licence.revoked', 'licence.suspended']);
    expect(audit.body.items[0]).toMatchObject({ before: { status: 'suspended' }, after: { status: 'revoked' } });
  });

  it('refuses writes without the firms:write scope', async () => {
    const other = (await createKey(t.app, ['blocklist:write'])).key;
    const res = await request(t.server).post('/v1/admin/firms').set('authorization', `Bearer ${other}`).send(newFirm).expect(403);
    expect(res.body.code).toBe('forbidden');
  });
});
