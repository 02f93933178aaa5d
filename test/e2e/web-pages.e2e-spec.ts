// The citizens' pages (issue 11 point 5) over the real HTTP stack: language by path, `/` sending a browser to its
// language, the result page rendered from the check in-process, everything escaped, the report form without JS.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { DemoDataLoader } from '../../src/demo/demo-data.loader.js';
import { createTestApp, type TestApp } from '../setup/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ TRUST_PROXY: '1' });
  await t.app.get(DemoDataLoader).loadIfEmpty();
});
afterAll(async () => {
  await t.close();
});

const BROWSER = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';
const page = (path: string) => request(t.server).get(path).set('accept', BROWSER);

describe('/', () => {
  it('sends a browser to its language by Accept-Language (or ?lang), varying on both headers', async () => {
    const ru = await page('/').set('accept-language', 'ru-RU,ru;q=0.9,en;q=0.5').expect(302);
    expect(ru.headers.location).toBe('/ru');
    expect(ru.headers.vary).toContain('Accept-Language');
    expect(ru.headers.vary).toContain('Accept');
    expect((await page('/').set('accept-language', 'kk-KZ').expect(302)).headers.location).toBe('/kk');
    expect((await page('/').set('accept-language', 'de').expect(302)).headers.location).toBe('/en');
    expect((await page('/?lang=kk').set('accept-language', 'ru').expect(302)).headers.location).toBe('/kk');
  });
});

describe('pages', () => {
  it.each([
    ['kk', 'Бұл крипто сайтқа сенуге бола ма?'],
    ['ru', 'Можно ли доверять этому криптосайту?'],
    ['en', 'Is this crypto site safe to use?'],
  ])('/%s is the search page in its language, with <html lang> and links to the same page in the others', async (lang, heading) => {
    const res = await page(`/${lang}`).expect(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['content-language']).toBe(lang);
    expect(res.text).toContain(`<html lang="${lang}">`);
    expect(res.text).toContain(`<h1 id="page-title">${heading}</h1>`);
    expect(res.text).toMatch(new RegExp(`<form class="search" action="/${lang}/check" method="get" role="search">`));
    expect(res.text).toContain('<label for="q">');
    for (const other of ['kk', 'ru', 'en']) expect(res.text).toContain(`<a href="/${other}" hreflang="${other}" lang="${other}"`);
    expect(res.text).not.toMatch(/<script|https?:\/\/(?!www\.coinbase\.com\/login)/);
  });

  it('renders the check in-process: a blocked site with its legal basis and sources, and the report form', async () => {
    const res = await page('/en/check?q=https://www.coinbase.com/login').expect(200);
    expect(res.text).toContain('data-verdict="blocked"');
    expect(res.text).toContain('<span class="badge tone-danger">Blocked in Kazakhstan</span>');
    expect(res.text).toContain('<dt>Legal basis</dt><dd>Law of the Republic of Kazakhstan &quot;On Digital Assets&quot;');
    expect(res.text).toContain('<form action="/en/report" method="post">');
    expect(res.text).toContain('<input type="hidden" name="q" value="https://www.coinbase.com/login">');
    // The language switch keeps the question.
    expect(res.text).toContain('<a href="/kk/check?q=https%3A%2F%2Fwww.coinbase.com%2Flogin" hreflang="kk" lang="kk">');
    const kk = await page('/kk/check?q=binance.com').expect(200);
    expect(kk.text).toContain('data-verdict="licensed"');
    expect(kk.text).toContain('<span class="badge tone-ok">Лицензияланған</span>');
  });

  it('shows the A-label beside a Unicode host that mixes alphabets (here with a Cyrillic і), and the brand it imitates', async () => {
    const res = await page(`/en/check?q=${encodeURIComponent('bіnance.com')}`).expect(200);
    expect(res.text).toContain('<strong class="host" dir="ltr">bіnance.com</strong>');
    expect(res.text).toContain('data-verdict="lookalike"');
    expect(res.text).toContain('Imitates Binance');
    expect(res.text).toContain('This address mixes alphabets or uses look-alike letters. What your browser actually opens is:');
    expect(res.text).toContain('<code dir="ltr">xn--bnance-pvf.com</code>');
  });

  it('escapes whatever was typed, and explains input it cannot check with a 400 page', async () => {
    // With a scheme it is read as an address (classifyQuery), and it is not one a browser could visit.
    const res = await page(`/ru/check?q=${encodeURIComponent('https://"><script>alert(1)</script>')}`).expect(400);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.text).not.toContain('<script>alert(1)</script>');
    expect(res.text).toContain('value="https://&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"');
    expect(res.text).toContain('<h2 id="error-title">Это нельзя проверить</h2>');
    expect(res.text).toContain('<p>Это не доменное имя, не ссылка и не IP-адрес</p>');
    expect((await page('/en/check').expect(400)).text).toContain('Enter a link, a site or the name of an exchange.');
  });

  it('lists licensed firms with their licences and blocked entities with their legal basis', async () => {
    const firms = await page('/en/firms').expect(200);
    expect(firms.text).toContain('Bybit');
    expect(firms.text).toMatch(/<td>DEMO-AFSA-[^<]+<\/td><td>AFSA<\/td>/);
    const blocked = await page('/ru/blocked').expect(200);
    expect(blocked.text).toContain('<dt>Правовое основание</dt>');
    expect(blocked.text).toContain('Министерство культуры и информации Республики Казахстан');
    const filtered = await page(`/en/blocked?period=2023-11`).expect(200);
    expect(filtered.text).toContain('Showing only: 2023-11.');
    expect(filtered.text.match(/<li class="record"/g)).toHaveLength(1);
  });

  it('draws the statistics as SVG with the same numbers in a table, each linked to its records', async () => {
    const res = await page('/kk/statistics').expect(200);
    expect(res.text).toContain('<svg class="bars"');
    expect(res.text).toContain('role="img" aria-labelledby="blocked-by-authority-title"');
    expect(res.text).toContain('<a href="/kk/blocked?period=2023-11">2023-11</a>');
    expect(res.text).toContain(`<a href="/kk/blocked?authority=${encodeURIComponent('Ministry of Culture and Information of the Republic of Kazakhstan').replace(/%20/g, '+')}">`);
  });

  it('lists the regulators\' warnings with the brands they name, their date or that none is given, and their source', async () => {
    const res = await page('/ru/warnings').expect(200);
    expect(res.text).toContain('OKX, HTX, Bitget, MEXC');
    expect(res.text).toContain('Выпущено: AFSA (дата в источниках не указана)');
    expect(res.text).toContain('<code dir="ltr">okx.com</code>');
    expect(res.text).toContain('href="https://afsa.aifc.kz/afsa-warning-on-unlicensed-digital-asset-platforms/"');
  });

  it('serves its own stylesheet and nothing from elsewhere; an unknown language is a 404 problem', async () => {
    const css = await request(t.server).get('/assets/site.css').expect(200);
    expect(css.headers['content-type']).toBe('text/css; charset=utf-8');
    expect(css.text).toContain(':focus-visible');
    expect(css.text).not.toMatch(/@import|url\(/);
    const de = await page('/de').expect(404);
    expect(de.headers['content-type']).toBe('application/problem+json; charset=utf-8');
  });
});

describe('the report form', () => {
  const post = (lang: string, body: string, from = '192.0.2.50') =>
    request(t.server).post(`/${lang}/report`).set('x-forwarded-for', from).type('form').send(body);

  it('takes a report without JavaScript and thanks in the page language; a repeat is not counted twice', async () => {
    const res = await post('ru', `q=${encodeURIComponent('https://binance-kz.com/login')}&comment=${encodeURIComponent('<b>telegram</b>')}`).expect(200);
    expect(res.text).toContain('<h1 id="page-title">Спасибо: ваше сообщение записано</h1>');
    expect(res.text).toContain('(binance-kz.com)');
    expect(res.text).toContain('<a href="/ru/check?q=https%3A%2F%2Fbinance-kz.com%2Flogin">');
    const again = await post('ru', 'q=binance-kz.com').expect(200);
    expect(again.text).toContain('Вы уже сообщали о binance-kz.com сегодня');
  });

  it('answers an empty or uncheckable report with a 400 page', async () => {
    expect((await post('en', 'q=').expect(400)).text).toContain('This cannot be reported');
    expect((await post('en', 'q=javascript%3Aalert(1)').expect(400)).text).toContain('This cannot be reported');
  });
});
