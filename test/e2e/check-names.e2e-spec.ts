// The check reads a name as well as a link (issue 11 point 1): the demo's firms, blocked entities and AFSA's warning,
// in kk, ru and en.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { createTestApp, type TestApp } from '../setup/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

const check = async (q: string, lang: string) => (await request(t.server).get('/v1/check').query({ q, lang }).expect(200)).body;
const NAME_TARGET = { kind: 'name', host: null, displayHost: null, registrableDomain: null, url: null };

describe('a name AFSA has warned about', () => {
  const reasons = {
    en: 'AFSA has publicly warned that OKX is not licensed ("AFSA Warning on Unlicensed Digital Asset Platforms"; the sources gathered here do not give its date).',
    ru: 'AFSA публично предупредило, что OKX не имеет лицензии («Предупреждение AFSA о нелицензированных платформах цифровых активов»; дата предупреждения в собранных источниках не указана).',
    kk: 'AFSA OKX платформасының лицензиясы жоқ екенін жария түрде ескертті («AFSA-ның лицензиясыз цифрлық актив платформалары туралы ескертуі»; жиналған дереккөздерде ескертудің күні көрсетілмеген).',
  };
  it.each(Object.entries(reasons))('answers warned for OKX in %s, citing the warning and its source', async (lang, message) => {
    const res = await check('OKX', lang);
    expect(res).toMatchObject({
      target: NAME_TARGET,
      verdict: 'warned',
      reason: { code: 'warned-name', message },
      firm: null,
      blockedEntity: null,
      warning: { issuer: 'AFSA', brands: ['OKX', 'HTX', 'Bitget', 'MEXC'], issuedOn: null },
      matches: [{ recordType: 'warning', name: 'OKX', verdict: 'warned', score: 1 }],
      lookalikes: [],
      displayHostALabel: null,
      sources: [{ url: 'https://afsa.aifc.kz/afsa-warning-on-unlicensed-digital-asset-platforms/', confidence: 'verified', demo: true }],
      lang,
    });
    expect(res.notices).toHaveLength(2);
  });

  it.each([['okx.com', 'en'], ['https://www.bitget.com/ru/', 'ru'], ['MEXC.com.', 'kk']])('answers warned for the brand site %s', async (q, lang) => {
    const res = await check(q, lang);
    expect(res).toMatchObject({ verdict: 'warned', reason: { code: 'warned-domain' }, warning: { issuer: 'AFSA' }, matches: [] });
  });

  it('finds a brand by its Cyrillic alias and with generic words around it', async () => {
    expect((await check('Битгет', 'ru')).matches).toMatchObject([{ recordType: 'warning', name: 'Bitget', verdict: 'warned' }]);
    expect((await check('htx exchange', 'en')).verdict).toBe('warned');
    expect((await check('МЕКС биржа', 'kk')).verdict).toBe('warned');
  });
});

describe('names of licensed firms and blocked entities', () => {
  it.each([['Байбит', 'ru'], ['bybit kz', 'en'], ['BYBIT', 'kk']])('answers licensed Bybit for %s, naming its official sites', async (q, lang) => {
    const res = await check(q, lang);
    expect(res).toMatchObject({
      target: NAME_TARGET,
      verdict: 'licensed',
      reason: { code: 'licensed-firm-name' },
      firm: { names: { en: 'Bybit Kazakhstan' }, matchedDomain: null, officialDomains: ['bybit.com', 'bybit.kz'] },
      matches: [{ recordType: 'firm', verdict: 'licensed', score: 1 }],
    });
    expect(res.notices[0]).toContain('bybit.com, bybit.kz');
  });

  it('answers blocked Coinbase for Коинбейс, with what to do', async () => {
    const res = await check('Коинбейс', 'ru');
    expect(res).toMatchObject({
      verdict: 'blocked',
      reason: { code: 'blocked-name' },
      blockedEntity: { name: 'Coinbase', blockedOn: '2023-11-01' },
      matches: [{ recordType: 'blocked-entity', name: 'Коинбейс', verdict: 'blocked', score: 1 }],
    });
    expect(res.reason.message).toBe(
      '«Коинбейс» — название Coinbase, заблокированного в Казахстане с 2023-11-01 (Министерство культуры и информации Республики Казахстан). Правовое основание: Закон Республики Казахстан «О цифровых активах в Республике Казахстан» (по сообщениям СМИ; статья не указана).',
    );
    expect(res.notices[0]).toContain('102');
    expect((await check('Coinbase', 'en')).verdict).toBe('blocked');
  });

  it('matches a name one edit away (five letters or more) and says it is the closest, not the same', async () => {
    const res = await check('Binanse', 'en');
    expect(res).toMatchObject({ verdict: 'licensed', matches: [{ recordType: 'firm', score: 0.8 }] });
    expect(res.notices[0]).toBe('No record has exactly this name; the closest is "Binance Kazakhstan". Make sure it is the one you meant.');
    expect((await check('OKY', 'en')).verdict).toBe('unknown');
  });
});

describe('a name nobody lists', () => {
  const notSafe = { en: 'Not being listed is not proof of safety', ru: 'Отсутствие в реестре не доказывает безопасность', kk: 'Тізілімде болмауы қауіпсіздіктің дәлелі емес' };
  it.each(Object.entries(notSafe))('answers unknown in %s and says not listed is not safe', async (lang, words) => {
    const res = await check('Totally Unknown Exchange', lang);
    expect(res).toMatchObject({ target: NAME_TARGET, verdict: 'unknown', reason: { code: 'name-not-listed' }, matches: [], warning: null });
    expect(res.notices[0]).toContain(words);
  });
});

describe('a site that imitates a brand', () => {
  it('answers lookalike for binance-kz.com naming Binance, its real domains and the technique, in each language', async () => {
    const body = await check('binance-kz.com', 'en');
    expect(body.verdict).toBe('lookalike');
    expect(body.reason).toEqual({
      code: 'lookalike-domain',
      message: 'binance-kz.com looks like Binance but is not one of its sites: the real ones are binance.com. Fraudsters use such addresses to steal logins and money.',
    });
    expect(body.lookalikes[0]).toEqual({
      brand: 'Binance',
      brandVerdict: 'licensed',
      technique: 'brand-keyword',
      confidence: 'high',
      officialDomains: ['binance.com'],
      evidence: 'binance-kz is the name binance with "kz" added; Binance\'s own domain is binance.com',
    });
    for (const lang of ['kk', 'ru']) expect((await check('binance-kz.com', lang)).verdict).toBe('lookalike');
  });

  it('shows the A-label of a host with a Cyrillic і and calls it a confusable of Binance', async () => {
    const body = await check('bіnance.com', 'ru');
    expect(body.verdict).toBe('lookalike');
    expect(body.displayHostALabel).toBe('xn--bnance-pvf.com');
    expect(body.lookalikes[0]).toMatchObject({ brand: 'Binance', technique: 'confusable', confidence: 'high' });
  });

  it('reads the brand in the userinfo of a link to another site', async () => {
    const body = await check('https://binance.com@evil.example/login', 'en');
    expect(body.target.host).toBe('evil.example');
    expect(body.verdict).toBe('lookalike');
    expect(body.lookalikes[0]).toMatchObject({ brand: 'Binance', technique: 'brand-in-userinfo' });
  });

  it('never calls a licensed firm\'s own domain a look-alike, and shows weak evidence only at low confidence', async () => {
    const own = await check('www.binance.com', 'en');
    expect([own.verdict, own.lookalikes]).toEqual(['licensed', []]);
    const word = await check('finance.com', 'en');
    expect(word.verdict).toBe('unknown');
    expect(word.lookalikes.every((l: { confidence: string }) => l.confidence === 'low')).toBe(true);
  });
});
