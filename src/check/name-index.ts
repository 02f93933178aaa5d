// Names as citizens type them (`OKX`, `Байбит`, `bybit kz`, `Коинбейс`), matched against every name, brand and alias
// of the firms, blocked entities and warnings, in memory.
import { foldName } from '../text/name-fold.js';

export type NameRecordType = 'firm' | 'blocked-entity' | 'warning';

export interface NamedRecord {
  recordType: NameRecordType;
  id: string;
  /** Every name the record goes by, as written. */
  names: string[];
}

export interface NameHit {
  recordType: NameRecordType;
  id: string;
  /** The record's name that matched, as written. */
  matched: string;
  /** 1: the same name once folded; 0.8: one edit away. */
  score: number;
}

/**
 * Words that say nothing about which firm is meant, as they fold (foldName): a citizen adds them (`bybit kz`,
 * `binance биржа`, `okx official app`), and firms carry them in their names (`Binance Kazakhstan`). Dropped from both
 * sides before comparing.
 */
const GENERIC_WORDS: ReadonlySet<string> = new Set([
  'kz', 'kaz', 'kazakhstan', 'qazaqstan', 'kazakstan', 'kazakhstane', 'qazaqstanda',
  'exchange', 'birzha', 'birzhasy', 'birzhi',
  'app', 'application', 'prilozhenie', 'qosymsha',
  'official', 'ofitsialnyi', 'ofitsialnaya', 'resmi',
  'site', 'website', 'sait', 'saity',
  'platform', 'platforma',
  'global', 'com', 'www',
]);

/** At least this many letters (folded, spaces aside) before a name is matched one edit away. */
const CLOSE_MIN_LENGTH = 5;
const EXACT = 1;
const CLOSE = 0.8;

/** The form two names are compared in: folded across scripts, generic words dropped (all kept if nothing else is left). */
export function nameKey(text: string): string {
  const words = foldName(text).split(' ').filter((w) => w !== '');
  const kept = words.filter((w) => !GENERIC_WORDS.has(w));
  return (kept.length > 0 ? kept : words).join(' ');
}

/** Edit distance with adjacent transpositions (optimal string alignment), given up past 1. */
function withinOneEdit(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (i === a.length && i === b.length) return true;
  const rest = (x: string, from: number) => x.slice(from);
  return (
    rest(a, i + 1) === rest(b, i + 1) || // substitution
    rest(a, i + 1) === rest(b, i) || // deletion from a
    rest(a, i) === rest(b, i + 1) || // insertion into a
    (a[i] === b[i + 1] && a[i + 1] === b[i] && rest(a, i + 2) === rest(b, i + 2)) // transposition
  );
}

interface Keyed {
  key: string;
  record: NamedRecord;
  matched: string;
}

export class NameIndex {
  private readonly exact = new Map<string, Keyed[]>();
  private readonly closeCandidates: Keyed[] = [];

  constructor(records: NamedRecord[]) {
    for (const record of records) {
      for (const name of record.names) {
        const key = nameKey(name);
        if (key === '') continue;
        const keyed = { key, record, matched: name };
        const same = this.exact.get(key);
        if (same) same.push(keyed);
        else this.exact.set(key, [keyed]);
        if (key.replaceAll(' ', '').length >= CLOSE_MIN_LENGTH) this.closeCandidates.push(keyed);
      }
    }
  }

  /**
   * The records a name means: those with a name equal once folded (score 1) or, when none, one edit away for names of
   * at least five letters (score 0.8). Each record once, with its first matching name.
   */
  find(text: string): NameHit[] {
    const key = nameKey(text);
    if (key === '') return [];
    const exact = this.exact.get(key);
    const hits = exact
      ? exact.map((k) => ({ k, score: EXACT }))
      : key.replaceAll(' ', '').length >= CLOSE_MIN_LENGTH
        ? this.closeCandidates.filter((k) => withinOneEdit(key, k.key)).map((k) => ({ k, score: CLOSE }))
        : [];
    const seen = new Set<string>();
    const out: NameHit[] = [];
    for (const { k, score } of hits) {
      const id = `${k.record.recordType}:${k.record.id}`;
      if (seen.has(id)) continue;
      seen.add(id);
      out.push({ recordType: k.record.recordType, id: k.record.id, matched: k.matched, score });
    }
    return out;
  }
}
