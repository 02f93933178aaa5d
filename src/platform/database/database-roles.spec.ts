import { describe, expect, it } from '@jest/globals';
import { asRole } from './database-roles.js';

describe('asRole', () => {
  it('swaps the user and password of a URL, keeping host, port, database and options', () => {
    expect(asRole('postgres://postgres:secret@127.0.0.1:54329/registry?sslmode=disable', { name: 'registry_app', password: 'p' })).toBe(
      'postgres://registry_app:p@127.0.0.1:54329/registry?sslmode=disable',
    );
  });

  it('encodes what a URL cannot carry as is (a random password is base64url, an operator\'s may be anything)', () => {
    const url = asRole('postgres://u@db/registry', { name: 'we ird', password: 'p@ss/wo:rd#1' });
    expect(url).toBe('postgres://we%20ird:p%40ss%2Fwo%3Ard%231@db/registry');
    expect(decodeURIComponent(new URL(url).password)).toBe('p@ss/wo:rd#1');
  });
});
