import { describe, expect, it } from '@jest/globals';
import { parseDecimalInteger } from './decimal-integer.js';

describe('parseDecimalInteger', () => {
  it('reads decimal digits without a sign, spaces or leading zeros, within the safe integers', () => {
    expect(['0', '7', '42', '9007199254740991'].map(parseDecimalInteger)).toEqual([0, 7, 42, 9007199254740991]);
  });

  it('reads nothing else as a number', () => {
    const bad = ['', ' ', '1e3', '0x2', '+2', '-1', '02', '00', '2.0', ' 2', '2 ', '9007199254740992', 'abc', undefined, null, 2, ['2']];
    expect(bad.map(parseDecimalInteger)).toEqual(bad.map(() => null));
  });
});
