import { afterAll, beforeAll, expect, it } from '@jest/globals';
import request from 'supertest';
import { AuditService } from '../../src/audit/audit.service.js';
import { createKey } from '../setup/api-keys.js';
import { createTestApp, type TestApp } from '../setup/test-app.js';

let t: TestApp;
let auth: string;
beforeAll(async () => {
  t = await createTestApp();
  auth = `Bearer ${(await createKey(t.app, ['blocks:write', 'blocklist:write'])).key}`;
});
afterAll(async () => {
  await t.close();
});

const source = { document: 'DEMO decision of 2026-11-20', readOn: '2026-11-24', confidence: 'unconfirmed' };
const legalBasis = 'Law of the Republic of Kazakhstan "On Digital Assets", Art. 11(5)';

it('records a block, amends it, and lifting it takes its entries off the blocklist in one serial', async () => {
  const created = await request(t.server)
    .post('/v1/admin/blocked-entities')
    .set('authorization', auth)
    .send({
      name: 'Fake Exchange',
      category: 'online-exchange',
      authority: 'National Security Committee of the Republic of Kazakhstan',
      legalBasis,
      blockedOn: '2026-11-20',
      domains: ['Fake-Exchange.example'],
      source,
    })
    .expect(201);
  expect(created.headers.etag).toBe('"v1"');
  const id = created.body.id;
  await request(t.server)
    .post('/v1/admin/blocklist/entries')
    .set('authorization', auth)
    .send({ legalBasis, source, entries: [{ kind: 'domain', value: 'fake-exchange.example', match: 'subtree', blockedEntityId: id }] })
    .expect(201);
  expect((await request(t.server).get('/v1/check').query({ q: 'fake-exchange.example' })).body.blockedEntity.name).toBe('Fake Exchange');

  const amended = await request(t.server)
    .patch(`/v1/admin/blocked-entities/${id}`)
    .set('authorization', auth)
    .set('if-match', '"v1"')
    .send({ decisionNumber: 'DEMO-DECISION-2026-0009' })
    .expect(200);
  expect(amended.body).toMatchObject({ decisionNumber: 'DEMO-DECISION-2026-0009', version: 2 });

  const serial = (await request(t.server).get('/v1/blocklist/entries')).body.serial;
  const lifted = await request(t.server)
    .post(`/v1/admin/blocked-entities/${id}/lift`)
    .set('authorization', auth)
    .set('if-match', '"v2"')
    .send({ liftedOn: '2026-11-23', liftReason: 'Decision reversed on appeal' })
    .expect(200);
  expect(lifted.body).toMatchObject({ state: 'lifted', liftedOn: '2026-11-23' });
  expect((await request(t.server).get('/v1/blocklist/entries')).body.serial).toBe(serial + 1);
  expect((await request(t.server).get('/v1/check').query({ q: 'fake-exchange.example' })).body.verdict).toBe('unknown');
  await request(t.server)
    .post(`/v1/admin/blocked-entities/${id}/lift`)
    .set('authorization', auth)
    .set('if-match', '"v3"')
    .send({ liftedOn: '2026-11-24', liftReason: 'Again' })
    .expect(409);
  expect((await t.app.get(AuditService).verify()).ok).toBe(true);
});
