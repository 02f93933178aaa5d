// Bank verification on the real stack and demo data: identifiers checked before any search, names across scripts,
// answers as of a day from the licence history, batches (JSON and CSV) and their signed receipts, verified with jose
// (the registry signs with node:crypto).
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { compactVerify, createLocalJWKSet } from 'jose';
import request from 'supertest';
import { binCheckDigit } from '../../src/firms/identifiers.js';
import { dayInKazakhstan } from '../../src/platform/calendar/kazakhstan-day.js';
import { createKey } from '../setup/api-keys.js';
import { createTestApp, type TestApp } from '../setup/test-app.js';

let t: TestApp;
let bank: string;
let otherBank: string;
let firmsKey: string;

const validBin = (first11: string) => `${first11}${binCheckDigit(first11)}`;
/** A BIN of the right shape whose check digit is off by one. */
const wrongCheckDigit = (first11: string) => `${first11}${(binCheckDigit(first11)! + 1) % 10}`;
const EXAMPLE_BIN = validBin('20024090009');
const SUSPENDED_BIN = validBin('19084000123');
const UNKNOWN_BIN = validBin('21010050077');
// GLEIF's published example LEI; the test firm below is made up and holds it only in this test's database.
const EXAMPLE_LEI = '5493001KJTIIGC8Y1R12';
const source = { url: 'https://example.org/register', readOn: '2026-11-24', confidence: 'unconfirmed' };
let exampleId: string;
let suspendedId: string;

beforeAll(async () => {
  // The anonymous limit is tested on an app of its own below.
  t = await createTestApp({ VERIFICATIONS_PER_MINUTE: '10000' });
  bank = `Bearer ${(await createKey(t.app, ['verifications:use'], 'bank A')).key}`;
  otherBank = `Bearer ${(await createKey(t.app, ['verifications:use'], 'bank B')).key}`;
  firmsKey = `Bearer ${(await createKey(t.app, ['firms:write'])).key}`;
  const created = await request(t.server)
    .post('/v1/admin/firms')
    .set('authorization', firmsKey)
    .send({
      names: { en: 'Example Exchange', kk: 'Мысал Биржа' },
      bin: EXAMPLE_BIN,
      lei: EXAMPLE_LEI,
      jurisdiction: 'AIFC',
      domains: [{ domain: 'example-exchange.kz', source }],
      licences: [{ number: 'DEMO-AFSA-A-LA-2026-0100', regulator: 'AFSA', activities: ['Providing Custody'], grantedOn: '2026-01-15', source }],
      source,
    })
    .expect(201);
  exampleId = created.body.id;
  const suspended = await request(t.server)
    .post('/v1/admin/firms')
    .set('authorization', firmsKey)
    .send({
      names: { en: 'Paused Custody' },
      bin: SUSPENDED_BIN,
      jurisdiction: 'AIFC',
      domains: [],
      licences: [{ number: 'DEMO-AFSA-A-LA-2025-0200', regulator: 'AFSA', activities: ['Providing Custody'], grantedOn: '2025-03-01', source }],
      source,
    })
    .expect(201);
  suspendedId = suspended.body.id;
  await request(t.server)
    .post(`/v1/admin/firms/${suspendedId}/licences/${suspended.body.licences[0].id}/status`)
    .set('authorization', firmsKey)
    .set('if-match', '"v1"')
    .send({ status: 'suspended', effectiveOn: '2026-11-01', reason: 'AFSA suspended the licence pending review.' })
    .expect(200);
});
afterAll(async () => {
  await t.close();
});

const verify = (body: object, lang = 'en') => request(t.server).post('/v1/verifications').set('accept-language', lang).send(body);

describe('POST /v1/verifications: identifiers are checked before any search', () => {
  it.each([
    [{ bin: wrongCheckDigit('20024090009') }, 'bin', 'bin: the check digit is wrong (the 12th digit does not follow from the first 11); check the number for a typo'],
    [{ bin: '20024090009A' }, 'bin', 'bin must be 12 digits (or DEMO-... for a demo record)'],
    [{ lei: '5493001KJTIIGC8Y1R13' }, 'lei', 'lei: the check digits are wrong (ISO 7064 MOD 97-10); check the code for a typo'],
    [{ lei: 'NOT-AN-LEI' }, 'lei', 'lei must be an ISO 17442 LEI: 18 upper-case letters or digits and 2 check digits (or DEMO-...)'],
    [{ licenceNumber: 'AFSA A LA' }, 'licenceNumber', 'licenceNumber must be 3-64 upper-case letters and digits joined by - / . (e.g. AFSA-A-LA-2023-0005), or DEMO-...'],
    [{ name: 'B' }, 'name', 'name must be longer than or equal to 2 characters'],
    [{ domain: 'not a domain' }, 'domain', expect.stringMatching(/^domain must be a domain name: /)],
    [{}, 'body', 'Give at least one of bin, lei, licenceNumber, name or domain'],
    [{ bin: EXAMPLE_BIN, extra: 1 }, 'extra', 'property extra should not exist'],
  ])('%j is a 400 naming %s', async (body, field, message) => {
    const res = await verify(body).expect(400).expect('content-type', 'application/problem+json; charset=utf-8');
    expect(res.body).toMatchObject({ status: 400, code: 'validation-failed', errors: [{ field, messages: [message] }] });
    expect(res.body.errors).toHaveLength(1);
  });

  it('says which check digit is wrong in Kazakh and Russian too', async () => {
    const kk = await verify({ bin: wrongCheckDigit('20024090009') }, 'kk').expect(400);
    expect(kk.body.errors[0].messages[0]).toBe('bin: бақылау цифры қате (12-ші цифр алғашқы 11 цифрға сәйкес келмейді); нөмірді қатеге тексеріңіз');
    const ru = await verify({ bin: wrongCheckDigit('20024090009') }, 'ru').expect(400);
    expect(ru.body.errors[0].messages[0]).toBe('bin: неверная контрольная цифра (12-я цифра не соответствует первым 11); проверьте номер на опечатку');
  });

  it('refuses an asOf in the future or before the earliest record, with the reason', async () => {
    const today = dayInKazakhstan();
    const tomorrow = new Date(Date.parse(`${today}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    const future = await verify({ bin: EXAMPLE_BIN, asOf: tomorrow }).expect(400);
    expect(future.body.errors).toEqual([
      { field: 'asOf', messages: [`asOf ${tomorrow} is in the future (today in Kazakhstan is ${today}): the registry answers for days that have happened`] },
    ]);
    const early = await verify({ bin: EXAMPLE_BIN, asOf: '2001-01-01' }).expect(400);
    expect(early.body.errors[0].field).toBe('asOf');
    expect(early.body.errors[0].messages[0]).toMatch(/^asOf 2001-01-01 is before the registry's earliest record \(\d{4}-\d{2}-\d{2}\): it cannot say how things stood then$/);
    const notADay = await verify({ bin: EXAMPLE_BIN, asOf: '2026-02-30' }).expect(400);
    expect(notADay.body.errors[0].field).toBe('asOf');
  });
});

describe('POST /v1/verifications: answers', () => {
  it('answers a valid BIN the registry does not hold as not_found, with the reminder that this proves nothing', async () => {
    const res = await verify({ bin: UNKNOWN_BIN }).expect(200);
    expect(res.body).toMatchObject({ status: 'not_found', score: 0, match: null, candidates: [] });
    expect(res.body.message).toContain('Not being listed is not proof of anything');
    expect(res.body.features).toEqual([{ feature: 'bin', value: UNKNOWN_BIN, matched: false, score: 0, explanation: `The BIN ${UNKNOWN_BIN} is not this record’s.` }]);
  });

  it('finds a firm by its BIN with score 1 and its licences on the day, the full record, the serial and a receipt', async () => {
    const res = await verify({ bin: EXAMPLE_BIN }).expect(200);
    expect(res.body).toMatchObject({
      status: 'licensed',
      score: 1,
      asOf: dayInKazakhstan(),
      lang: 'en',
      match: {
        kind: 'firm',
        id: exampleId,
        name: 'Example Exchange',
        bin: EXAMPLE_BIN,
        lei: EXAMPLE_LEI,
        standing: 'licensed',
        licences: [{ number: 'DEMO-AFSA-A-LA-2026-0100', status: 'active', since: '2026-01-15', sinceIsRecorded: false, statusNow: 'active' }],
        href: `/v1/firms/${exampleId}`,
      },
      records: { firm: { id: exampleId, bin: EXAMPLE_BIN } },
    });
    expect(typeof res.body.serial).toBe('number');
    expect(res.body.receipt).toMatchObject({ id: expect.stringMatching(/^[0-9a-f-]{36}$/), href: `/v1/receipts/${res.body.receipt.id}` });
    expect(res.body.receipt.jws.split('.')).toHaveLength(3);
  });

  it.each([
    ['a Latin name with a legal form', { name: 'BYBIT LTD' }, 'Bybit Kazakhstan'],
    ['a Cyrillic name', { name: 'Байбит' }, 'Bybit Kazakhstan'],
    ['a Kazakh name with its legal form', { name: 'Бинанс Қазақстан ЖШС' }, 'Binance Kazakhstan'],
    ['the 2021 Kazakh Latin spelling with a dotless I', { name: 'Bınans Qazaqstan' }, 'Binance Kazakhstan'],
    ['a licence number', { licenceNumber: 'demo-afsa-a-la-2024-0003' }, 'Bybit Kazakhstan'],
    ['an LEI', { lei: EXAMPLE_LEI }, 'Example Exchange'],
    ['a subdomain of an official domain', { domain: 'WWW.Example-Exchange.kz' }, 'Example Exchange'],
  ])('finds a licensed firm by %s', async (_what, body, name) => {
    const res = await verify(body).expect(200);
    expect([res.body.status, res.body.match?.name]).toEqual(['licensed', name]);
  });

  it('scores a name hit below an identifier hit, and a name alone at most 0.9', async () => {
    const byName = await verify({ name: 'Example Exchange' }).expect(200);
    expect([byName.body.status, byName.body.score]).toEqual(['licensed', 0.9]);
    const both = await verify({ name: 'Example Exchange', bin: EXAMPLE_BIN }).expect(200);
    expect(both.body.score).toBe(1);
    expect(both.body.features.map((f: { feature: string; matched: boolean; score: number }) => [f.feature, f.matched, f.score])).toEqual([
      ['bin', true, 1],
      ['name', true, 0.9],
    ]);
  });

  it('answers ambiguous with both candidates when a name fits two firms about equally', async () => {
    const res = await verify({ name: 'Kazakhstan' }).expect(200);
    expect(res.body.status).toBe('ambiguous');
    expect(res.body.match).toBeNull();
    expect(res.body.candidates.slice(0, 2).map((c: { name: string }) => c.name).sort()).toEqual(['Binance Kazakhstan', 'Bybit Kazakhstan']);
  });

  it('answers blocked for a blocked entity’s domain and warned for a warned brand', async () => {
    const blocked = await verify({ domain: 'www.coinbase.com' }).expect(200);
    expect([blocked.body.status, blocked.body.match.kind, blocked.body.match.name, blocked.body.match.blockedOn]).toEqual(['blocked', 'blocked-entity', 'Coinbase', '2023-11-01']);
    const warned = await verify({ name: 'OKX' }).expect(200);
    expect([warned.body.status, warned.body.match.kind, warned.body.match.name]).toEqual(['warned', 'warning', 'OKX']);
  });

  it('answers as of a day from the licence history: licensed before a suspension, suspended after it', async () => {
    const before = await verify({ bin: SUSPENDED_BIN, asOf: '2026-10-31' }).expect(200);
    expect([before.body.status, before.body.match.licences[0].status, before.body.match.licences[0].statusNow]).toEqual(['licensed', 'active', 'suspended']);
    const after = await verify({ bin: SUSPENDED_BIN, asOf: '2026-11-01' }).expect(200);
    expect([after.body.status, after.body.match.licences[0].since]).toEqual(['suspended', '2026-11-01']);
    const beforeGrant = await verify({ bin: SUSPENDED_BIN, asOf: '2025-02-28' }).expect(200);
    expect([beforeGrant.body.status, beforeGrant.body.match.licences[0].status]).toEqual(['not_licensed', null]);
  });
});

describe('POST /v1/verifications/batch', () => {
  const items = [
    { reference: 'valid-bin', bin: EXAMPLE_BIN },
    { reference: 'bad-check-digit', bin: wrongCheckDigit('20024090009') },
    { reference: 'lei', lei: EXAMPLE_LEI },
    { reference: 'licence', licenceNumber: 'DEMO-AFSA-A-LA-2024-0003' },
    { reference: 'cyrillic', name: 'Бинанс Казахстан' },
    { reference: 'legal-form', name: 'Bybit Ltd' },
    { reference: 'blocked-domain', domain: 'coinbase.com' },
    { reference: 'warned-brand', name: 'Bitget' },
    { reference: 'unknown', name: 'Nowhere Exchange Holdings' },
    { reference: 'before-suspension', bin: SUSPENDED_BIN, asOf: '2026-10-15' },
  ];

  it('answers a mixed batch per reference, one invalid item without failing the others, under one receipt jose verifies', async () => {
    const res = await request(t.server).post('/v1/verifications/batch').set('authorization', bank).send({ items }).expect(200);
    expect(res.body.results.map((r: { reference: string; status: string; match: { name: string } | null }) => [r.reference, r.status, r.match?.name ?? null])).toEqual([
      ['valid-bin', 'licensed', 'Example Exchange'],
      ['bad-check-digit', 'invalid', null],
      ['lei', 'licensed', 'Example Exchange'],
      ['licence', 'licensed', 'Bybit Kazakhstan'],
      ['cyrillic', 'licensed', 'Binance Kazakhstan'],
      ['legal-form', 'licensed', 'Bybit Kazakhstan'],
      ['blocked-domain', 'blocked', 'Coinbase'],
      ['warned-brand', 'warned', 'Bitget'],
      ['unknown', 'not_found', null],
      ['before-suspension', 'licensed', 'Paused Custody'],
    ]);
    expect(res.body.results[1].errors).toEqual([
      { field: 'items.1.bin', messages: ['bin: the check digit is wrong (the 12th digit does not follow from the first 11); check the number for a typo'] },
    ]);
    expect(res.body).toMatchObject({ count: 10, statuses: { licensed: 6, invalid: 1, blocked: 1, warned: 1, not_found: 1 } });

    const jwks = createLocalJWKSet((await request(t.server).get('/.well-known/jwks.json').expect(200)).body);
    const { payload, protectedHeader } = await compactVerify(res.body.receipt.jws, jwks);
    expect(protectedHeader).toEqual({ alg: 'EdDSA', kid: res.body.receipt.keyId });
    const signed = JSON.parse(new TextDecoder().decode(payload));
    expect(signed).toMatchObject({ receiptId: res.body.receipt.id, kind: 'batch', serial: res.body.serial, issuedAt: res.body.checkedAt });
    expect(signed.result.results).toEqual(res.body.results);
    expect(signed.query.items[9]).toEqual({ reference: 'before-suspension', bin: SUSPENDED_BIN, asOf: '2026-10-15' });
  });

  it('keeps the receipt for the bank that asked, and only for it', async () => {
    const res = await request(t.server).post('/v1/verifications/batch').set('authorization', bank).send({ items: items.slice(0, 2) }).expect(200);
    const own = await request(t.server).get(res.body.receipt.href).set('authorization', bank).expect(200);
    expect(own.body.receipt).toBe(res.body.receipt.jws);
    const other = await request(t.server).get(res.body.receipt.href).set('authorization', otherBank).expect(404);
    expect(other.body.code).toBe('receipt-not-found');
  });

  it('needs a bank key with the verification scope', async () => {
    expect((await request(t.server).post('/v1/verifications/batch').send({ items }).expect(401)).body.code).toBe('unauthorized');
    expect((await request(t.server).post('/v1/verifications/batch').set('authorization', firmsKey).send({ items }).expect(403)).body.code).toBe('forbidden');
  });

  it.each([
    ['an empty batch', { items: [] }, 'items', 'items must contain at least 1 elements'],
    ['an oversize batch', { items: Array.from({ length: 1001 }, (_, i) => ({ reference: `r${i}`, name: 'Bybit' })) }, 'items', 'items must contain no more than 1000 elements'],
    ['an item without a reference', { items: [{ name: 'Bybit' }] }, 'items.0.reference', 'Each item needs a reference of its own (a non-empty string), by which its answer is returned'],
    ['an unknown field beside items', { items: [{ reference: 'a', name: 'Bybit' }], extra: true }, 'extra', 'property extra should not exist'],
  ])('refuses %s (400)', async (_what, body, field, message) => {
    const res = await request(t.server).post('/v1/verifications/batch').set('authorization', bank).send(body).expect(400);
    expect(res.body).toMatchObject({ code: 'validation-failed', errors: [{ field, messages: [message] }] });
  });

  it('refuses duplicate references as a whole (400 duplicate-references), naming each repeat', async () => {
    const res = await request(t.server)
      .post('/v1/verifications/batch')
      .set('authorization', bank)
      .send({ items: [{ reference: 'a', name: 'Bybit' }, { reference: 'b', name: 'OKX' }, { reference: 'a', bin: EXAMPLE_BIN }] })
      .expect(400);
    expect(res.body).toMatchObject({
      code: 'duplicate-references',
      errors: [{ field: 'items.2.reference', messages: ['The reference a is already used by item 0: references must be unique within a batch'] }],
    });
  });

  it('answers an item with an unknown field or a name of one character as invalid, the others as usual', async () => {
    const res = await request(t.server)
      .post('/v1/verifications/batch')
      .set('authorization', bank)
      .send({ items: [{ reference: 'a', name: 'Bybit', colour: 'red' }, { reference: 'b', name: 'X' }, { reference: 'c', name: 'OKX' }] })
      .expect(200);
    expect(res.body.results.map((r: { status: string; errors?: unknown }) => [r.status, r.errors ?? null])).toEqual([
      ['invalid', [{ field: 'items.0.colour', messages: ['property colour should not exist'] }]],
      ['invalid', [{ field: 'items.1.name', messages: ['name must be longer than or equal to 2 characters'] }]],
      ['warned', null],
    ]);
  });

  it('takes a CSV upload and answers it as CSV when asked, with the receipt linked', async () => {
    const csv = `reference,bin,name,asOf\r\npay-1,${EXAMPLE_BIN},,\r\npay-2,,"Bybit, Ltd",\r\npay-3,${SUSPENDED_BIN},,2026-10-15\r\n`;
    const res = await request(t.server).post('/v1/verifications/batch').set('authorization', bank).set('content-type', 'text/csv').set('accept', 'text/csv').send(csv).expect(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers.link).toBe(`</v1/receipts/${res.headers['receipt-id']}>; rel="receipt"`);
    const lines = res.text.trim().split('\n');
    expect(lines[0]).toBe('reference,status,asOf,score,matchKind,matchId,matchName,licences,message,errors');
    expect(lines.slice(1).map((l) => l.split(',').slice(0, 7).join(','))).toEqual([
      `pay-1,licensed,${dayInKazakhstan()},1,firm,${exampleId},Example Exchange`,
      `pay-2,licensed,${dayInKazakhstan()},0.9,firm,${lines[2]!.split(',')[5]},Bybit Kazakhstan`,
      `pay-3,licensed,2026-10-15,1,firm,${suspendedId},Paused Custody`,
    ]);
    const json = await request(t.server).post('/v1/verifications/batch').set('authorization', bank).set('content-type', 'text/csv').send(csv).expect(200);
    expect(json.body.results.map((r: { reference: string; status: string }) => `${r.reference}:${r.status}`)).toEqual(['pay-1:licensed', 'pay-2:licensed', 'pay-3:licensed']);
  });

  it.each([
    ['a broken quote', 'reference,name\r\nr1,"Bybit\r\nr2,OKX\r\n', 'body', /^The CSV cannot be read at line 2: Quote Not Closed/],
    ['a wrong header', 'ref,name\r\nr1,Bybit\r\n', 'header', /^The CSV header \(line 1\) is wrong: it has no reference column; unknown column "ref"/],
  ])('refuses a CSV with %s (400)', async (_what, csv, field, message) => {
    const res = await request(t.server).post('/v1/verifications/batch').set('authorization', bank).set('content-type', 'text/csv').send(csv).expect(400);
    expect(res.body).toMatchObject({ code: 'validation-failed', errors: [{ field, messages: [expect.stringMatching(message)] }] });
  });

  it('does not take CSV anywhere else (415)', async () => {
    await request(t.server).post('/v1/verifications').set('content-type', 'text/csv').send('reference,name\r\nr1,Bybit\r\n').expect(415);
  });
});

describe('access', () => {
  it('limits anonymous single verifications per address, but not a bank with a key; a bad key is refused, not ignored', async () => {
    const limited = await createTestApp({ VERIFICATIONS_PER_MINUTE: '2' });
    try {
      const key = `Bearer ${(await createKey(limited.app, ['verifications:use'])).key}`;
      for (let i = 0; i < 2; i++) await request(limited.server).post('/v1/verifications').send({ name: 'Bybit' }).expect(200);
      const refused = await request(limited.server).post('/v1/verifications').send({ name: 'Bybit' }).expect(429);
      expect(refused.body.code).toBe('too-many-requests');
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
      await request(limited.server).post('/v1/verifications').set('authorization', key).send({ name: 'Bybit' }).expect(200);
      expect((await request(limited.server).post('/v1/verifications').set('authorization', 'Bearer kzr_nope').send({ name: 'Bybit' }).expect(401)).body.code).toBe('unauthorized');
    } finally {
      await limited.close();
    }
  });

  it('files a keyed single verification under the bank, and an anonymous one under nobody', async () => {
    const keyed = await verify({ name: 'Bybit' }).set('authorization', bank).expect(200);
    await request(t.server).get(keyed.body.receipt.href).set('authorization', bank).expect(200);
    const anonymous = await verify({ name: 'Bybit' }).expect(200);
    await request(t.server).get(anonymous.body.receipt.href).set('authorization', bank).expect(404);
  });
});
