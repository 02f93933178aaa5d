// The OpenAPI examples of the verification are real answers: asked again on the demo data, the service answers the
// same, ids, serial, times and receipts aside (and "today" being the day the examples were made).
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { dayInKazakhstan } from '../../src/platform/calendar/kazakhstan-day.js';
import { BATCH_EXAMPLES, EXAMPLES_DAY, VERIFICATION_EXAMPLES } from '../../src/verification/verification.examples.js';
import { createKey } from '../setup/api-keys.js';
import { createTestApp, type TestApp } from '../setup/test-app.js';

let t: TestApp;
let bank: string;
beforeAll(async () => {
  t = await createTestApp();
  bank = `Bearer ${(await createKey(t.app, ['verifications:use'])).key}`;
});
afterAll(async () => {
  await t.close();
});

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;

/** Ids, the serial, times and receipts replaced; `day` (today in Kazakhstan, the day the answer is for) by "(today)". */
function comparable(value: unknown, day: string): unknown {
  if (Array.isArray(value)) return value.map((v) => comparable(v, day));
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => {
        if (k === 'receipt') return [k, '(receipt)'];
        if (k === 'serial' || k === 'checkedAt' || k === 'updatedAt') return [k, `(${k})`];
        return [k, comparable(v, day)];
      }),
    );
  }
  if (typeof value === 'string') return value.replace(UUID, '(id)').replaceAll(day, '(today)');
  return value;
}

describe('the verification examples', () => {
  it.each(Object.keys(VERIFICATION_EXAMPLES.requests))('%s is what the service answers', async (name) => {
    const res = await request(t.server).post('/v1/verifications').send(VERIFICATION_EXAMPLES.requests[name]!.value).expect(200);
    expect(comparable(res.body, dayInKazakhstan())).toEqual(comparable(VERIFICATION_EXAMPLES.responses[name]!.value, EXAMPLES_DAY));
  });

  it('the batch example is what the service answers', async () => {
    const res = await request(t.server).post('/v1/verifications/batch').set('authorization', bank).send(BATCH_EXAMPLES.requests.json!.value as object).expect(200);
    expect(comparable(res.body, dayInKazakhstan())).toEqual(comparable(BATCH_EXAMPLES.responses.json!.value, EXAMPLES_DAY));
  });
});
