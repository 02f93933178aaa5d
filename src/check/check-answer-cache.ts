// The check's answers as JSON text, kept per index: a repeated question (the same q in the same language) is answered
// without canonicalising, matching, wording and serialising it again. An answer is kept only for the very index it was
// computed on: when the index is replaced (a rebuild, a change applied) or its serial moves, every answer goes at
// once, so no answer is ever older than the index the request reads.
import { LRUCache } from 'lru-cache';
import type { Lang } from '../platform/i18n/languages.js';

/** What the cache needs of an index: its serial; any other change must come as a new index object. */
export interface AnsweredIndex {
  readonly serial: number;
}

export class CheckAnswerCache {
  private readonly answers: LRUCache<string, string> | null;
  /** The index the kept answers were computed on; weak, so a replaced index is not held by its answers. */
  private owner: WeakRef<AnsweredIndex> | null = null;
  private ownerSerial = Number.NaN;

  /** `maxBytes`: the answers kept at most, by their size (least recently used go first); 0 keeps none. */
  constructor(maxBytes: number) {
    // Strings are counted at two bytes a character (V8 keeps Cyrillic text that way).
    this.answers = maxBytes > 0 ? new LRUCache({ maxSize: maxBytes, sizeCalculation: (answer, key) => 2 * (answer.length + key.length) }) : null;
  }

  /**
   * The answer to `q` in `lang` on `index`, computed by `compute` unless it is kept. The key is the question as asked
   * (q trimmed, the negotiated language), not the canonical target: the answer repeats q (`query`), and skipping
   * canonicalisation on a repeated question is part of the point.
   */
  /** The answer to `q` in `lang` if it is kept for `index`, without computing one. */
  kept(index: AnsweredIndex, lang: Lang, q: string): string | undefined {
    if (!this.answers || this.owner?.deref() !== index || this.ownerSerial !== index.serial) return undefined;
    return this.answers.get(lang + q);
  }

  answer(index: AnsweredIndex, lang: Lang, q: string, compute: () => string): string {
    if (!this.answers) return compute();
    if (this.owner?.deref() !== index || this.ownerSerial !== index.serial) {
      this.answers.clear();
      this.owner = new WeakRef(index);
      this.ownerSerial = index.serial;
    }
    // The language is two letters: `lang + q` cannot collide.
    const key = lang + q;
    let answer = this.answers.get(key);
    if (answer === undefined) {
      answer = compute();
      this.answers.set(key, answer);
    }
    return answer;
  }
}
