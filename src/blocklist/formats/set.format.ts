// The canonical set: one `kind<TAB>match<TAB>value` line per entry in force, sorted bytewise. Its SHA-256 is the set
// hash every manifest and delta carries, so a client can rebuild and check the set from any other format's data.
import { assertOneLine, type BlocklistFormat, type PublishedEntry } from './blocklist-format.js';

/** The canonical line of an entry: the unit the set hash, the deltas and the sort order are made of. */
export function canonicalLine(entry: Pick<PublishedEntry, 'kind' | 'match' | 'value'>): string {
  return `${entry.kind}\t${entry.match}\t${assertOneLine(entry.value)}\n`;
}

export const SET_FORMAT: BlocklistFormat = {
  format: 'set',
  fileName: 'set.tsv',
  mediaType: 'text/tab-separated-values; charset=utf-8',
  kinds: ['cidr', 'domain', 'ipv4', 'ipv6', 'url'],
  subtrees: true,
  header: () => '',
  line: (entry) => canonicalLine(entry),
  footer: () => '',
};
