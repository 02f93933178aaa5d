// Records in kk, ru and en (issue 8, point 4, the records' part): blocked entities' name, authority, requester and
// legal basis, and blocklist entries' legal basis, with English as the stated fallback.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { BlockedEntitiesService } from '../../src/blocked-entities/blocked-entities.service.js';
import { BlocklistService } from '../../src/blocklist/blocklist.service.js';
import { inLang } from '../../src/text/localised-text.js';
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
const LAW = {
  en: 'Law of the Republic of Kazakhstan "On Digital Assets", Art. 11(5)',
  ru: 'Закон Республики Казахстан «О цифровых активах в Республике Казахстан», пункт 5 статьи 11',
  kk: '«Қазақстан Республикасындағы цифрлық активтер туралы» Қазақстан Республикасының Заңы, 11-баптың 5-тармағы',
};
const KNB = {
  en: 'National Security Committee of the Republic of Kazakhstan',
  ru: 'Комитет национальной безопасности Республики Казахстан',
  kk: 'Қазақстан Республикасының Ұлттық қауіпсіздік комитеті',
};

function block(body: object) {
  return request(t.server).post('/v1/admin/blocked-entities').set('authorization', auth).send(body);
}

describe('demo records in kk, ru and en', () => {
  it('give the illustrative block its name, authority, requester and legal basis in all three languages', async () => {
    const res = await request(t.server).get('/v1/blocked-entities').query({ q: 'kripto obmen' }).expect(200);
    expect(res.body.items).toHaveLength(1);
    expect(res.body.items[0]).toMatchObject({
      name: { en: 'Kripto Obmen KZ (illustrative)', ru: 'Крипто Обмен KZ (иллюстративная запись)', kk: 'Крипто Обмен KZ (иллюстрациялық жазба)' },
      authority: KNB,
      requestedBy: {
        en: 'Financial Monitoring Agency of the Republic of Kazakhstan',
        ru: 'Агентство Республики Казахстан по финансовому мониторингу',
        kk: 'Қазақстан Республикасының Қаржылық мониторинг агенттігі',
      },
      legalBasis: LAW,
    });
  });

  it('leave a brand name without ru and kk versions, and a block with no requester null', async () => {
    const res = await request(t.server).get('/v1/blocked-entities').query({ limit: 100 }).expect(200);
    const byName = new Map(res.body.items.map((e: { name: { en: string } }) => [e.name.en, e]));
    expect(byName.get('Coinbase')).toMatchObject({ name: { en: 'Coinbase', ru: null, kk: null } });
    expect(byName.get('Trade Review Platform (illustrative, lifted)')).toMatchObject({ requestedBy: null });
  });

  it('carry the legal basis of every entry in force in all three languages', async () => {
    const res = await request(t.server).get('/v1/blocklist/entries').query({ kind: 'cidr' }).expect(200);
    expect(res.body.items[0].legalBasis).toEqual(LAW);
  });
});

describe('the read models the check uses', () => {
  it('offer the localised fields, and inLang picks a language with English as the fallback', async () => {
    const { entries } = await t.app.get(BlocklistService).snapshot();
    const coinbaseEntry = entries.find((e) => e.value === 'coinbase.com')!;
    expect(coinbaseEntry.legalBasis.ru).toMatch(/^Закон Республики Казахстан/);
    const coinbase = (await t.app.get(BlockedEntitiesService).all()).find((e) => e.id === coinbaseEntry.blockedEntityId);
    expect(inLang(coinbase!.authority, 'kk')).toBe('Қазақстан Республикасының Мәдениет және ақпарат министрлігі');
    expect(inLang(coinbase!.name, 'ru')).toBe('Coinbase');
    expect(coinbase!.requestedBy?.ru).toBe('Министерство цифрового развития, инноваций и аэрокосмической промышленности');
  });
});

describe('operators write records in kk, ru and en', () => {
  it('take each text as {en, ru, kk}, or a plain string as the English text alone', async () => {
    const created = await block({
      name: { en: 'Localised Exchange', ru: 'Локализованная биржа', kk: 'Аударылған биржа' },
      category: 'online-exchange',
      authority: KNB,
      requestedBy: 'Financial Monitoring Agency of the Republic of Kazakhstan',
      legalBasis: LAW,
      blockedOn: '2026-11-20',
      source,
    }).expect(201);
    expect(created.body).toMatchObject({
      name: { en: 'Localised Exchange', ru: 'Локализованная биржа', kk: 'Аударылған биржа' },
      authority: KNB,
      requestedBy: { en: 'Financial Monitoring Agency of the Republic of Kazakhstan', ru: null, kk: null },
      legalBasis: LAW,
    });
    // Found by its name in any of the three languages.
    const found = await request(t.server).get('/v1/blocked-entities').query({ q: 'Аударылған' }).expect(200);
    expect(found.body.items.map((e: { id: string }) => e.id)).toEqual([created.body.id]);

    const amended = await request(t.server)
      .patch(`/v1/admin/blocked-entities/${created.body.id}`)
      .set('authorization', auth)
      .set('if-match', '"v1"')
      .send({ legalBasis: { en: 'Corrected legal basis', kk: 'Түзетілген құқықтық негіз' }, requestedBy: null })
      .expect(200);
    // A text given replaces all three languages: no stale translation survives a correction.
    expect(amended.body).toMatchObject({
      legalBasis: { en: 'Corrected legal basis', ru: null, kk: 'Түзетілген құқықтық негіз' },
      requestedBy: null,
      authority: KNB,
    });
  });

  it('record a blocklist entry with its legal basis in all three languages', async () => {
    const added = await request(t.server)
      .post('/v1/admin/blocklist/entries')
      .set('authorization', auth)
      .send({ legalBasis: LAW, source, entries: [{ kind: 'domain', value: 'localised-entry.example', match: 'exact' }] })
      .expect(201);
    const list = await request(t.server).get('/v1/blocklist/entries').query({ limit: 100 }).expect(200);
    const entry = list.body.items.find((e: { id: string }) => e.id === added.body.entries[0].id);
    expect(entry.legalBasis).toEqual(LAW);
  });

  it.each([
    ['a text without English', { legalBasis: { ru: LAW.ru } }, 'legalBasis.en'],
    ['an empty English text', { legalBasis: { en: '' } }, 'legalBasis.en'],
    ['a number', { legalBasis: 42 }, 'legalBasis'],
    ['an unknown language', { legalBasis: { en: LAW.en, kz: LAW.kk } }, 'legalBasis.kz'],
    ['a version over 500 characters', { authority: { en: KNB.en, ru: 'я'.repeat(501) } }, 'authority.ru'],
  ])('refuse %s, naming the field', async (_label, patch, field) => {
    const res = await block({
      name: 'Refused Exchange',
      category: 'online-exchange',
      authority: KNB,
      legalBasis: LAW,
      blockedOn: '2026-11-20',
      source,
      ...patch,
    }).expect(400);
    expect(res.body.code).toBe('validation-failed');
    expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
  });
});
