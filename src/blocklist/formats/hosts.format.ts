// The blocklist as a hosts file (/etc/hosts, or dnsmasq's addn-hosts), for hosts that run no resolver of their own.
import { assertDomainValue, type BlocklistFormat, provenanceComment } from './blocklist-format.js';

export const HOSTS_FORMAT: BlocklistFormat = {
  format: 'hosts',
  fileName: 'hosts',
  mediaType: 'text/plain; charset=utf-8',
  kinds: ['domain'],
  subtrees: false,
  note: 'A hosts file names single hosts, so a subtree entry blocks its own name only and not the names below it.',
  header: (ctx) => provenanceComment(ctx, '#'),
  line(entry) {
    if (entry.kind !== 'domain') return '';
    const name = assertDomainValue(entry.value);
    // Both families: with 0.0.0.0 alone an IPv6-only lookup finds nothing in the file and asks DNS for the real address.
    return `0.0.0.0 ${name}\n:: ${name}\n`;
  },
  footer: () => '',
};
