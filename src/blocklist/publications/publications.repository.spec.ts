import { describe, expect, it } from '@jest/globals';
import { wholeLines } from './publications.repository.js';

describe('wholeLines', () => {
  it('keeps a character split across two network reads whole', () => {
    const text = Buffer.from('{"name":"Қазақстан"}\n{"name":"Бинанс"}\n');
    const cut = text.indexOf(Buffer.from('Қ')) + 1; // inside the two bytes of Қ
    const first = wholeLines(Buffer.alloc(0), text.subarray(0, cut));
    expect(first.lines).toEqual([]);
    const second = wholeLines(first.rest, text.subarray(cut));
    expect(second.lines).toEqual(['{"name":"Қазақстан"}', '{"name":"Бинанс"}']);
    expect(second.rest).toHaveLength(0);
  });

  it('holds back a line that has not ended', () => {
    const taken = wholeLines(Buffer.alloc(0), Buffer.from('a\nb\nc'));
    expect(taken.lines).toEqual(['a', 'b']);
    expect(taken.rest.toString()).toBe('c');
  });
});
