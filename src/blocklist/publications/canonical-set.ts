// The canonical set of a publication (the spec's `set.tsv`): one `${kind}\t${match}\t${value}\n` line per entry in force,
// sorted bytewise. Its SHA-256 is the set hash a manifest and a delta carry; a delta is the difference of two sets.
import canonicalize from 'canonicalize';
import { createHash } from 'node:crypto';
import type { EntryKind, MatchMode } from '../../domain-names/entry-kinds.js';

export interface SetEntry {
  kind: EntryKind;
  match: MatchMode;
  value: string;
}

export const canonicalLine = (entry: SetEntry): string => `${entry.kind}\t${entry.match}\t${entry.value}\n`;

/** Bytewise order of canonical lines (UTF-8 bytes, as `LC_ALL=C sort` and PostgreSQL's `COLLATE "C"` order them). */
export function compareEntries(a: SetEntry, b: SetEntry): number {
  return Buffer.compare(Buffer.from(canonicalLine(a)), Buffer.from(canonicalLine(b)));
}

/** SHA-256 (hex) of the set file of these entries, in any order given. */
export function setSha256(entries: Iterable<SetEntry>): string {
  const sorted = [...entries].sort(compareEntries);
  const hash = createHash('sha256');
  for (const entry of sorted) hash.update(canonicalLine(entry));
  return hash.digest('hex');
}

export interface BlocklistDelta {
  added: SetEntry[];
  from: number;
  fromSetSha256: string;
  removed: SetEntry[];
  to: number;
  toSetSha256: string;
  type: 'kz-crypto-registry/blocklist-delta';
  version: 1;
}

/**
 * The set difference of two snapshots given as the rows that changed between them: an entry removed and added again
 * (same kind, match and value) between the two is in neither list. Both lists in canonical order.
 */
export function netChanges(added: SetEntry[], removed: SetEntry[]): { added: SetEntry[]; removed: SetEntry[] } {
  const addedLines = new Set(added.map(canonicalLine));
  const removedLines = new Set(removed.map(canonicalLine));
  const only = (entries: SetEntry[], other: Set<string>) => {
    const seen = new Set<string>();
    return entries
      .filter((e) => {
        const line = canonicalLine(e);
        if (other.has(line) || seen.has(line)) return false;
        seen.add(line);
        return true;
      })
      .map(({ kind, match, value }) => ({ kind, match, value }))
      .sort(compareEntries);
  };
  return { added: only(added, removedLines), removed: only(removed, addedLines) };
}

/** The delta's bytes as served and signed: RFC 8785 canonical JSON, no trailing newline. */
export function deltaBytes(delta: BlocklistDelta): Buffer {
  return Buffer.from(canonicalize(delta) ?? '', 'utf8');
}

/** How many entries are serialised between two turns of the event loop. */
const CHUNK = 5000;
const yieldTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * `deltaBytes` of the delta whose lists are the net changes of `added` and `removed`, each given in canonical order (as
 * the database reads them): the same bytes, built a chunk of entries at a time with the event loop's turns between,
 * so that a large delta does not hold requests up. JSON.stringify of a string is RFC 8785's serialisation of it.
 */
export async function deltaBytesAsync(
  added: readonly SetEntry[],
  removed: readonly SetEntry[],
  head: Omit<BlocklistDelta, 'added' | 'removed'>,
): Promise<Buffer> {
  const addedLines = new Set(added.map(canonicalLine));
  const removedLines = new Set(removed.map(canonicalLine));
  const parts: string[] = [];
  const list = async (entries: readonly SetEntry[], other: Set<string>) => {
    let first = true;
    for (let i = 0; i < entries.length; i += 1) {
      const e = entries[i]!;
      if (!other.has(canonicalLine(e))) {
        parts.push(`${first ? '' : ','}{"kind":${JSON.stringify(e.kind)},"match":${JSON.stringify(e.match)},"value":${JSON.stringify(e.value)}}`);
        first = false;
      }
      if (i % CHUNK === CHUNK - 1) await yieldTurn();
    }
  };
  parts.push('{"added":[');
  await list(added, removedLines);
  parts.push(`],"from":${head.from},"fromSetSha256":${JSON.stringify(head.fromSetSha256)},"removed":[`);
  await list(removed, addedLines);
  parts.push(`],"to":${head.to},"toSetSha256":${JSON.stringify(head.toSetSha256)},"type":${JSON.stringify(head.type)},"version":${head.version}}`);
  return Buffer.from(parts.join(''), 'utf8');
}

/** Snapshot `from` with `delta` applied: what a client holding `from` computes. */
export function applyDelta(snapshot: Iterable<SetEntry>, delta: Pick<BlocklistDelta, 'added' | 'removed'>): SetEntry[] {
  const lines = new Map<string, SetEntry>();
  for (const entry of snapshot) lines.set(canonicalLine(entry), entry);
  for (const entry of delta.removed) lines.delete(canonicalLine(entry));
  for (const entry of delta.added) lines.set(canonicalLine(entry), entry);
  return [...lines.values()].sort(compareEntries);
}
