// Canonical values for blocklist entries, so that one site is one row and resolvers get what they expect.
import ipaddr from 'ipaddr.js';
import { domainToUnicode } from 'node:url';
import { CanonicaliseError, canonicaliseDomain, canonicaliseTarget } from './canonicalise.js';
import type { EntryKind } from './entry-kinds.js';

export interface CanonicalEntryValue {
  value: string;
  displayValue: string;
}

export class EntryValueError extends Error {}

/** ipaddr.js also reads `1.2.3` (as 1.2.0.3); in a list of addresses that is far likelier a typo than intended. */
const DOTTED_QUAD = /^\d{1,3}(\.\d{1,3}){3}$/;

/** Throws EntryValueError with a message an operator can act on. */
export function canonicaliseEntryValue(kind: EntryKind, raw: string): CanonicalEntryValue {
  const input = raw.trim();
  try {
    switch (kind) {
      case 'domain': {
        const value = canonicaliseDomain(input);
        return { value, displayValue: domainToUnicode(value) || value };
      }
      case 'url': {
        const target = canonicaliseTarget(input);
        if (!target.url) throw new EntryValueError(`"${input}" has no path: block the domain instead.`);
        return { value: target.url, displayValue: target.url.replace(target.host, target.displayHost) };
      }
      case 'ipv4':
      case 'ipv6': {
        if (kind === 'ipv4' && ipaddr.IPv4.isValid(input) && !DOTTED_QUAD.test(input)) {
          throw new EntryValueError(`"${input}" is not an IPv4 address written as four numbers (a.b.c.d).`);
        }
        if (!ipaddr.isValid(input)) throw new EntryValueError(`"${input}" is not an IP address.`);
        const address = ipaddr.parse(input);
        if (address.kind() !== kind) throw new EntryValueError(`"${input}" is not an ${kind} address.`);
        const value = address.toString();
        return { value, displayValue: value };
      }
      case 'cidr': {
        if (!ipaddr.isValidCIDR(input)) throw new EntryValueError(`"${input}" is not a CIDR block.`);
        const [address, prefix] = ipaddr.parseCIDR(input);
        const network =
          address.kind() === 'ipv4'
            ? ipaddr.IPv4.networkAddressFromCIDR(input)
            : ipaddr.IPv6.networkAddressFromCIDR(input);
        const value = `${network.toString()}/${prefix}`;
        if (network.toString() !== address.toString()) {
          throw new EntryValueError(`"${input}" has host bits set: did you mean ${value}?`);
        }
        return { value, displayValue: value };
      }
    }
  } catch (error) {
    if (error instanceof CanonicaliseError) throw new EntryValueError(`"${input}": ${error.message}`);
    throw error;
  }
}
