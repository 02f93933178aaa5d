// An in-memory picture of what the check needs (entries in force, official domains, blocked entities), kept current
// by applying each serial's changes, and looked up without touching the database: the check is the hottest public
// route, and it keeps answering while the database is away.
import type { BlockedEntityDto } from '../blocked-entities/blocked-entities.dto.js';
import type { EntryInForce } from '../blocklist/blocklist.read-model.js';
import { ancestorsOf, ancestorsWithin, type CanonicalTarget } from '../domain-names/canonicalise.js';
import type { OfficialDomain } from '../firms/official-domain.js';
import type { EntryIndex } from './entry-index.js';

/** The firms' part: each official domain → its record. Reloaded whole when firms change (they are few). */
export type OfficialDomainIndex = Map<string, OfficialDomain>;

/** The blocked entities' part, reloaded whole when they change (they are few). */
export interface BlockedEntityIndex {
  byId: Map<string, BlockedEntityDto>;
  /** Each domain a lifted block named → that block (the latest lifted, when several named it). */
  liftedDomains: Map<string, BlockedEntityDto>;
}

export interface CheckIndex {
  /** The blocklist serial the entries are at. */
  serial: number;
  /**
   * Counts every change of what answers rest on, firms and blocked entities included (which leave the serial as it
   * is): anything kept per answer (a cache) is good while this is the same.
   */
  generation: number;
  entries: EntryIndex;
  officialDomains: OfficialDomainIndex;
  blockedEntities: BlockedEntityIndex;
}

export function officialDomainIndex(officialDomains: OfficialDomain[]): OfficialDomainIndex {
  return new Map(officialDomains.map((official) => [official.domain, official]));
}

export function blockedEntityIndex(blockedEntities: BlockedEntityDto[]): BlockedEntityIndex {
  const liftedDomains = new Map<string, BlockedEntityDto>();
  const byLiftDate = blockedEntities
    .filter((e) => e.liftedOn !== null)
    .sort((a, b) => (a.liftedOn ?? '').localeCompare(b.liftedOn ?? ''));
  for (const lifted of byLiftDate) for (const domain of lifted.domains) liftedDomains.set(domain, lifted);
  return { byId: new Map(blockedEntities.map((e) => [e.id, e])), liftedDomains };
}

export type IndexMatch =
  | { kind: 'blocked'; via: 'domain' | 'url' | 'ip'; entry: EntryInForce; blockedEntity: BlockedEntityDto | null }
  | { kind: 'firm'; official: OfficialDomain }
  | { kind: 'lifted'; blockedEntity: BlockedEntityDto }
  | { kind: 'none' };

function findBlocked(index: CheckIndex, target: CanonicalTarget): IndexMatch | null {
  const { entries } = index;
  const blockedBy = (via: 'domain' | 'url' | 'ip', slot: number): IndexMatch => {
    const entry = entries.entry(slot);
    const blockedEntity = entry.blockedEntityId ? (index.blockedEntities.byId.get(entry.blockedEntityId) ?? null) : null;
    return { kind: 'blocked', via, entry, blockedEntity };
  };
  if (target.kind === 'domain') {
    for (const [depth, name] of ancestorsOf(target.host).entries()) {
      const slot = entries.findName(name);
      if (slot !== undefined && (depth === 0 || entries.isSubtree(slot))) return blockedBy('domain', slot);
    }
  } else {
    const slot = entries.findAddress(target.host);
    if (slot !== undefined) return blockedBy('ip', slot);
  }
  if (target.url) {
    const slot = entries.findUrl(target.url);
    if (slot !== undefined) return blockedBy('url', slot);
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
    const lifted = index.blockedEntities.liftedDomains.get(name);
    if (lifted) return { kind: 'lifted', blockedEntity: lifted };
  }
  return { kind: 'none' };
}
