// An in-memory picture of what the check needs (entries in force, official domains), built from one snapshot and
// looked up without touching the database: the check is the hottest public route.
import ipaddr from 'ipaddr.js';
import type { BlockedEntityDto } from '../blocked-entities/blocked-entities.dto.js';
import type { EntryInForce } from '../blocklist/blocklist.read-model.js';
import { ancestorsOf, ancestorsWithin, type CanonicalTarget } from '../domain-names/canonicalise.js';
import type { OfficialDomain } from '../firms/official-domain.js';

export interface CheckIndex {
  serial: number;
  builtAt: number;
  domainEntries: Map<string, EntryInForce>;
  urlEntries: EntryInForce[];
  ipEntries: Map<string, EntryInForce>;
  cidrEntries: { range: [ipaddr.IPv4 | ipaddr.IPv6, number]; entry: EntryInForce }[];
  officialDomains: Map<string, OfficialDomain>;
  blockedEntities: Map<string, BlockedEntityDto>;
  /** Each domain a lifted block named → that block (the latest lifted, when several named it). */
  liftedDomains: Map<string, BlockedEntityDto>;
}

export interface IndexSnapshot {
  serial: number;
  entries: EntryInForce[];
  officialDomains: OfficialDomain[];
  /** The blocked entities the entries name. */
  blockedEntities: BlockedEntityDto[];
  /** Lifted blocks that named domains. */
  liftedBlocks: BlockedEntityDto[];
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
    liftedDomains: new Map(),
  };
  const byLiftDate = [...snapshot.liftedBlocks].sort((a, b) => (a.liftedOn ?? '').localeCompare(b.liftedOn ?? ''));
  for (const lifted of byLiftDate) for (const domain of lifted.domains) index.liftedDomains.set(domain, lifted);
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
  for (const official of snapshot.officialDomains) index.officialDomains.set(official.domain, official);
  return index;
}

export type IndexMatch =
  | { kind: 'blocked'; via: 'domain' | 'url' | 'ip'; entry: EntryInForce; blockedEntity: BlockedEntityDto | null }
  | { kind: 'firm'; official: OfficialDomain }
  | { kind: 'lifted'; blockedEntity: BlockedEntityDto }
  | { kind: 'none' };

/** Strips the scheme so that a blocked URL matches over http and https alike. */
function withoutScheme(url: string): string {
  return url.replace(/^https?:\/\//, '');
}

function splitQuery(url: string): [path: string, query: string | null] {
  const mark = url.indexOf('?');
  return mark === -1 ? [url, null] : [url.slice(0, mark), url.slice(mark + 1)];
}

/**
 * Both sides are normalised (domain-names/url-path.ts). An entry without a query covers its path with any query; an
 * entry with one covers only that query. Subtree: the path or below it, on a segment boundary.
 */
function urlMatches(entry: EntryInForce, url: string): boolean {
  const [blockedPath, blockedQuery] = splitQuery(withoutScheme(entry.value));
  const [path, query] = splitQuery(withoutScheme(url));
  if (blockedQuery !== null) return path === blockedPath && query === blockedQuery;
  if (path === blockedPath) return true;
  return entry.match === 'subtree' && path.startsWith(blockedPath.endsWith('/') ? blockedPath : `${blockedPath}/`);
}

function findBlocked(index: CheckIndex, target: CanonicalTarget): IndexMatch | null {
  const blockedBy = (via: 'domain' | 'url' | 'ip', entry: EntryInForce): IndexMatch => ({
    kind: 'blocked',
    via,
    entry,
    blockedEntity: entry.blockedEntityId ? (index.blockedEntities.get(entry.blockedEntityId) ?? null) : null,
  });
  if (target.kind === 'domain') {
    for (const [depth, name] of ancestorsOf(target.host).entries()) {
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

/**
 * Blocked wins over licensed: an ISP blocks what is on the list whatever else is known. A firm's record wins over a
 * block lifted in the past, which is said only when nothing else is known.
 */
export function lookup(index: CheckIndex, target: CanonicalTarget): IndexMatch {
  const blocked = findBlocked(index, target);
  if (blocked) return blocked;
  if (target.kind !== 'domain') return { kind: 'none' };
  // An official domain covers its subdomains (the firm controls them), as a lifted block covered them.
  const names = ancestorsWithin(target.host, target.registrableDomain);
  for (const name of names) {
    const official = index.officialDomains.get(name);
    if (official) return { kind: 'firm', official };
  }
  for (const name of names) {
    const lifted = index.liftedDomains.get(name);
    if (lifted) return { kind: 'lifted', blockedEntity: lifted };
  }
  return { kind: 'none' };
}
