import { describe, expect, it } from '@jest/globals';
import { allVersions, fromStoredOptional, inLang, localisedText, toStoredOptional } from './localised-text.js';

const law = { en: 'Law "On Digital Assets", Art. 11(5)', ru: 'Закон «О цифровых активах», п. 5 ст. 11', kk: null };

describe('inLang', () => {
  it('gives the version in the language asked for', () => {
    expect(inLang(law, 'ru')).toBe('Закон «О цифровых активах», п. 5 ст. 11');
    expect(inLang(law, 'en')).toBe('Law "On Digital Assets", Art. 11(5)');
  });

  it('falls back to English where the record has no version in that language', () => {
    expect(inLang(law, 'kk')).toBe('Law "On Digital Assets", Art. 11(5)');
  });
});

describe('localisedText and the optional stored form', () => {
  it('fills missing languages with null', () => {
    expect(localisedText({ en: 'Coinbase' })).toEqual({ en: 'Coinbase', ru: null, kk: null });
  });

  it('stores an absent text as three nulls and reads it back as null', () => {
    expect(toStoredOptional(null)).toEqual({ en: null, ru: null, kk: null });
    expect(fromStoredOptional({ en: null, ru: null, kk: null })).toBeNull();
    expect(fromStoredOptional(toStoredOptional(law))).toEqual(law);
  });

  it('lists the versions present, English first', () => {
    expect(allVersions(law)).toEqual([law.en, law.ru]);
    expect(allVersions(null)).toEqual([]);
  });
});
