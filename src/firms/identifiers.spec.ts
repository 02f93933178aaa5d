import { describe, it, expect } from '@jest/globals';
import {
  DEMO_PREFIX,
  binCheckDigit,
  isDemoIdentifier,
  isPlausibleLicenceNumber,
  isValidBin,
  isValidBinOrDemo,
  isValidLei,
  isValidLeiOrDemo,
} from './identifiers.js';

// Real BINs from facts.md (verified there against the published algorithm).
const REAL_BINS = ['200240900095', '940140000385', '990140004654'];

// Real, publicly listed LEIs: Bloomberg Finance L.P., Deutsche Bank AG, Apple Inc.
const REAL_LEIS = ['5493001KJTIIGC8Y1R12', '7LTWFZYICNSX8D621K86', 'HWUPKR0MPOU8FGXBT394'];

function substitutions(value: string, alphabet: string, positions: number[]): string[] {
  const out: string[] = [];
  for (const i of positions) {
    for (const ch of alphabet) {
      if (ch !== value[i]) out.push(value.slice(0, i) + ch + value.slice(i + 1));
    }
  }
  return out;
}

function adjacentTranspositions(value: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < value.length - 1; i += 1) {
    if (value[i] === value[i + 1]) continue;
    out.push(value.slice(0, i) + value[i + 1] + value[i] + value.slice(i + 2));
  }
  return out;
}

const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i);

describe('binCheckDigit', () => {
  it.each(REAL_BINS)('computes the published check digit of %s', (bin) => {
    expect(binCheckDigit(bin.slice(0, 11))).toBe(Number(bin[11]));
  });

  it('falls back to the second weights (3..11,1,2) when the first sum is 10', () => {
    // 9*1+4*2+0+1*4+4*5+0+0+0+0+9*10+0 = 131, 131 mod 11 = 10; the second weights give 9.
    expect(binCheckDigit('94014000090')).toBe(9);
    expect(binCheckDigit('94014000091')).toBe(0);
  });

  it('returns null when both sums are 10: no check digit can make the number valid', () => {
    expect(binCheckDigit('00000000281')).toBeNull();
    expect(binCheckDigit('00000000362')).toBeNull();
    expect(binCheckDigit('00000000443')).toBeNull();
  });

  it('rejects anything but 11 ASCII digits as a programming error', () => {
    expect(() => binCheckDigit('2002409000')).toThrow(RangeError);
    expect(() => binCheckDigit('200240900095')).toThrow(RangeError);
    expect(() => binCheckDigit('20024090009a')).toThrow(RangeError);
    expect(() => binCheckDigit('')).toThrow(RangeError);
    expect(() => binCheckDigit('２００２４０９０００９')).toThrow(RangeError);
  });
});

describe('isValidBin', () => {
  it.each(REAL_BINS)('accepts the real BIN %s', (bin) => {
    expect(isValidBin(bin)).toBe(true);
  });

  it('accepts a BIN whose check digit comes from the second weights', () => {
    expect(isValidBin('940140000909')).toBe(true);
    expect(isValidBin('940140000910')).toBe(true);
  });

  it('rejects every other check digit', () => {
    for (const bin of REAL_BINS) {
      for (const mutated of substitutions(bin, '0123456789', [11])) {
        expect([mutated, isValidBin(mutated)]).toEqual([mutated, false]);
      }
    }
  });

  it('rejects every swap of two adjacent different digits in the real BINs', () => {
    for (const bin of REAL_BINS) {
      for (const mutated of adjacentTranspositions(bin)) {
        expect([mutated, isValidBin(mutated)]).toEqual([mutated, false]);
      }
    }
  });

  it('rejects single-digit changes in digits 1-10 except where the weighted sum wraps onto the second weights', () => {
    // The check is mod 11, so a changed digit can push the first sum to exactly 10 and hand the number to the second
    // weights, which can then agree with the old check digit. These two collisions are properties of the algorithm.
    const knownCollisions = new Set(['940140700385', '910140004654']);
    for (const bin of REAL_BINS) {
      for (const mutated of substitutions(bin, '0123456789', range(10))) {
        expect([mutated, isValidBin(mutated)]).toEqual([mutated, knownCollisions.has(mutated)]);
      }
    }
  });

  it('does not protect digit 11, whose first weight is 11 = 0 mod 11 (documents a weakness of the algorithm)', () => {
    expect(isValidBin('200240900005')).toBe(true);
    expect(isValidBin('200240900085')).toBe(true);
  });

  it('rejects numbers for which no check digit exists', () => {
    for (const d of '0123456789') expect(isValidBin(`00000000281${d}`)).toBe(false);
  });

  it.each([
    ['', 'empty'],
    ['20024090009', '11 digits'],
    ['2002409000950', '13 digits'],
    [' 200240900095', 'leading space'],
    ['200240900095 ', 'trailing space'],
    ['200240900095\n', 'trailing newline'],
    ['2002-4090-0095', 'separators'],
    ['20024090009A', 'a letter'],
    ['２００２４０９０００９５', 'full-width digits'],
    ['٢٠٠٢٤٠٩٠٠٠٩٥', 'Arabic-Indic digits'],
    ['+200240900095', 'a sign'],
    ['2.00240900095', 'a decimal point'],
    ['DEMO-200240900095', 'a demo prefix'],
  ])('rejects %j (%s)', (value) => {
    expect(isValidBin(value)).toBe(false);
  });
});

describe('isValidLei', () => {
  it.each(REAL_LEIS)('accepts the real LEI %s', (lei) => {
    expect(isValidLei(lei)).toBe(true);
  });

  it('rejects every digit-for-digit and letter-for-letter substitution of the real LEIs', () => {
    // Same-class substitutions change the expanded number by delta * 10^k with 0 < |delta| < 97, never a multiple
    // of the prime 97, so MOD 97-10 catches all of them.
    for (const lei of REAL_LEIS) {
      const digitPlaces = range(20).filter((i) => /[0-9]/.test(lei[i]!));
      const letterPlaces = range(20).filter((i) => /[A-Z]/.test(lei[i]!));
      const digits = substitutions(lei, '0123456789', digitPlaces);
      const letters = substitutions(lei, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', letterPlaces);
      expect(digits.length + letters.length).toBeGreaterThan(200);
      for (const mutated of [...digits, ...letters]) {
        expect([mutated, isValidLei(mutated)]).toEqual([mutated, false]);
      }
    }
  });

  it('misses only a few digit<->letter substitutions, which change the expanded length (a property of ISO 7064)', () => {
    const alphabet = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
    const passing = REAL_LEIS.flatMap((lei) => substitutions(lei, alphabet, range(20)).filter(isValidLei));
    expect(passing.sort()).toEqual(
      [
        '549300LKJTIIGC8Y1R12',
        '54930017JTIIGC8Y1R12',
        '5493001KJTIIGCEY1R12',
        '7LTWFZY3CNSX8D621K86',
        '7LTWFZYIC8SX8D621K86',
        '7LTWFZYICNSX8D6G1K86',
        'HWUP0R0MPOU8FGXBT394',
        'HWUPKRDMPOU8FGXBT394',
        'HWUPKR0MPOUAFGXBT394',
        'HWUPKR0MPOU8FGXBTI94',
      ].sort(),
    );
  });

  it('rejects every swap of two adjacent different characters in the real LEIs', () => {
    for (const lei of REAL_LEIS) {
      for (const mutated of adjacentTranspositions(lei)) {
        expect([mutated, isValidLei(mutated)]).toEqual([mutated, false]);
      }
    }
  });

  it('accepts a constructed all-digit LEI (the check is plain MOD 97-10, as in IBAN)', () => {
    // 18 zeros then 01: the number is 1, and 1 mod 97 = 1.
    expect(isValidLei('000000000000000000' + '01')).toBe(true);
    expect(isValidLei('000000000000000000' + '98')).toBe(true);
    expect(isValidLei('000000000000000000' + '02')).toBe(false);
  });

  it.each([
    ['', 'empty'],
    ['5493001kjtiigc8y1r12', 'lower case (GLEIF writes upper case only)'],
    ['5493001KJTIIGC8Y1R1', '19 characters'],
    ['5493001KJTIIGC8Y1R123', '21 characters'],
    ['5493001KJTIIGC8Y1RA2', 'a letter in the check digits'],
    [' 5493001KJTIIGC8Y1R12', 'leading space'],
    ['5493-001KJTIIGC8Y1R1', 'a hyphen'],
    ['5493001KJTIIGC8Y1R12\n', 'trailing newline'],
    ['5493001KJTİİGC8Y1R12', 'dotted capital I'],
    ['５493001KJTIIGC8Y1R12', 'a full-width digit'],
    ['DEMO-LEI-0001', 'a demo identifier'],
  ])('rejects %j (%s)', (value) => {
    expect(isValidLei(value)).toBe(false);
  });
});

describe('isDemoIdentifier', () => {
  it('uses the DEMO- prefix', () => {
    expect(DEMO_PREFIX).toBe('DEMO-');
  });

  it.each(['DEMO-1', 'DEMO-BIN-000001', 'DEMO-AFSA-A-LA-2099-0001', 'DEMO-LEI0001', `DEMO-${'A'.repeat(61)}`, 'DEMO-A-'])(
    'accepts %s',
    (value) => {
      expect(isDemoIdentifier(value)).toBe(true);
    },
  );

  it.each([
    ['', 'empty'],
    ['DEMO-', 'nothing after the prefix'],
    ['DEMO--1', 'a hyphen right after the prefix'],
    ['demo-1', 'lower-case prefix'],
    ['DEMO-abc', 'lower case after the prefix'],
    ['DEMO_1', 'underscore instead of hyphen'],
    ['XDEMO-1', 'text before the prefix'],
    [' DEMO-1', 'leading space'],
    ['DEMO-1\n', 'trailing newline'],
    ['DEMO-A/1', 'a slash'],
    ['DEMO-A.1', 'a dot'],
    [`DEMO-${'A'.repeat(62)}`, 'too long'],
    ['DEMO-ĞALAM', 'a non-ASCII letter'],
    ['200240900095', 'a real BIN'],
  ])('rejects %j (%s)', (value) => {
    expect(isDemoIdentifier(value)).toBe(false);
  });
});

describe('isPlausibleLicenceNumber', () => {
  it.each([
    'AFSA-A-LA-2023-0005',
    'AFSA-G-LA-2024-0012',
    'AFSA-X-LA-1999-9999', // the letter's meaning is undocumented, so any letter passes
    'ABC',
    'A/1',
    '12.34',
    'LIC/2024/0001',
    'NBK.1.2',
    'A'.repeat(64),
    'DEMO-AFSA-A-LA-2099-0001',
    'DEMO-1',
    `DEMO-${'A'.repeat(61)}`, // 66 characters: demo identifiers follow their own length limit
  ])('accepts %s', (value) => {
    expect(isPlausibleLicenceNumber(value)).toBe(true);
  });

  it.each([
    ['', 'empty'],
    ['AB', 'too short'],
    ['A-', 'too short and a trailing separator'],
    ['A'.repeat(65), 'too long'],
    ['afsa-a-la-2023-0005', 'lower case'],
    ['AFSA-a-LA-2023-0005', 'one lower-case part'],
    ['AFSA--A-LA-2023-0005', 'a doubled separator'],
    ['AFSA-/A', 'mixed doubled separators'],
    ['-AFSA-A', 'leading separator'],
    ['AFSA-A-', 'trailing separator'],
    ['AFSA A LA 2023 0005', 'spaces'],
    [' AFSA-A-LA-2023-0005', 'leading space'],
    ['AFSA-A-LA-2023-0005\n', 'trailing newline'],
    ['AFSA_A_LA', 'underscores'],
    ['AFSA-Ä-LA', 'a non-ASCII letter'],
    ['АФСА-А-ЛА', 'Cyrillic letters'],
    ['AFSA-A-LA-2023-0005#', 'a symbol'],
  ])('rejects %j (%s)', (value) => {
    expect(isPlausibleLicenceNumber(value)).toBe(false);
  });
});

describe('isValidBinOrDemo / isValidLeiOrDemo', () => {
  it('accept the real identifier or a demo one', () => {
    expect(isValidBinOrDemo('200240900095')).toBe(true);
    expect(isValidBinOrDemo('DEMO-BIN-000001')).toBe(true);
    expect(isValidLeiOrDemo('5493001KJTIIGC8Y1R12')).toBe(true);
    expect(isValidLeiOrDemo('DEMO-LEI-000001')).toBe(true);
  });

  it('reject invalid identifiers and malformed demo ones', () => {
    expect(isValidBinOrDemo('200240900096')).toBe(false);
    expect(isValidBinOrDemo('demo-1')).toBe(false);
    expect(isValidBinOrDemo('5493001KJTIIGC8Y1R12')).toBe(false);
    expect(isValidLeiOrDemo('5493001KJTIIGC8Y1R13')).toBe(false);
    expect(isValidLeiOrDemo('DEMO-')).toBe(false);
    expect(isValidLeiOrDemo('200240900095')).toBe(false);
  });
});
