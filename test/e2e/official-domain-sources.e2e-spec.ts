// Official domains carry their own source and confidence, like every other record (issue 8, point 17, data parts).
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { FirmsService } from '../../src/firms/firms.service.js';
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

const firmSource = { url: 'https://example.org/register', readOn: '2026-11-24', confidence: 'verified' };
const siteSource = { document: 'The firm names this domain on its licence application (DEMO).', readOn: '2026-11-25', confidence: 'third-party' };

function create(domains: unknown[], name: string) {
  return request(t.server)
    .post('/v1/admin/firms')
    .set('authorization', auth)
    .send({ names: { en: name }, jurisdiction: 'AIFC', domains, source: firmSource });
}

describe('official domains with their own provenance', () => {
  it('are written with a source per domain and shown with it publicly', async () => {
    const created = await create([{ domain: 'Provenance-Exchange.KZ', source: siteSource }], 'Provenance Exchange').expect(201);
    const res = await request(t.server).get(`/v1/firms/${created.body.id}`).expect(200);
    expect(res.body.domains).toEqual([
      {
        domain: 'provenance-exchange.kz',
        display: 'provenance-exchange.kz',
        source: { url: null, document: siteSource.document, readOn: '2026-11-25', confidence: 'third-party', demo: false },
      },
    ]);
    // The firm's own source is a different record.
    expect(res.body.source).toMatchObject({ url: firmSource.url, confidence: 'verified' });
  });

  it('are offered to the check with their source, so a verdict can say what it rests on', async () => {
    const official = await t.app.get(FirmsService).officialDomains();
    const binance = official.find((d) => d.domain === 'binance.com')!;
    expect(binance.source).toMatchObject({ url: null, confidence: 'unconfirmed' });
    expect(binance.firm.names.en).toBe('Binance Kazakhstan');
    const mine = official.find((d) => d.domain === 'provenance-exchange.kz')!;
    expect(mine.source).toMatchObject({ confidence: 'third-party', readOn: '2026-11-25' });
  });

  it.each([
    ['a bare domain string', ['bare.kz'], 'domains.0'],
    ['a domain without a source', [{ domain: 'nosource.kz' }], 'domains.0.source'],
    ['a source without confidence', [{ domain: 'noconf.kz', source: { url: 'https://example.org', readOn: '2026-11-24' } }], 'domains.0.source.confidence'],
    ['the same domain twice', [{ domain: 'twice.kz', source: siteSource }, { domain: 'TWICE.kz.', source: siteSource }], 'domains.1.domain'],
  ])('refuse %s, naming the field', async (_label, domains, field) => {
    const res = await create(domains, `Refused ${field}`).expect(400);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
  });

  it('replace the whole set, each with its source, on update', async () => {
    const created = await create([{ domain: 'before.kz', source: siteSource }], 'Replacing Exchange').expect(201);
    const updated = await request(t.server)
      .patch(`/v1/admin/firms/${created.body.id}`)
      .set('authorization', auth)
      .set('if-match', '"v1"')
      .send({ domains: [{ domain: 'after.kz', source: { ...siteSource, confidence: 'verified', url: 'https://example.org/a' } }] })
      .expect(200);
    expect(updated.body.domains).toEqual([
      { domain: 'after.kz', display: 'after.kz', source: { url: 'https://example.org/a', document: siteSource.document, readOn: '2026-11-25', confidence: 'verified', demo: false } },
    ]);
  });
});
