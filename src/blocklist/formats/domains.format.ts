// Every blocked domain, one per line and nothing else, for tools that read a plain list.
import { assertDomainValue, type BlocklistFormat } from './blocklist-format.js';

export const DOMAINS_FORMAT: BlocklistFormat = {
  format: 'domains',
  fileName: 'domains.txt',
  mediaType: 'text/plain; charset=utf-8',
  kinds: ['domain'],
  subtrees: false,
  note: 'A plain list does not say which names also block the names below them: the resolver files, the CSV and the NDJSON do.',
  header: () => '',
  line: (entry) => (entry.kind === 'domain' ? `${assertDomainValue(entry.value)}\n` : ''),
  footer: () => '',
};
