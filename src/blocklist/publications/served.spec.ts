import { describe, expect, it } from '@jest/globals';
import { noneMatch, preferredEncoding } from './served.js';

describe('noneMatch', () => {
  it.each([
    ['"abc"', true],
    ['W/"abc"', true],
    ['"x", "abc"', true],
    ['*', true],
    ['"abcd"', false],
    ['abc', false],
  ])('If-None-Match %s against "abc": %s', (header, expected) => {
    expect(noneMatch(header, '"abc"')).toBe(expected);
  });

  it('is false without the header', () => {
    expect(noneMatch(undefined, '"abc"')).toBe(false);
  });
});

describe('preferredEncoding', () => {
  it.each([
    ['gzip, br', 'br'],
    ['gzip', 'gzip'],
    ['br;q=0.5, gzip', 'gzip'],
    ['identity', 'identity'],
    [undefined, 'identity'],
    ['deflate', 'identity'],
    ['identity;q=0, gzip', 'gzip'],
    ['*;q=0, identity', 'identity'],
    ['identity;q=0', null],
    ['*;q=0', null],
  ])('Accept-Encoding %s: %s', (header, expected) => {
    expect(preferredEncoding(header)).toBe(expected);
  });
});
