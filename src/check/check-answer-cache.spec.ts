import { describe, expect, it } from '@jest/globals';
import { CheckAnswerCache } from './check-answer-cache.js';

/** An answer that names the index it was computed on and counts how often it was computed. */
function counting() {
  let computed = 0;
  const compute = (index: { serial: number; name: string }, text: string) => () => `${index.name}@${index.serial}:${text}:${++computed}`;
  return { compute, count: () => computed };
}

describe('CheckAnswerCache', () => {
  it('computes an answer once per index, language and q', () => {
    const cache = new CheckAnswerCache(1024 * 1024);
    const { compute, count } = counting();
    const index = { serial: 3, name: 'a' };
    expect(cache.answer(index, 'en', 'x.example', compute(index, 'x'))).toBe('a@3:x:1');
    expect(cache.answer(index, 'en', 'x.example', compute(index, 'x'))).toBe('a@3:x:1');
    expect(cache.answer(index, 'kk', 'x.example', compute(index, 'x'))).toBe('a@3:x:2');
    expect(cache.answer(index, 'en', 'X.example', compute(index, 'x'))).toBe('a@3:x:3');
    expect(count()).toBe(3);
  });

  it('never answers from an index other than the one asked about: a new index or a new serial drops every answer', () => {
    const cache = new CheckAnswerCache(1024 * 1024);
    const { compute } = counting();
    const first = { serial: 3, name: 'a' };
    cache.answer(first, 'en', 'q', compute(first, 'q'));
    // A rebuild at the same serial (a firm changed: firms do not move the blocklist serial) is another index.
    const rebuilt = { serial: 3, name: 'b' };
    expect(cache.answer(rebuilt, 'en', 'q', compute(rebuilt, 'q'))).toBe('b@3:q:2');
    // The same object with a later serial (a change applied in place) counts as new too.
    const moved = rebuilt as { serial: number; name: string };
    moved.serial = 4;
    expect(cache.answer(moved, 'en', 'q', compute(moved, 'q'))).toBe('b@4:q:3');
    expect(cache.answer(moved, 'en', 'q', compute(moved, 'q'))).toBe('b@4:q:3');
  });

  it('keeps at most its size, dropping the least recently used answer first', () => {
    // Each answer below weighs 2 × (100 + 3) bytes; 500 bytes hold two.
    const cache = new CheckAnswerCache(500);
    const index = { serial: 1 };
    let computed = 0;
    const big = (tag: string) => () => (computed++, tag.repeat(100));
    cache.answer(index, 'en', 'a', big('a'));
    cache.answer(index, 'en', 'b', big('b'));
    cache.answer(index, 'en', 'a', big('a'));
    cache.answer(index, 'en', 'c', big('c'));
    expect(computed).toBe(3);
    cache.answer(index, 'en', 'a', big('a'));
    expect(computed).toBe(3);
    cache.answer(index, 'en', 'b', big('b'));
    expect(computed).toBe(4);
  });

  it('keeps nothing at size 0 (CHECK_ANSWER_CACHE_MB=0)', () => {
    const cache = new CheckAnswerCache(0);
    let computed = 0;
    for (let i = 0; i < 3; i++) cache.answer({ serial: 1 }, 'en', 'q', () => String(++computed));
    expect(computed).toBe(3);
  });
});
