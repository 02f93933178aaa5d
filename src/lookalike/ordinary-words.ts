// English words, so that a candidate which is itself a word (finance.com beside binance) counts as weak evidence.
import { readFileSync } from 'node:fs';
import wordListPath from 'word-list';

let words: ReadonlySet<string> | null = null;

/**
 * The word list (about 274,000 words), read once per process on first use (about 30 ms, 20 MB): building a brand
 * index again (on every registry change) does not read it again.
 */
export function isOrdinaryWord(text: string): boolean {
  words ??= new Set(readFileSync(wordListPath, 'utf8').split('\n'));
  return words.has(text);
}
