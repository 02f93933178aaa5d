import { describe, expect, it } from '@jest/globals';
import { negotiateLang, parseLang } from './languages.js';

describe('parseLang', () => {
  it.each([
    ['kk', 'kk'],
    ['KK', 'kk'],
    ['kk-KZ', 'kk'],
    ['kk-Cyrl-KZ', 'kk'],
    ['ru_RU', 'ru'],
    [' EN-gb ', 'en'],
    ['kz', undefined],
    ['de', undefined],
    ['', undefined],
    ['*', undefined],
    [undefined, undefined],
  ])('%p → %p', (tag, expected) => {
    expect(parseLang(tag)).toBe(expected);
  });
});

describe('negotiateLang', () => {
  it('takes a supported lang over Accept-Language', () => {
    expect(negotiateLang('RU', 'kk')).toBe('ru');
  });

  it('passes over an unsupported lang to Accept-Language, then English, as for an absent one', () => {
    expect(negotiateLang('de', 'kk-KZ,en;q=0.5')).toBe('kk');
    expect(negotiateLang('de', undefined)).toBe('en');
    expect(negotiateLang(undefined, 'de-DE,fr;q=0.8')).toBe('en');
    expect(negotiateLang(undefined, undefined)).toBe('en');
  });

  it('gives `*` the fallback, and follows q-values', () => {
    expect(negotiateLang(undefined, '*')).toBe('en');
    expect(negotiateLang(undefined, 'en;q=0.1, ru;q=0.9')).toBe('ru');
  });
});
