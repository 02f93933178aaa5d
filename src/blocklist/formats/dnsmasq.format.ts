// The blocklist as dnsmasq configuration lines, for `conf-file=` or a file in /etc/dnsmasq.d.
import { assertDomainValue, assertOneLine, type BlocklistFormat, coveredBySubtree, listedAsHostCidr, provenanceComment } from './blocklist-format.js';

export const DNSMASQ_FORMAT: BlocklistFormat = {
  format: 'dnsmasq',
  fileName: 'dnsmasq.conf',
  mediaType: 'text/plain; charset=utf-8',
  kinds: ['cidr', 'domain', 'ipv4', 'ipv6'],
  subtrees: true,
  note: 'Written for dnsmasq 2.86 or later (checked with 2.90), whose `server=/*.name/#` line sends the names below an exact name to the usual upstream servers and whose `bogus-nxdomain` takes address blocks.',
  header: (ctx) => provenanceComment(ctx, '#'),
  line(entry, ctx) {
    switch (entry.kind) {
      case 'domain': {
        const name = assertDomainValue(entry.value);
        // A `server=/*.name/#` below a subtree would send names the subtree blocks upstream again.
        if (coveredBySubtree(entry, ctx.subtreeDomains)) return '';
        // `address=/name/` with no address answers NXDOMAIN for the name and every name below it.
        const block = `address=/${name}/\n`;
        return entry.match === 'subtree' ? block : `${block}server=/*.${name}/#\n`;
      }
      // An upstream answer holding a blocked address (or one in a blocked block) becomes NXDOMAIN, as an rpz-ip trigger.
      case 'ipv4':
      case 'ipv6':
        return listedAsHostCidr(entry, ctx.hostCidrs) ? '' : `bogus-nxdomain=${assertOneLine(entry.value)}\n`;
      case 'cidr':
        return `bogus-nxdomain=${assertOneLine(entry.value)}\n`;
      case 'url':
        return '';
    }
  },
  footer: () => '',
};
