// The blocklist as Unbound `local-zone` lines, to include in unbound.conf (Unbound also loads the RPZ natively).
import { assertDomainValue, type BlocklistFormat, coveredBySubtree, provenanceComment } from './blocklist-format.js';

export const UNBOUND_FORMAT: BlocklistFormat = {
  format: 'unbound',
  fileName: 'unbound.conf',
  mediaType: 'text/plain; charset=utf-8',
  kinds: ['domain'],
  subtrees: true,
  note: 'An exact name answers 0.0.0.0 and :: (no data for other types) rather than NXDOMAIN, since an Unbound local zone that answers NXDOMAIN covers every name below it too; Unbound 1.10 and later also load blocklist.rpz, which answers NXDOMAIN.',
  // `server:` first, so the file may be included anywhere in unbound.conf, after another clause too.
  header: (ctx) => `${provenanceComment(ctx, '#')}server:\n`,
  line(entry, ctx) {
    if (entry.kind !== 'domain') return '';
    const name = assertDomainValue(entry.value);
    // Unbound answers from the closest local zone, so a zone below a subtree's would reopen the names below it.
    if (coveredBySubtree(entry, ctx.subtreeDomains)) return '';
    if (entry.match === 'subtree') return `local-zone: "${name}." always_nxdomain\n`;
    // A transparent zone answers its own name from local-data and resolves every name below it as usual.
    return `local-zone: "${name}." transparent\nlocal-data: "${name}. A 0.0.0.0"\nlocal-data: "${name}. AAAA ::"\n`;
  },
  footer: () => '',
};
