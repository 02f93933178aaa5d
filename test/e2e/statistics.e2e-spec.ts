// GET /v1/statistics (issue 11 point 7): figures counted in the database from the demo records, the same answer
// kept briefly and dropped at once when the registry changes.
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import request from 'supertest';
import { DemoDataLoader } from '../../src/demo/demo-data.loader.js';
import { dayInKazakhstan } from '../../src/platform/calendar/kazakhstan-day.js';
import { createKey } from '../setup/api-keys.js';
import { createTestApp, type TestApp } from '../setup/test-app.js';

let t: TestApp;
let auth: string;
beforeAll(async () => {
  t = await createTestApp();
  await t.app.get(DemoDataLoader).loadIfEmpty();
  auth = `Bearer ${(await createKey(t.app, ['blocklist:write'])).key}`;
});
afterAll(async () => {
  await t.close();
});

const KNB = {
  en: 'National Security Committee of the Republic of Kazakhstan',
  ru: 'Комитет национальной безопасности Республики Казахстан',
  kk: 'Қазақстан Республикасының Ұлттық қауіпсіздік комитеті',
};
const MCI = {
  en: 'Ministry of Culture and Information of the Republic of Kazakhstan',
  ru: 'Министерство культуры и информации Республики Казахстан',
  kk: 'Қазақстан Республикасының Мәдениет және ақпарат министрлігі',
};

it('counts licensed firms, blocked entities and sites by authority and by month, from the records', async () => {
  const res = await request(t.server).get('/v1/statistics').expect(200);
  expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
  const thisMonth = dayInKazakhstan().slice(0, 7);
  expect(res.body).toEqual({
    firms: {
      total: 2,
      licensed: 2,
      suspended: 0,
      licensedByRegulator: [{ name: 'AFSA', count: 2 }],
      // Bybit's licences are dated by year only; Binance's has no grant date in the sources.
      licencesGrantedByPeriod: [
        { period: '2023', precision: 'year', count: 1 },
        { period: '2024', precision: 'year', count: 1 },
      ],
      licencesWithoutGrantDate: 1,
    },
    blockedEntities: {
      total: 3,
      inForce: 2,
      lifted: 1,
      inForceByAuthority: [
        { authority: MCI, count: 1 },
        { authority: KNB, count: 1 },
      ],
      blockedByPeriod: [
        { period: '2023-11', precision: 'month', count: 1 },
        { period: '2024-03', precision: 'month', count: 1 },
        { period: '2024-06', precision: 'month', count: 1 },
      ],
    },
    sites: {
      inForce: 7,
      byKind: [
        { kind: 'cidr', count: 1 },
        { kind: 'domain', count: 3 },
        { kind: 'ipv4', count: 1 },
        { kind: 'ipv6', count: 1 },
        { kind: 'url', count: 1 },
      ],
      byAuthority: [
        { authority: KNB, count: 6 },
        { authority: MCI, count: 1 },
      ],
      addedByMonth: [{ period: thisMonth, precision: 'month', count: 7 }],
    },
    warnings: { total: 1, inForce: 1 },
    serial: 2,
    generatedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
  });
});

it('sees a blocklist write at once, not after the figures expire', async () => {
  const before = await request(t.server).get('/v1/statistics').expect(200);
  await request(t.server)
    .post('/v1/admin/blocklist/entries')
    .set('authorization', auth)
    .send({
      legalBasis: 'Law of the Republic of Kazakhstan "On Digital Assets", Art. 11(5)',
      source: { document: 'DEMO decision', readOn: '2026-11-24', confidence: 'unconfirmed' },
      entries: [{ kind: 'domain', value: 'stats-test.example', match: 'exact' }],
    })
    .expect(201);
  const after = await request(t.server).get('/v1/statistics').expect(200);
  expect(after.body.sites.inForce).toBe(before.body.sites.inForce + 1);
  expect(after.body.serial).toBe(before.body.serial + 1);
  expect(after.body.sites.byAuthority.at(-1)).toEqual({ authority: null, count: 1 });
});

it('is a public operation of the OpenAPI document; the pages are not', async () => {
  const spec = (await request(t.server).get('/openapi.json').expect(200)).body as { paths: Record<string, { get?: { security?: unknown[]; operationId?: string } }> };
  expect(spec.paths['/v1/statistics']?.get).toMatchObject({ operationId: 'getStatistics', security: [] });
  expect(Object.keys(spec.paths).filter((p) => /^\/(kk|ru|en)(\/|$)/.test(p))).toEqual([]);
});
