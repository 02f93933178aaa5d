import { describe, expect, it } from '@jest/globals';
import { canonicaliseTarget } from './canonicalise.js';
import { classifyQuery } from './query-kind.js';

describe('classifyQuery: names a citizen types (issue 11, point 1)', () => {
  it.each([
    ['OKX', 'OKX', 'no dot'],
    ['Байбит', 'Байбит', 'Cyrillic, no dot'],
    ['bybit kz', 'bybit kz', 'a space inside'],
    ['Коинбейс', 'Коинбейс', 'Cyrillic, no dot'],
    ['  Bybit   Kazakhstan ', 'Bybit Kazakhstan', 'spaces inside, runs made one'],
    ['Binance\tKZ', 'Binance KZ', 'a tab inside'],
    ['ｏｋｘ', 'okx', 'full-width letters'],
    ['OKX.', 'OKX.', 'a trailing dot only'],
    ['Байбит.кз', 'Байбит.кз', 'Cyrillic with a dot but кз is no top-level domain'],
    ['Коинбейс。ком。кз', 'Коинбейс.ком.кз', 'Cyrillic, ideographic full stops, no top-level domain'],
    ['localhost', 'localhost', 'a single label'],
    ['exa mple.com', 'exa mple.com', 'a space inside, no scheme (a host never has one)'],
    ['OKX: review', 'OKX: review', 'a colon that is no scheme, and a space'],
    ['bybit/kz', 'bybit/kz', 'no dot before the slash'],
    ['123456789012', '123456789012', 'a number too large for IPv4 (a BIN, say)'],
    ['Binance Kazakhstan Ltd.', 'Binance Kazakhstan Ltd.', 'a company name with a dot and spaces'],
  ])('reads %j as the name %j (%s)', (q, text) => {
    expect(classifyQuery(q)).toEqual({ kind: 'name', text });
  });
});

describe('classifyQuery: addresses (counter-cases)', () => {
  it.each([
    ['binance.com', 'a bare host'],
    ['bіnance.com', 'a host with a Cyrillic і (a look-alike, still an address)'],
    ['xn--80abvuby.kz', 'an A-label'],
    ['xn--80abvuby', 'a single A-label'],
    ['пример.рф', 'Cyrillic with a Cyrillic top-level domain'],
    ['мысал.қаз', 'Cyrillic with the Kazakh top-level domain'],
    ['бинанс.kz', 'Cyrillic with a Latin top-level domain'],
    ['бинанс。kz', 'with an ideographic full stop'],
    ['ｂｉｎａｎｃｅ．ｃｏｍ', 'full-width'],
    ['127.0.0.1', 'a dotted IPv4 address'],
    ['2130706433', 'IPv4 as one decimal number'],
    ['0x7f000001', 'IPv4 as one hex number'],
    ['017700000001', 'IPv4 as one octal number'],
    ['0x7f.1', 'a short IPv4 form'],
    ['::1', 'a bare IPv6 address'],
    ['[2001:db8::1]', 'IPv6 in brackets'],
    ['[2001:db8::1]:8443/x', 'IPv6 in brackets with a port and path'],
    ['hxxps://binance[.]com', 'defanged'],
    ['binance[.]com', 'defanged, no scheme'],
    ['binance [dot] com', 'defanged with spaces, which are the marker’s'],
    ['https://www.coinbase.com/login', 'a URL'],
    ['https://binance.com login', 'a URL with a space: the scheme decides'],
    ['//binance.com', 'scheme-relative'],
    ['binance.com/en/login', 'a host with a path'],
    ['binance.com:443', 'a host with a port'],
    ['binance.com@evil.kz', 'userinfo'],
    ['WWW.Binance.com.', 'upper case, trailing dot'],
    ['Binance.US', 'a brand that is also a domain'],
    ['javascript:alert(1)', 'another scheme (canonicaliseTarget refuses it)'],
    ['tg://resolve?domain=binance', 'another scheme with //'],
    ['binance.con', 'a Latin typo of a top-level domain: still an address'],
    ['bіnance.cоm', 'Latin and Cyrillic mixed, no known top-level domain: still an address'],
    ['https://Байбит', 'a scheme and no dot'],
    ['binance.com\uFEFF/login', 'a BOM, which JavaScript counts as white space but Unicode does not'],
    ['Bybit\u200B', 'a name with a zero-width space: refused as an address, never matched'],
    ['bybit\u00ADkz', 'a soft hyphen'],
  ])('reads %j as an address (%s)', (q) => {
    expect(classifyQuery(q)).toEqual({ kind: 'target' });
  });

  it('hands canonicaliseTarget the addresses it reads as the browser would', () => {
    expect(canonicaliseTarget('hxxps://binance[.]com').host).toBe('binance.com');
    expect(canonicaliseTarget('2130706433').host).toBe('127.0.0.1');
    expect(canonicaliseTarget('пример.рф').host).toBe('xn--e1afmkfd.xn--p1ai');
  });

  it('leaves an empty query to the validation of q', () => {
    expect(classifyQuery('   ')).toEqual({ kind: 'target' });
  });
});
