// Licence history in the public record, and the filter by a firm's current standing (issue 8, point 5).
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { dayInKazakhstan } from '../../src/platform/calendar/kazakhstan-day.js';
import { createKey } from '../setup/api-keys.js';
import { createTestApp, type TestApp } from '../setup/test-app.js';

let t: TestApp;
let auth: string;
beforeAll(async () => {
  t = await createTestApp();
  auth = `Bearer ${(await createKey(t.app, ['firms:write'])).key}`;
});
afterAll(async () => {
  await t.close();
});

const source = { url: 'https://example.org/register', readOn: '2026-11-24', confidence: 'unconfirmed' };

async function createFirm(name: string, domain: string, grantedOn = '2026-01-15') {
  const res = await request(t.server)
    .post('/v1/admin/firms')
    .set('authorization', auth)
    .send({
      names: { en: name },
      jurisdiction: 'AIFC',
      domains: [{ domain, source }],
      licences: [{ number: `DEMO-${domain.toUpperCase().replaceAll('.', '-')}`, regulator: 'AFSA', activities: ['Providing Custody'], grantedOn, source }],
      source,
    })
    .expect(201);
  return { id: res.body.id as string, licenceId: res.body.licences[0].id as string };
}

function changeStatus(firm: { id: string; licenceId: string }, version: number, body: object) {
  return request(t.server)
    .post(`/v1/admin/firms/${firm.id}/licences/${firm.licenceId}/status`)
    .set('authorization', auth)
    .set('if-match', `"v${version}"`)
    .send(body);
}

const names = (res: { body: { items: { names: { en: string } }[] } }) => res.body.items.map((f) => f.names.en);

describe('licence history', () => {
  it('shows every status change with its date and reason: granted, suspended, reinstated, revoked', async () => {
    const firm = await createFirm('History Exchange', 'history.example');
    await changeStatus(firm, 1, { status: 'suspended', effectiveOn: '2026-03-01', reason: 'AFSA suspended the licence pending review.' }).expect(200);
    await changeStatus(firm, 2, { status: 'active', effectiveOn: '2026-04-01' }).expect(200);
    await changeStatus(firm, 3, { status: 'revoked', effectiveOn: '2026-10-01', reason: 'Revoked by AFSA.' }).expect(200);

    const res = await request(t.server).get(`/v1/firms/${firm.id}`).expect(200);
    expect(res.body.licensingStatus).toBe('not-licensed');
    expect(res.body.licences[0]).toMatchObject({ status: 'revoked', endedOn: '2026-10-01' });
    expect(res.body.licences[0].history).toEqual([
      { status: 'granted', from: '2026-01-15', fromPrecision: 'day', reason: null },
      { status: 'suspended', from: '2026-03-01', fromPrecision: 'day', reason: 'AFSA suspended the licence pending review.' },
      { status: 'reinstated', from: '2026-04-01', fromPrecision: 'day', reason: null },
      { status: 'revoked', from: '2026-10-01', fromPrecision: 'day', reason: 'Revoked by AFSA.' },
    ]);
  });

  it('dates a change without effectiveOn today, and shows a newly granted licence with its grant', async () => {
    const firm = await createFirm('Today Exchange', 'today.example');
    const today = dayInKazakhstan();
    const res = await changeStatus(firm, 1, { status: 'suspended' }).expect(200);
    expect(res.body.licences[0].history.map((e: { status: string; from: string }) => [e.status, e.from])).toEqual([
      ['granted', '2026-01-15'],
      ['suspended', today],
    ]);
  });

  it('refuses a change that changes nothing (409), or is dated in the future or before the last change (400)', async () => {
    const firm = await createFirm('Strict Exchange', 'strict.example');
    const same = await changeStatus(firm, 1, { status: 'active' }).expect(409);
    expect(same.body.code).toBe('licence-status-unchanged');
    const future = await changeStatus(firm, 1, { status: 'suspended', effectiveOn: '2999-01-01' }).expect(400);
    expect(future.body.errors).toEqual([{ field: 'effectiveOn', messages: [expect.stringContaining('must not be in the future')] }]);
    const beforeGrant = await changeStatus(firm, 1, { status: 'suspended', effectiveOn: '2025-12-31' }).expect(400);
    expect(beforeGrant.body.errors[0].messages[0]).toContain('before the licence was granted (2026-01-15)');
    await changeStatus(firm, 1, { status: 'suspended', effectiveOn: '2026-06-01' }).expect(200);
    const beforeLast = await changeStatus(firm, 2, { status: 'active', effectiveOn: '2026-05-01' }).expect(400);
    expect(beforeLast.body.errors[0].messages[0]).toContain("before the licence's last recorded change (2026-06-01)");
    const stale = await request(t.server).get(`/v1/firms/${firm.id}`).expect(200);
    expect(stale.body.licences[0].history).toHaveLength(2);
  });

  it('refuses to set a status an operator cannot know better than the source (unknown)', async () => {
    const firm = await createFirm('Unknown Exchange', 'unknown.example');
    const res = await changeStatus(firm, 1, { status: 'unknown' }).expect(400);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(['status']);
  });
});

describe('GET /v1/firms?licensingStatus= filters by the firm\'s current standing', () => {
  it('licensed: firms with a licence in force, such as Bybit, whose 2023 licence has an unknown status', async () => {
    const res = await request(t.server).get('/v1/firms').query({ licensingStatus: 'licensed', limit: 100 }).expect(200);
    expect(names(res)).toEqual(expect.arrayContaining(['Binance Kazakhstan', 'Bybit Kazakhstan']));
    for (const firm of res.body.items) expect(firm.licensingStatus).toBe('licensed');
  });

  it('suspended and not-licensed follow the licence changes', async () => {
    const paused = await createFirm('Paused Exchange', 'paused.example');
    await changeStatus(paused, 1, { status: 'suspended', effectiveOn: '2026-02-01' }).expect(200);
    const gone = await createFirm('Gone Exchange', 'gone.example');
    await changeStatus(gone, 1, { status: 'expired', effectiveOn: '2026-02-01' }).expect(200);

    for (const standing of ['licensed', 'suspended', 'not-licensed'] as const) {
      const res = await request(t.server).get('/v1/firms').query({ licensingStatus: standing, limit: 100 }).expect(200);
      expect(res.body.items.length).toBeGreaterThan(0);
      expect(res.body.total).toBe(res.body.items.length);
      for (const firm of res.body.items) expect([firm.names.en, firm.licensingStatus]).toEqual([firm.names.en, standing]);
    }
    const suspended = await request(t.server).get('/v1/firms').query({ licensingStatus: 'suspended' }).expect(200);
    expect(names(suspended)).toContain('Paused Exchange');
    const notLicensed = await request(t.server).get('/v1/firms').query({ licensingStatus: 'not-licensed' }).expect(200);
    expect(names(notLicensed)).toContain('Gone Exchange');
    expect(names(notLicensed)).not.toContain('Paused Exchange');
  });

  it('refuses the old licenceStatus, which matched any one licence, naming licensingStatus', async () => {
    const res = await request(t.server).get('/v1/firms').query({ licenceStatus: 'expired' }).expect(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body.errors).toEqual([
      {
        field: 'licenceStatus',
        messages: ["licenceStatus is no longer accepted: use licensingStatus (licensed, suspended, not-licensed), the firm's current standing"],
      },
    ]);
  });

  it('refuses a standing that does not exist', async () => {
    const res = await request(t.server).get('/v1/firms').query({ licensingStatus: 'expired' }).expect(400);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(['licensingStatus']);
  });
});
