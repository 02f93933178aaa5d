// English words, so that a candidate which is itself a word (finance.com beside binance) counts as weak evidence.
import { readFileSync } from 'node:fs';
import wordListPath from 'word-list';

interface WordList {
  text: string;
  /** Where each word starts in text; one more entry past the end. */
  starts: Uint32Array;
  /** Words the file lists out of order (a handful), which a binary search could miss. */
  unsorted: ReadonlySet<string>;
}

let list: WordList | null = null;

/**
 * The list (about 274,000 words, sorted, one a line) is kept as its text with the offsets of its lines and searched
 * by bisection: reading it takes about 20 ms once per process, where a Set of the words took 250 ms and 20 MB.
 */
function load(): WordList {
  const text = readFileSync(wordListPath, 'utf8');
  const offsets: number[] = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) offsets.push(i + 1);
  if (offsets.at(-1)! <= text.length) offsets.push(text.length + 1);
  const starts = Uint32Array.from(offsets);
  const unsorted = new Set<string>();
  let previous = '';
  for (let i = 0; i + 1 < starts.length; i++) {
    const word = text.slice(starts[i]!, starts[i + 1]! - 1);
    if (word <= previous) unsorted.add(word).add(previous);
    previous = word;
  }
  return { text, starts, unsorted };
}

export function isOrdinaryWord(candidate: string): boolean {
  list ??= load();
  if (list.unsorted.has(candidate)) return true;
  let lo = 0;
  let hi = list.starts.length - 2;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const word = list.text.slice(list.starts[mid]!, list.starts[mid + 1]! - 1);
    if (word === candidate) return true;
    if (word < candidate) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}
