// The blocklist as dnsmasq configuration lines, for `conf-file=` or a file in /etc/dnsmasq.d.
import { assertDomainValue, type BlocklistFormat, coveredBySubtree, provenanceComment } from './blocklist-format.js';

export const DNSMASQ_FORMAT: BlocklistFormat = {
  format: 'dnsmasq',
  fileName: 'dnsmasq.conf',
  mediaType: 'text/plain; charset=utf-8',
  kinds: ['domain'],
  subtrees: true,
  note: 'An exact name needs dnsmasq 2.86 or later, which reads the `server=/*.name/#` line that sends the names below it to the usual upstream servers.',
  header: (ctx) => provenanceComment(ctx, '#'),
  line(entry, ctx) {
    if (entry.kind !== 'domain') return '';
    const name = assertDomainValue(entry.value);
    // A `server=/*.name/#` below a subtree would send names the subtree blocks upstream again.
    if (coveredBySubtree(entry, ctx.subtreeDomains)) return '';
    // `address=/name/` with no address answers NXDOMAIN for the name and every name below it.
    const block = `address=/${name}/\n`;
    return entry.match === 'subtree' ? block : `${block}server=/*.${name}/#\n`;
  },
  footer: () => '',
};
