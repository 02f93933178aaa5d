import { describe, expect, it } from '@jest/globals';
import { isAdminPath } from './cors.js';

describe('isAdminPath', () => {
  it.each([
    ['/v1/admin', true],
    ['/v1/admin/api-keys', true],
    ['/v1/admin?x=1', true],
    ['/v1/administrators', false],
    ['/v1/check?q=/v1/admin', false],
    ['/', false],
  ])('%s: %s', (url, admin) => {
    expect(isAdminPath(url)).toBe(admin);
  });
});
