import { describe, expect, it } from '@jest/globals';
import { normaliseUrlPath } from './url-path.js';

describe('normaliseUrlPath', () => {
  it.each([
    ['/', '', '/'],
    ['/a/', '', '/a'],
    ['//a///b//', '', '/a/b'],
    ['/%75sdt', '', '/usdt'],
    ['/%7e%2D%2e%5F', '', '/~-._'],
    ['/a%2fb', '', '/a%2Fb'],
    ['/%d0%b0', '', '/%D0%B0'],
    ['/a;jsessionid=1/b;v=2', '', '/a/b'],
    ['/a', '?', '/a'],
    ['/a/', '?x=%41&y=%2f', '/a?x=A&y=%2F'],
  ])('normalises %j %j to %j', (pathname, search, expected) => {
    expect(normaliseUrlPath(pathname, search)).toBe(expected);
  });

  it('is stable: normalising twice changes nothing', () => {
    const once = normaliseUrlPath('//A/%62;c//d/', '?e=%66');
    expect(normaliseUrlPath(once.split('?')[0]!, `?${once.split('?')[1]}`)).toBe(once);
  });
});
