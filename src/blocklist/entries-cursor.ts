// The opaque cursor of `/v1/blocklist/entries`: the serial a listing is pinned to, its kind filter and the last key
// (added serial, id) of the page before. base64url JSON: opaque to clients, readable when debugging.
import { ENTRY_KINDS, type EntryKind } from '../domain-names/entry-kinds.js';

export interface EntriesCursor {
  serial: number;
  kind: EntryKind | null;
  afterSerial: number;
  afterId: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function encodeCursor(cursor: EntriesCursor): string {
  return Buffer.from(JSON.stringify({ v: 1, s: cursor.serial, k: cursor.kind, a: cursor.afterSerial, i: cursor.afterId })).toString('base64url');
}

/** The cursor `text` stands for, or null when it is not one this service wrote. */
export function decodeCursor(text: string): EntriesCursor | null {
  if (!/^[A-Za-z0-9_-]{1,400}$/.test(text)) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  if (!parsed || typeof parsed !== 'object') return null;
  const { v, s, k, a, i } = parsed as Record<string, unknown>;
  const serial = (n: unknown): n is number => typeof n === 'number' && Number.isSafeInteger(n) && n >= 0;
  if (v !== 1 || !serial(s) || !serial(a) || a > s || typeof i !== 'string' || !UUID.test(i)) return null;
  if (k !== null && !(ENTRY_KINDS as readonly unknown[]).includes(k)) return null;
  return { serial: s, kind: k as EntryKind | null, afterSerial: a, afterId: i };
}
