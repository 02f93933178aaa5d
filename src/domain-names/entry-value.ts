// Canonical values for blocklist entries, so that one site is one row and resolvers get what they expect.
import ipaddr from 'ipaddr.js';
import { domainToUnicode } from 'node:url';
import { CanonicaliseError, canonicaliseDomain, canonicaliseTarget, isPublicSuffix, requireStorableHost } from './canonicalise.js';
import type { EntryKind } from './entry-kinds.js';

export interface CanonicalEntryValue {
  /** Usually the kind asked for; an IPv4-mapped IPv6 address or block is stored as the IPv4 it stands for. */
  kind: EntryKind;
  value: string;
  displayValue: string;
}

export class EntryValueError extends Error {}

/** ipaddr.js also reads `1.2.3` (as 1.2.0.3); in a list of addresses that is far likelier a typo than intended. */
const DOTTED_QUAD = /^\d{1,3}(\.\d{1,3}){3}$/;

function unmapped(address: ipaddr.IPv4 | ipaddr.IPv6): ipaddr.IPv4 | ipaddr.IPv6 {
  return address.kind() === 'ipv6' && (address as ipaddr.IPv6).isIPv4MappedAddress()
    ? (address as ipaddr.IPv6).toIPv4Address()
    : address;
}

/** The Unicode form of a canonical name: itself unless a label is an A-label (`xn--`), which only Unicode spells. */
function unicodeOf(host: string): string {
  return host.includes('xn--') ? domainToUnicode(host) || host : host;
}

/** Throws EntryValueError with a message an operator can act on. */
export function canonicaliseEntryValue(kind: EntryKind, raw: string): CanonicalEntryValue {
  const input = raw.trim();
  try {
    switch (kind) {
      case 'domain': {
        const value = canonicaliseDomain(input);
        if (isPublicSuffix(value)) {
          throw new EntryValueError(
            `"${input}" is a public suffix (on the Public Suffix List): many owners have sites under it, so it cannot be blocked as one site.`,
          );
        }
        return { kind, value, displayValue: unicodeOf(value) };
      }
      case 'url': {
        const target = canonicaliseTarget(input);
        if (!target.url) throw new EntryValueError(`"${input}" has no path: block the domain instead.`);
        if (target.kind === 'domain') requireStorableHost(target.host);
        return { kind, value: target.url, displayValue: target.url.replace(target.host, target.displayHost) };
      }
      case 'ipv4':
      case 'ipv6': {
        if (kind === 'ipv4' && ipaddr.IPv4.isValid(input) && !DOTTED_QUAD.test(input)) {
          throw new EntryValueError(`"${input}" is not an IPv4 address written as four numbers (a.b.c.d).`);
        }
        if (!ipaddr.isValid(input)) throw new EntryValueError(`"${input}" is not an IP address.`);
        const address = unmapped(ipaddr.parse(input));
        // Asked as IPv6, `::ffff:192.0.2.10` is the IPv4 address 192.0.2.10 and is stored (and matched) as that.
        const mappedFromV6 = kind === 'ipv6' && address.kind() === 'ipv4' && ipaddr.IPv6.isValid(input);
        if (address.kind() !== kind && !mappedFromV6) throw new EntryValueError(`"${input}" is not an ${kind} address.`);
        const value = address.toString();
        return { kind: address.kind(), value, displayValue: value };
      }
      case 'cidr': {
        if (!ipaddr.isValidCIDR(input)) throw new EntryValueError(`"${input}" is not a CIDR block.`);
        const [address, prefix] = ipaddr.parseCIDR(input);
        const network =
          address.kind() === 'ipv4'
            ? ipaddr.IPv4.networkAddressFromCIDR(input)
            : ipaddr.IPv6.networkAddressFromCIDR(input);
        const written = `${network.toString()}/${prefix}`;
        if (network.toString() !== address.toString()) {
          throw new EntryValueError(`"${input}" has host bits set: did you mean ${written}?`);
        }
        // `::ffff:192.0.2.0/120` is the IPv4 block 192.0.2.0/24.
        const mapped = network.kind() === 'ipv6' && (network as ipaddr.IPv6).isIPv4MappedAddress() && prefix >= 96;
        const value = mapped ? `${(network as ipaddr.IPv6).toIPv4Address().toString()}/${prefix - 96}` : written;
        return { kind, value, displayValue: value };
      }
    }
  } catch (error) {
    if (error instanceof CanonicaliseError) throw new EntryValueError(`"${input}": ${error.message}`);
    throw error;
  }
}
