// An in-memory picture of what the check needs (entries in force, official domains), built from one snapshot and
// looked up without touching the database: the check is the hottest public route.
import ipaddr from 'ipaddr.js';
import type { BlockedEntityEntity } from '../blocked-entities/blocked-entity.entity.js';
import type { BlocklistEntryEntity } from '../blocklist/blocklist.entity.js';
import type { FirmEntity } from '../firms/firm.entity.js';
import type { SourceEmbedded } from '../platform/database/source.embedded.js';
import { ancestorsWithin, type CanonicalTarget } from './canonicalise.js';

export interface CheckIndex {
  serial: number;
  builtAt: number;
  domainEntries: Map<string, BlocklistEntryEntity>;
  urlEntries: BlocklistEntryEntity[];
  ipEntries: Map<string, BlocklistEntryEntity>;
  cidrEntries: { range: [ipaddr.IPv4 | ipaddr.IPv6, number]; entry: BlocklistEntryEntity }[];
  officialDomains: Map<string, FirmEntity>;
  blockedEntities: Map<string, BlockedEntityEntity>;
}

export interface IndexSnapshot {
  serial: number;
  entries: BlocklistEntryEntity[];
  firms: FirmEntity[];
  blockedEntities: BlockedEntityEntity[];
}

export function buildCheckIndex(snapshot: IndexSnapshot, now = Date.now()): CheckIndex {
  const index: CheckIndex = {
    serial: snapshot.serial,
    builtAt: now,
    domainEntries: new Map(),
    urlEntries: [],
    ipEntries: new Map(),
    cidrEntries: [],
    officialDomains: new Map(),
    blockedEntities: new Map(snapshot.blockedEntities.map((e) => [e.id, e])),
  };
  for (const entry of snapshot.entries) {
    switch (entry.kind) {
      case 'domain':
        index.domainEntries.set(entry.value, entry);
        break;
      case 'url':
        index.urlEntries.push(entry);
        break;
      case 'ipv4':
      case 'ipv6':
        index.ipEntries.set(entry.value, entry);
        break;
      case 'cidr':
        index.cidrEntries.push({ range: ipaddr.parseCIDR(entry.value), entry });
        break;
    }
  }
  for (const firm of snapshot.firms) {
    for (const domain of firm.domains) index.officialDomains.set(domain.domain, firm);
  }
  return index;
}

export type IndexMatch =
  | { kind: 'blocked'; via: 'domain' | 'url' | 'ip'; entry: BlocklistEntryEntity; blockedEntity: BlockedEntityEntity | null }
  | { kind: 'firm'; firm: FirmEntity; domain: string }
  | { kind: 'none' };

/** Strips the scheme so that a blocked URL matches over http and https alike. */
function withoutScheme(url: string): string {
  return url.replace(/^https?:\/\//, '');
}

function urlMatches(entry: BlocklistEntryEntity, url: string): boolean {
  const blocked = withoutScheme(entry.value);
  const candidate = withoutScheme(url);
  if (entry.match === 'exact') return candidate === blocked;
  // Subtree: the same path or below it, on a segment boundary.
  return candidate === blocked || candidate.startsWith(blocked.endsWith('/') ? blocked : `${blocked}/`);
}

function findBlocked(index: CheckIndex, target: CanonicalTarget): IndexMatch | null {
  const blockedBy = (via: 'domain' | 'url' | 'ip', entry: BlocklistEntryEntity): IndexMatch => ({
    kind: 'blocked',
    via,
    entry,
    blockedEntity: entry.blockedEntityId ? (index.blockedEntities.get(entry.blockedEntityId) ?? null) : null,
  });
  if (target.kind === 'domain') {
    const names = ancestorsWithin(target.host, target.registrableDomain);
    for (const [depth, name] of names.entries()) {
      const entry = index.domainEntries.get(name);
      if (entry && (depth === 0 || entry.match === 'subtree')) return blockedBy('domain', entry);
    }
  } else {
    const exact = index.ipEntries.get(target.host);
    if (exact) return blockedBy('ip', exact);
    const address = ipaddr.parse(target.host);
    for (const { range, entry } of index.cidrEntries) {
      if (address.kind() === range[0].kind() && address.match(range)) return blockedBy('ip', entry);
    }
  }
  if (target.url) {
    const url = target.url;
    const entry = index.urlEntries.find((e) => urlMatches(e, url));
    if (entry) return blockedBy('url', entry);
  }
  return null;
}

/** Blocked wins over licensed: an ISP blocks what is on the list whatever else is known. */
export function lookup(index: CheckIndex, target: CanonicalTarget): IndexMatch {
  const blocked = findBlocked(index, target);
  if (blocked) return blocked;
  if (target.kind === 'domain') {
    // An official domain covers its subdomains: the firm controls them.
    for (const name of ancestorsWithin(target.host, target.registrableDomain)) {
      const firm = index.officialDomains.get(name);
      if (firm) return { kind: 'firm', firm, domain: name };
    }
  }
  return { kind: 'none' };
}

export function sourcesOf(...sources: (SourceEmbedded | undefined)[]): SourceEmbedded[] {
  const seen = new Set<string>();
  return sources.filter((s): s is SourceEmbedded => {
    if (!s) return false;
    const key = `${s.url}|${s.document}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
