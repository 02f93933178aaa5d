// Exact lookups banks expect on /v1/firms: BIN, LEI, licence number, official domain (issue 8, point 6).
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { createKey } from '../setup/api-keys.js';
import { createTestApp, type TestApp } from '../setup/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  const auth = `Bearer ${(await createKey(t.app, ['firms:write'])).key}`;
  const source = { url: 'https://example.org/register', readOn: '2026-11-24', confidence: 'verified' };
  // A firm with real-format identifiers (the BIN and LEI of facts.md's examples) and an IDN domain.
  await request(t.server)
    .post('/v1/admin/firms')
    .set('authorization', auth)
    .send({
      names: { en: 'Lookup Exchange' },
      bin: '200240900095',
      lei: '5493001KJTIIGC8Y1R12',
      jurisdiction: 'AIFC',
      domains: [{ domain: 'биржа-поиск.kz', source }],
      licences: [{ number: 'AFSA-G-LA-2024-0012', regulator: 'AFSA', activities: ['Providing Custody'], grantedOn: '2024-05-01', source }],
      source,
    })
    .expect(201);
});
afterAll(async () => {
  await t.close();
});

const PROBLEM = /^application\/problem\+json/;

async function found(query: Record<string, string>): Promise<string[]> {
  const res = await request(t.server).get('/v1/firms').query(query).expect(200);
  expect(res.body.total).toBe(res.body.items.length);
  return res.body.items.map((f: { names: { en: string } }) => f.names.en);
}

describe('exact lookups', () => {
  it.each([
    [{ bin: '200240900095' }, ['Lookup Exchange']],
    [{ bin: 'DEMO-BIN-0001' }, ['Binance Kazakhstan']],
    [{ bin: 'demo-bin-0002' }, ['Bybit Kazakhstan']],
    [{ bin: '940140000385' }, []],
    [{ lei: '5493001KJTIIGC8Y1R12' }, ['Lookup Exchange']],
    [{ lei: '5493001kjtiigc8y1r12' }, ['Lookup Exchange']],
    [{ lei: 'HWUPKR0MPOU8FGXBT394' }, []],
    [{ licenceNumber: 'AFSA-G-LA-2024-0012' }, ['Lookup Exchange']],
    [{ licenceNumber: 'DEMO-AFSA-A-LA-2023-0002' }, ['Bybit Kazakhstan']],
    [{ licenceNumber: 'demo-afsa-a-la-0001' }, ['Binance Kazakhstan']],
    [{ licenceNumber: 'AFSA-A-LA-2099-9999' }, []],
    [{ domain: 'bybit.kz' }, ['Bybit Kazakhstan']],
    [{ domain: 'WWW.Binance.COM.' }, ['Binance Kazakhstan']],
    [{ domain: 'login.accounts.bybit.com' }, ['Bybit Kazakhstan']],
    [{ domain: 'www.биржа-поиск.kz' }, ['Lookup Exchange']],
    [{ domain: 'поиск-биржа.kz' }, []],
    [{ domain: 'xn----7sbcujdo4aigr.kz' }, ['Lookup Exchange']],
    [{ domain: 'binance.com.evil.example' }, []],
    [{ domain: 'notbinance.com' }, []],
    [{ domain: 'bybit.kz', bin: 'DEMO-BIN-0001' }, []],
    [{ domain: 'bybit.kz', licensingStatus: 'licensed' }, ['Bybit Kazakhstan']],
  ])('%j finds %j', async (query, expected) => {
    expect(await found(query)).toEqual(expected);
  });

  it('returns the whole record, with the official domain the lookup matched and its source', async () => {
    const res = await request(t.server).get('/v1/firms').query({ domain: 'www.биржа-поиск.kz' }).expect(200);
    expect(res.body.items[0]).toMatchObject({
      bin: '200240900095',
      lei: '5493001KJTIIGC8Y1R12',
      domains: [{ domain: 'xn----7sbcujdo4aigr.kz', display: 'биржа-поиск.kz', source: { confidence: 'verified' } }],
    });
  });
});

describe('malformed lookups are a 400 problem naming the field', () => {
  it.each([
    [{ bin: '200240900096' }, 'bin', 'bin must be 12 digits with a valid check digit, or DEMO-...'],
    [{ bin: '12345' }, 'bin', 'bin must be 12 digits with a valid check digit, or DEMO-...'],
    [{ bin: '2002 4090 0095' }, 'bin', 'bin must be 12 digits with a valid check digit, or DEMO-...'],
    [{ lei: '5493001KJTIIGC8Y1R13' }, 'lei', 'lei must be an ISO 17442 LEI (20 characters) with valid check digits, or DEMO-...'],
    [{ lei: 'NOTALEI' }, 'lei', 'lei must be an ISO 17442 LEI (20 characters) with valid check digits, or DEMO-...'],
    [{ licenceNumber: 'AFSA A LA' }, 'licenceNumber', expect.stringContaining('licenceNumber must be 3-64 upper-case letters')],
    [{ licenceNumber: 'A' }, 'licenceNumber', expect.stringContaining('licenceNumber must be 3-64 upper-case letters')],
    [{ domain: 'not a domain' }, 'domain', 'domain must be a domain name: Not a valid domain name, URL or IP address'],
    [{ domain: 'https://binance.com/login' }, 'domain', 'domain must be a domain name: A domain name cannot have a path or query'],
    [{ domain: '192.0.2.10' }, 'domain', 'domain must be a domain name: An IP address is not a domain name'],
    [{ domain: 'javascript:alert(1)' }, 'domain', expect.stringContaining('domain must be a domain name: Only http and https')],
  ])('%j', async (query, field, message) => {
    const res = await request(t.server).get('/v1/firms').query(query).expect(400);
    expect(res.headers['content-type']).toMatch(PROBLEM);
    expect(res.body).toMatchObject({ status: 400, code: 'validation-failed', errors: [{ field, messages: [message] }] });
  });

  it('refuses a repeated lookup parameter rather than picking one', async () => {
    const res = await request(t.server).get('/v1/firms?bin=DEMO-BIN-0001&bin=DEMO-BIN-0002').expect(400);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(['bin']);
  });
});
