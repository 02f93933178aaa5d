// The blocklist as a Response Policy Zone (draft-vixie-dnsop-dns-rpz), which BIND, Unbound and PowerDNS load natively.
import ipaddr from 'ipaddr.js';
import {
  assertDomainValue,
  type BlocklistFormat,
  coveredBySubtree,
  listedAsHostCidr,
  type PublicationContext,
  type PublishedEntry,
  provenanceComment,
} from './blocklist-format.js';

/**
 * A zone serial is 32 bits unsigned (RFC 1035), compared by RFC 1982 arithmetic, which holds while a step is below
 * 2^31: one registry serial per write stays far below both.
 */
const MAX_ZONE_SERIAL = 0xffff_ffff;
/** Longest name on the wire (RFC 1035, 3.1): a trigger is the name followed by the zone's own. */
const MAX_WIRE_NAME = 255;
/** Labels the RPZ reads as trigger types when they end a name, so a domain ending in one cannot be a QNAME trigger. */
const RPZ_TRIGGER_LABELS = new Set(['rpz-ip', 'rpz-nsip', 'rpz-nsdname', 'rpz-client-ip']);

/** `CNAME .` is the NXDOMAIN action. */
const NXDOMAIN = ' CNAME .\n';
const IP_TRIGGER_NXDOMAIN = `.rpz-ip${NXDOMAIN}`;

function wireLength(relativeName: string, zone: string): number {
  // Presentation `a.b` relative to `z.rpz`: the labels of both, each with its length byte, and the root's zero byte.
  return relativeName.length + 1 + zone.length + 2;
}

/** The reversed form of an address for an `rpz-ip` trigger: prefix length, then the address from its end. */
export function rpzIpTrigger(address: string, prefix: number): string {
  const parsed = ipaddr.parse(address);
  if (parsed.kind() === 'ipv4') return `${prefix}.${(parsed as ipaddr.IPv4).octets.toReversed().join('.')}`;
  const words = (parsed as ipaddr.IPv6).parts;
  // The longest run of two or more zero words, the first of equals (RFC 5952, 4.2.3), becomes `zz`: what BIND
  // writes back when it checks that a trigger is canonical.
  let bestAt = -1;
  let bestLength = 1;
  for (let at = 0; at < 8; ) {
    if (words[at] !== 0) {
      at++;
      continue;
    }
    let end = at;
    while (end < 8 && words[end] === 0) end++;
    if (end - at > bestLength) [bestAt, bestLength] = [at, end - at];
    at = end;
  }
  const labels = words.map((word) => word.toString(16));
  if (bestAt >= 0) labels.splice(bestAt, bestLength, 'zz');
  return `${prefix}.${labels.toReversed().join('.')}`;
}

function addressLine(entry: PublishedEntry, ctx: PublicationContext): string {
  const parsed = ipaddr.parse(entry.value);
  if (parsed.kind() !== entry.kind || parsed.toString() !== entry.value) {
    throw new Error(`Blocklist ${entry.kind} value "${entry.value}" is not canonical; refusing to render it.`);
  }
  // A cidr entry of this one address writes the same trigger, and a zone holds a record once.
  if (listedAsHostCidr(entry, ctx.hostCidrs)) return '';
  return rpzIpTrigger(entry.value, entry.kind === 'ipv4' ? 32 : 128) + IP_TRIGGER_NXDOMAIN;
}

function cidrLine(entry: PublishedEntry): string {
  const [address, prefix] = ipaddr.parseCIDR(entry.value);
  const network = address.kind() === 'ipv4' ? ipaddr.IPv4.networkAddressFromCIDR(entry.value) : ipaddr.IPv6.networkAddressFromCIDR(entry.value);
  if (`${network.toString()}/${prefix}` !== entry.value) {
    throw new Error(`Blocklist cidr value "${entry.value}" is not canonical; refusing to render it.`);
  }
  // Every address (a zero prefix) is no trigger in the draft, and BIND refuses it.
  if (prefix === 0) return `; not expressible as an RPZ trigger: ${entry.value}\n`;
  return rpzIpTrigger(network.toString(), prefix) + IP_TRIGGER_NXDOMAIN;
}

function domainLines(entry: PublishedEntry, ctx: PublicationContext): string {
  const name = assertDomainValue(entry.value);
  // Below a subtree entry the name is blocked already, and a record of its own would shadow the wildcard above it for
  // everything below it (a real BIND then resolves those names normally).
  if (coveredBySubtree(entry, ctx.subtreeDomains)) return '';
  if (RPZ_TRIGGER_LABELS.has(name.slice(name.lastIndexOf('.') + 1))) return `; not expressible as an RPZ trigger: ${name}\n`;
  if (wireLength(name, ctx.rpzZone) > MAX_WIRE_NAME) return `; too long for a trigger under ${ctx.rpzZone}: ${name}\n`;
  if (entry.match === 'exact') return name + NXDOMAIN;
  const wildcard = `*.${name}`;
  if (wireLength(wildcard, ctx.rpzZone) > MAX_WIRE_NAME) return `${name}${NXDOMAIN}; too long for a trigger under ${ctx.rpzZone}: ${wildcard}\n`;
  return name + NXDOMAIN + wildcard + NXDOMAIN;
}

export const RPZ_FORMAT: BlocklistFormat = {
  format: 'rpz',
  fileName: 'blocklist.rpz',
  mediaType: 'text/dns',
  kinds: ['cidr', 'domain', 'ipv4', 'ipv6'],
  subtrees: true,
  header(ctx) {
    if (!Number.isSafeInteger(ctx.serial) || ctx.serial < 0 || ctx.serial > MAX_ZONE_SERIAL) {
      throw new RangeError(`Serial ${ctx.serial} does not fit a zone's 32-bit SOA serial; refusing to render the RPZ.`);
    }
    const zone = assertDomainValue(ctx.rpzZone);
    // Owner names are relative, so the zone loads under whatever name the resolver gives it; the SOA and NS names are
    // absolute. Refresh, retry, expire and the negative TTL are conventional; the serial is the registry's.
    return (
      provenanceComment(ctx, ';') +
      '$TTL 300\n' +
      `@ SOA ${zone}. hostmaster.${zone}. ${ctx.serial} 3600 600 604800 300\n` +
      '@ NS localhost.\n'
    );
  },
  line(entry, ctx) {
    switch (entry.kind) {
      case 'domain':
        return domainLines(entry, ctx);
      case 'ipv4':
      case 'ipv6':
        return addressLine(entry, ctx);
      case 'cidr':
        return cidrLine(entry);
      case 'url':
        return '';
    }
  },
  footer: () => '',
};
