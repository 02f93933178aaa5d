import { describe, expect, it } from '@jest/globals';
import { NameTable } from './name-table.js';

// Two names with the same 32-bit FNV-1a hash: they share a chain.
const COLLIDING = ['c693596.example', 'c1170850.example'];

function tableOf(names: string[]): NameTable {
  const table = new NameTable();
  names.forEach((name, slot) => {
    table.holdText(slot, name);
    table.link(slot);
  });
  return table;
}

describe('NameTable', () => {
  it('finds each name it holds, by its text, and gives it back', () => {
    const table = tableOf(['bad.example', '2001:db8::1', ...COLLIDING, 'a'.repeat(253)]);
    expect(['bad.example', '2001:db8::1', ...COLLIDING, 'a'.repeat(253)].map((n) => table.find(n))).toEqual([0, 1, 2, 3, 4]);
    expect(table.name(3)).toBe('c1170850.example');
    expect(table.find('bad.exampl')).toBeUndefined();
    expect(table.find('пример.kz')).toBeUndefined();
  });

  it('keeps a name found only once linked, and unlinks either of two names that share a hash', () => {
    const table = tableOf(['first.example', ...COLLIDING, 'c0.example']);
    table.holdText(4, 'held.example');
    expect(table.find('held.example')).toBeUndefined();
    table.link(4);
    expect(table.find('held.example')).toBe(4);
    table.unlink(1); // the older of the chain
    expect([table.find(COLLIDING[0]!), table.find(COLLIDING[1]!)]).toEqual([undefined, 2]);
    table.holdText(1, COLLIDING[0]!);
    table.link(1);
    table.unlink(1); // now the newer, at the head
    expect([table.find(COLLIDING[0]!), table.find(COLLIDING[1]!)]).toEqual([undefined, 2]);
    table.unlink(2);
    expect(table.find(COLLIDING[1]!)).toBeUndefined();
    expect(table.find('first.example')).toBe(0);
  });

  it('grows past its first buffer and slot arrays', () => {
    const names = Array.from({ length: 5000 }, (_, i) => `name-${i}.example`);
    const table = tableOf(names);
    expect(names.every((n, i) => table.find(n) === i)).toBe(true);
    expect(table.name(4999)).toBe('name-4999.example');
  });
});
