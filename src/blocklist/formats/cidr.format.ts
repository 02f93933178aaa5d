// Every blocked address range in CIDR notation, one per line and nothing else (for a firewall set).
import { assertOneLine, type BlocklistFormat } from './blocklist-format.js';

export const CIDR_FORMAT: BlocklistFormat = {
  format: 'cidr',
  fileName: 'cidr.txt',
  mediaType: 'text/plain; charset=utf-8',
  kinds: ['cidr'],
  subtrees: false,
  header: () => '',
  line: (entry) => (entry.kind === 'cidr' ? `${assertOneLine(entry.value)}\n` : ''),
  footer: () => '',
};
