import { buildBrandIndex, detectLookalikes, type Brand } from './lookalike.js';
import { oneSlip } from './one-edit.js';
import { displayNeedsALabel, skeleton } from './skeleton.js';

const brand = (id: string, name: string, officialDomains: string[], kind: Brand['kind'] = 'licensed'): Brand => ({
  id,
  name,
  aliases: [],
  officialDomains,
  kind,
  recordType: kind === 'licensed' ? 'firm' : kind === 'blocked' ? 'blocked-entity' : 'warning',
  recordId: `${id}-record`,
});
const BINANCE = brand('binance', 'Binance', ['binance.com']);
const BYBIT = brand('bybit', 'Bybit', ['bybit.com', 'bybit.kz']);
const COINBASE = brand('coinbase', 'Coinbase', ['coinbase.com'], 'blocked');
const OKX = brand('okx', 'OKX', [], 'warned');
const index = buildBrandIndex([BINANCE, BYBIT, COINBASE, OKX]);

const target = (host: string, displayHost = host, registrableDomain: string | null = host, userinfo: string | null = null) => ({
  host,
  displayHost,
  registrableDomain,
  userinfo,
});

describe('skeleton', () => {
  it('maps look-alike letters to their prototypes, the Cyrillic supplement included', () => {
    expect(['bіnance', 'ьіпапсе', 'соіпьаѕе', 'c0inbase', 'мехс', 'mexc', 'rnexc'].map(skeleton)).toEqual([
      'binance',
      'binance',
      'coinbase',
      'coinbase',
      'rnexc',
      'rnexc',
      'rnexc',
    ]);
  });
});

describe('oneSlip', () => {
  it('names the slip', () => {
    expect(
      ['binnance', 'binace', 'bniance', 'binamce', 'cinance', 'binanze', 'bin-ance', 'binance', 'bnaince'].map(
        (c) => oneSlip(c, 'binance')?.kind ?? null,
      ),
    ).toEqual(['repetition', 'omission', 'transposition', 'keyboard-neighbour', 'bit-flip', 'substitution', 'insertion', null, null]);
  });
});

describe('detectLookalikes', () => {
  it('names the brand, technique, confidence and evidence of a confusable host', () => {
    expect(detectLookalikes(index, target('xn--bnance-pvf.com', 'bіnance.com'))).toEqual([
      {
        brand: BINANCE,
        technique: 'confusable',
        confidence: 'high',
        evidence: "bіnance reads as binance: і (U+0456) for i; Binance's own domain is binance.com",
      },
    ]);
  });

  it('never flags an official domain or its subdomains, whatever they contain', () => {
    for (const host of ['binance.com', 'www.binance.com', 'bybit.kz', 'api.bybit.com', 'binance-kz.binance.com', 'coinbase.com']) {
      expect([host, detectLookalikes(index, target(host, host, host.split('.').slice(-2).join('.')))]).toEqual([host, []]);
    }
    // Under a licensed firm's domain nothing is a look-alike, not even of another brand; the userinfo included.
    expect(detectLookalikes(index, target('bybit.com', 'bybit.com', 'bybit.com', 'binance.com'))).toEqual([]);
  });

  it('gives weak evidence low confidence: an ordinary word, a very short brand one slip away', () => {
    expect(detectLookalikes(index, target('finance.com')).map((h) => [h.brand.id, h.technique, h.confidence, h.evidence])).toEqual([
      ['binance', 'typo', 'low', "finance is binance with b turned into f by one flipped bit, but finance is an ordinary word: weak evidence; Binance's own domain is binance.com"],
    ]);
    expect(detectLookalikes(index, target('olx.kz')).map((h) => [h.brand.id, h.technique, h.confidence])).toEqual([['okx', 'typo', 'low']]);
  });

  it('sorts hits strongest first, one per brand and technique', () => {
    const hits = detectLookalikes(index, target('binance-kz.bybit.example', 'binance-kz.bybit.example', 'bybit.example', 'coinbase.com'));
    expect(hits.map((h) => [h.brand.id, h.technique, h.confidence])).toEqual([
      ['bybit', 'tld-swap', 'high'],
      ['coinbase', 'brand-in-userinfo', 'high'],
      ['binance', 'brand-in-subdomain', 'high'],
    ]);
  });

  it('reads the brand in front of an unrelated domain and a swapped ending', () => {
    const pick = (t: ReturnType<typeof target>) => detectLookalikes(index, t).map((h) => [h.brand.id, h.technique, h.confidence, h.evidence]);
    expect(pick(target('binance.com.secure-login.example', undefined, 'secure-login.example'))).toEqual([
      ['binance', 'brand-in-subdomain', 'high', "binance.com is written in front of secure-login.example, which is not Binance's; Binance's own domain is binance.com"],
    ]);
    expect(pick(target('binance.com.kz'))).toEqual([
      ['binance', 'tld-swap', 'high', "binance.com.kz carries the name binance under another domain; Binance's own domain is binance.com"],
    ]);
    expect(pick(target('okx.kz'))).toEqual([['okx', 'tld-swap', 'high', 'okx.kz carries the name okx under another domain; the registry knows no domain of OKX']]);
  });
});

describe('displayNeedsALabel', () => {
  it('is true for mixed scripts and characters that pass for ASCII, false otherwise', () => {
    expect([
      displayNeedsALabel('xn--bnance-pvf.com', 'bіnance.com'),
      displayNeedsALabel('xn--80ak2abk6dtd.com', 'ьіпапсе.com'),
      displayNeedsALabel('xn--e1afmkfd.xn--p1ai', 'пример.рф'),
      displayNeedsALabel('binance.com', 'binance.com'),
      displayNeedsALabel('xn--mnchen-3ya.de', 'münchen.de'),
      displayNeedsALabel('xn--fiqs8s.cn', '中国.cn'),
    ]).toEqual([true, true, true, false, false, false]);
  });
});

describe('isOrdinaryWord', () => {
  it('finds words of the list, the first, the last and those it lists out of order, and nothing else', async () => {
    const { isOrdinaryWord } = await import('./ordinary-words.js');
    expect(['finance', 'aa', 'zzzs', 'manlihood', 'manlily', 'sharrowed', 'binance', 'olx', '', 'zzzz'].map(isOrdinaryWord)).toEqual([
      true, true, true, true, true, true, false, false, false, false,
    ]);
  });
});
