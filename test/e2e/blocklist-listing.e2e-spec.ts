import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { createKey } from '../setup/api-keys.js';
import { createTestApp, type TestApp } from '../setup/test-app.js';

let t: TestApp;
let writer: string;
beforeAll(async () => {
  t = await createTestApp();
  writer = (await createKey(t.app, ['blocklist:write'])).key;
});
afterAll(async () => {
  await t.close();
});

const source = { url: 'https://example.org/decision', readOn: '2026-11-24', confidence: 'verified' };
const legalBasis = 'Law of the Republic of Kazakhstan "On Digital Assets", Art. 11(5)';
const add = async (values: string[]) =>
  (
    await request(t.server)
      .post('/v1/admin/blocklist/entries')
      .set('authorization', `Bearer ${writer}`)
      .send({ legalBasis, source, entries: values.map((value) => ({ kind: 'domain', value, match: 'exact' })) })
      .expect(201)
  ).body as { serial: number; entries: { id: string; value: string }[] };
const remove = (ids: string[]) =>
  request(t.server).post('/v1/admin/blocklist/removals').set('authorization', `Bearer ${writer}`).send({ ids, reason: 'Block lifted' }).expect(200);

type Page = { serial: number; items: { id: string; value: string }[]; limit: number; nextCursor: string | null };
async function pageThrough(query: Record<string, string | number>, between: (page: number) => Promise<unknown> = async () => undefined) {
  const pages: Page[] = [];
  let cursor: string | null = null;
  do {
    const res: request.Response = await request(t.server)
      .get('/v1/blocklist/entries')
      .query(cursor ? { cursor, limit: query.limit ?? 20 } : query)
      .expect(200);
    pages.push(res.body as Page);
    cursor = res.body.nextCursor;
    await between(pages.length);
  } while (cursor);
  return pages;
}

describe('GET /v1/blocklist/entries: keyset pages pinned to a serial', () => {
  it('gives exactly the entries in force at the first page\'s serial while others add and remove entries', async () => {
    const seeded = await add(Array.from({ length: 40 }, (_, i) => `listing-${String(i).padStart(2, '0')}.example`));
    const whole = (await request(t.server).get('/v1/blocklist/entries').query({ limit: 100 }).expect(200)).body as Page;
    expect(whole.serial).toBe(seeded.serial);
    expect(whole.nextCursor).toBeNull();
    const expected = whole.items.map((e) => e.id);

    // Between pages: an entry added, and entries from pages already read and pages not yet read removed.
    const toRemove = [...seeded.entries.map((e) => e.id)];
    const pages = await pageThrough({ limit: 7 }, async (n) => {
      await add([`listing-late-${n}.example`]);
      await remove([toRemove.shift()!, toRemove.pop()!]);
    });
    expect(new Set(pages.map((p) => p.serial))).toEqual(new Set([seeded.serial]));
    const ids = pages.flatMap((p) => p.items.map((e) => e.id));
    expect(ids).toEqual(expected);
    expect(pages.map((p) => p.items.length)).toEqual([7, 7, 7, 7, 7, 7, expected.length - 42].filter((n) => n > 0));

    // The serial now lists what is in force now: the removed are gone, the late ones there.
    const now = await pageThrough({ limit: 100 });
    const values = now.flatMap((p) => p.items.map((e) => e.value));
    expect(values.filter((v) => v.startsWith('listing-late-'))).toHaveLength(pages.length);
    expect(values.filter((v) => /^listing-\d\d\./.test(v))).toHaveLength(40 - 2 * pages.length);
  });

  it('lists a past serial as it was, filtered by kind through every page', async () => {
    const first = await add(['past-a.example', 'past-b.example', 'past-c.example']);
    await remove(first.entries.map((e) => e.id));
    const pages = await pageThrough({ serial: first.serial, kind: 'domain', limit: 2 });
    const values = pages.flatMap((p) => p.items.map((e) => e.value));
    expect(values).toEqual(expect.arrayContaining(['past-a.example', 'past-b.example', 'past-c.example']));
    expect(new Set(pages.map((p) => p.serial))).toEqual(new Set([first.serial]));
    const after = await pageThrough({ serial: first.serial + 1, limit: 100 });
    expect(after.flatMap((p) => p.items.map((e) => e.value))).not.toContain('past-a.example');
  });

  it('refuses offset with a 400 naming cursor', async () => {
    const res = await request(t.server).get('/v1/blocklist/entries').query({ offset: 20 }).expect(400);
    expect(res.body).toMatchObject({ code: 'validation-failed' });
    expect(res.body.errors).toEqual([
      {
        field: 'offset',
        messages: ['offset is no longer accepted: follow nextCursor (cursor=...), which pins every page to one serial, so no entry is missed or seen twice'],
      },
    ]);
  });

  it.each([
    [{ cursor: 'not-a-cursor' }, 'cursor', 'cursor is not one this service gave: pass nextCursor of the page before as it was sent'],
    [{ serial: 999999 }, 'serial', /^serial 999999 is ahead of the blocklist, which is at serial \d+$/],
    [{ serial: -1 }, 'serial', 'serial must be a whole number from 0 to 9007199254740991 in decimal digits, without a sign, spaces or leading zeros'],
  ])('refuses %j with a 400 naming %s', async (query, field, message) => {
    const res = await request(t.server).get('/v1/blocklist/entries').query(query).expect(400);
    expect(res.body.code).toBe('validation-failed');
    expect(res.body.errors).toHaveLength(1);
    expect(res.body.errors[0].field).toBe(field);
    expect(res.body.errors[0].messages[0]).toEqual(typeof message === 'string' ? message : expect.stringMatching(message));
  });

  it('refuses a serial or kind that contradicts the cursor', async () => {
    const page = (await request(t.server).get('/v1/blocklist/entries').query({ limit: 1 }).expect(200)).body as Page;
    const serial = await request(t.server).get('/v1/blocklist/entries').query({ cursor: page.nextCursor, serial: 1 }).expect(400);
    expect(serial.body.errors[0].field).toBe('serial');
    const kind = await request(t.server).get('/v1/blocklist/entries').query({ cursor: page.nextCursor, kind: 'cidr' }).expect(400);
    expect(kind.body.errors[0].field).toBe('kind');
  });
});
