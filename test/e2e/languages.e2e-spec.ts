// One rule for the language of every answer (the check, its problems, the platform's own errors): `lang` or
// Accept-Language, in any case and with a region; anything unsupported falls back the same way, to English; and
// Content-Language says which was used.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { createTestApp, type TestApp } from '../setup/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ RATE_LIMIT_PER_MINUTE: '100000' });
});
afterAll(async () => {
  await t?.close();
});

const BLOCKED = { kk: /бұғатталған/, ru: /заблокирован/, en: /is blocked/ };

async function check(query: Record<string, string>, acceptLanguage?: string) {
  const req = request(t.server).get('/v1/check').query({ q: 'coinbase.com', ...query });
  if (acceptLanguage !== undefined) req.set('Accept-Language', acceptLanguage);
  return req.expect(200);
}

describe('the check', () => {
  it.each([
    ['KK', 'kk'],
    ['kk-KZ', 'kk'],
    ['Kk-Cyrl-KZ', 'kk'],
    ['ru-RU', 'ru'],
    ['RU', 'ru'],
    ['ru_RU', 'ru'],
    ['EN-gb', 'en'],
  ] as const)('lang=%s answers in %s', async (lang, expected) => {
    const res = await check({ lang });
    expect(res.body.lang).toBe(expected);
    expect(res.headers['content-language']).toBe(expected);
    expect(res.body.reason.message).toMatch(BLOCKED[expected]);
  });

  it.each([
    ['KK', 'kk'],
    ['kk-KZ', 'kk'],
    ['ru-RU,ru;q=0.9,en;q=0.5', 'ru'],
    ['EN-gb', 'en'],
    ['de-DE, kk;q=0.2', 'kk'],
    ['*', 'en'],
  ] as const)('Accept-Language %s answers in %s', async (header, expected) => {
    const res = await check({}, header);
    expect(res.body.lang).toBe(expected);
    expect(res.headers['content-language']).toBe(expected);
    expect(res.headers.vary).toMatch(/Accept-Language/);
  });

  it.each([
    ['lang=de', { lang: 'de' }, undefined],
    ['lang=kz (a country, not a language)', { lang: 'kz' }, undefined],
    ['Accept-Language: de-DE', {}, 'de-DE'],
    ['neither', {}, undefined],
  ] as const)('an unsupported language falls back to English, never a 400: %s', async (_label, query, header) => {
    const res = await check(query, header);
    expect(res.body.lang).toBe('en');
    expect(res.headers['content-language']).toBe('en');
    expect(res.body.reason.message).toMatch(BLOCKED.en);
  });

  it('an unsupported lang leaves the choice to Accept-Language, as an absent one does', async () => {
    const res = await check({ lang: 'de' }, 'ru');
    expect(res.body.lang).toBe('ru');
  });
});

describe('problem details come in the negotiated language', () => {
  it('validation problems: title, detail and each field message, by constraint and its arguments', async () => {
    const ru = await request(t.server).get('/v1/firms').query({ limit: 0, offset: -5 }).set('Accept-Language', 'ru-RU').expect(400);
    expect(ru.headers['content-language']).toBe('ru');
    expect(ru.body).toMatchObject({ title: 'Неверный запрос', detail: 'В запросе есть недопустимые поля.' });
    expect(ru.body.errors).toEqual([
      { field: 'limit', messages: ['limit: не должно быть меньше 1'] },
      { field: 'offset', messages: ['offset: не должно быть меньше 0'] },
    ]);
    const kk = await request(t.server).get('/v1/blocklist/entries').query({ kind: 'mx', lang: 'kk' }).expect(400);
    expect(kk.headers['content-language']).toBe('kk');
    expect(kk.body.title).toBe('Қате сұрау');
    expect(kk.body.errors).toEqual([
      { field: 'lang', messages: ['lang өрісі қарастырылмаған'] },
      { field: 'kind', messages: ['kind: мына мәндердің бірі болуы керек: domain, url, ipv4, ipv6, cidr'] },
    ]);
    const en = await request(t.server).get('/v1/firms').query({ limit: 101 }).expect(400);
    expect(en.headers['content-language']).toBe('en');
    expect(en.body.errors).toEqual([{ field: 'limit', messages: ['limit must not be greater than 100'] }]);
  });

  it('the check\'s own validation, with lang in the query', async () => {
    const res = await request(t.server).get('/v1/check').query({ q: '', lang: 'kk-KZ' }).expect(400);
    expect(res.headers['content-language']).toBe('kk');
    expect(res.body.errors).toEqual([{ field: 'q', messages: ['q: кемінде 1 таңбадан тұруы керек'] }]);
  });

  it('a link the check cannot read: detail and field message in kk and ru, canonicalise\'s own words in en', async () => {
    const ru = await request(t.server).get('/v1/check').query({ q: 'javascript:alert(1)', lang: 'ru' }).expect(400);
    expect(ru.body).toMatchObject({
      code: 'invalid-target',
      reason: 'unsupported-scheme',
      detail: 'q — не домен, не ссылка и не IP-адрес, который мог бы открыть браузер: Проверить можно только адреса http и https, а не «javascript:»',
      errors: [{ field: 'q', messages: ['Проверить можно только адреса http и https, а не «javascript:»'] }],
    });
    const kk = await request(t.server).get('/v1/check').query({ q: 'exa|mple.com' }).set('accept-language', 'kk').expect(400);
    expect(kk.body.errors).toEqual([{ field: 'q', messages: ['Бұл жарамды домендік атау, сілтеме немесе IP мекенжайы емес'] }]);
    const en = await request(t.server).get('/v1/check').query({ q: 'exa|mple.com' }).expect(400);
    expect(en.body.errors[0].messages[0]).toMatch(/^Not a valid domain name/);
  });

  it('a hidden character in the address: named by its code point in the negotiated language', async () => {
    const ru = await request(t.server).get('/v1/check').query({ q: 'binance\u00AD.com', lang: 'ru' }).expect(400);
    expect(ru.headers['content-language']).toBe('ru');
    expect(ru.body).toMatchObject({
      code: 'invalid-target',
      reason: 'hidden-character',
      codePoint: 'U+00AD',
      detail: 'q — не домен, не ссылка и не IP-адрес, который мог бы открыть браузер: Содержит скрытый символ (U+00AD): его не видно, поэтому адрес может оказаться не тем, чем кажется',
      errors: [{ field: 'q', messages: ['Содержит скрытый символ (U+00AD): его не видно, поэтому адрес может оказаться не тем, чем кажется'] }],
    });
    const kk = await request(t.server).get('/v1/check').query({ q: 'bin\u200Dance.com' }).set('accept-language', 'kk-KZ').expect(400);
    expect(kk.headers['content-language']).toBe('kk');
    expect(kk.body.errors).toEqual([
      { field: 'q', messages: ['Құрамында жасырын таңба бар (U+200D): ол көрінбейді, сондықтан мекенжай көрінгендей болмауы мүмкін'] },
    ]);
    const en = await request(t.server).get('/v1/check').query({ q: 'binance.com\uFEFF/login' }).expect(400);
    expect(en.headers['content-language']).toBe('en');
    expect(en.body.detail).toBe(
      'q is not a domain, link or IP address a browser could visit: Contains a hidden character (U+FEFF): it cannot be seen, so the address may not be what it looks like',
    );
  });

  it('records a citizen looks up that do not exist (firms, blocked entities)', async () => {
    const firm = await request(t.server).get('/v1/firms/00000000-0000-4000-8000-000000000000').set('Accept-Language', 'kk').expect(404);
    expect(firm.body).toMatchObject({
      code: 'firm-not-found',
      title: 'Табылмады',
      detail: '00000000-0000-4000-8000-000000000000 идентификаторы бар фирма жоқ.',
    });
    const entity = await request(t.server).get('/v1/blocked-entities/00000000-0000-4000-8000-000000000000?lang=ru').expect(404);
    expect(entity.headers['content-language']).toBe('ru');
    expect(entity.body).toMatchObject({
      code: 'blocked-entity-not-found',
      title: 'Не найдено',
      detail: 'Нет заблокированной организации с идентификатором 00000000-0000-4000-8000-000000000000.',
    });
  });

  it('the platform\'s own: an unknown route, a wrong method, malformed JSON, a media type, an invalid character', async () => {
    const notFound = await request(t.server).get('/v1/nothing').set('Accept-Language', 'ru').expect(404);
    expect(notFound.body.detail).toBe('По запросу GET /v1/nothing ничего нет. Точки входа API перечислены на странице /, их описание — на /docs.');
    const wrongMethod = await request(t.server).delete('/v1/firms').set('Accept-Language', 'kk').expect(405);
    expect(wrongMethod.body).toMatchObject({ title: 'Әдіске рұқсат жоқ', detail: '/v1/firms DELETE әдісін қолдамайды; рұқсат етілген әдістер: GET, HEAD, OPTIONS.' });
    const json = await request(t.server).post('/v1/admin/firms').set('Accept-Language', 'ru').set('content-type', 'application/json').send('{').expect(400);
    expect(json.body).toMatchObject({ code: 'malformed-json', detail: 'Тело запроса не является корректным JSON.' });
    const media = await request(t.server).post('/v1/admin/firms').set('Accept-Language', 'kk').set('content-type', 'text/plain').send('x').expect(415);
    expect(media.body.title).toBe('Қолдау көрсетілмейтін мазмұн түрі');
    const nul = await request(t.server).get('/v1/firms?q=a%00').set('Accept-Language', 'ru').expect(400);
    expect(nul.body.errors).toEqual([{ field: 'q', messages: ['q: не должно содержать символ NUL (U+0000) или непарный суррогат'] }]);
  });

  it('a 401 on the admin API', async () => {
    const res = await request(t.server).get('/v1/admin/audit-events').set('Accept-Language', 'ru').expect(401);
    expect(res.body).toMatchObject({ title: 'Требуется авторизация', detail: 'Нужен действительный API-ключ в заголовке Authorization.' });
  });
});
