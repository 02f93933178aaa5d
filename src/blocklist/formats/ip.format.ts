// Every blocked IPv4 and IPv6 address, one per line and nothing else (for a firewall set).
import { assertOneLine, type BlocklistFormat } from './blocklist-format.js';

export const IP_FORMAT: BlocklistFormat = {
  format: 'ip',
  fileName: 'ip.txt',
  mediaType: 'text/plain; charset=utf-8',
  kinds: ['ipv4', 'ipv6'],
  subtrees: false,
  header: () => '',
  line: (entry) => (entry.kind === 'ipv4' || entry.kind === 'ipv6' ? `${assertOneLine(entry.value)}\n` : ''),
  footer: () => '',
};
