// An in-memory picture of what the check needs (entries in force, official domains, blocked entities), kept current
// by applying each serial's changes, and looked up without touching the database: the check is the hottest public
// route, and it keeps answering while the database is away.
import type { BlockedEntityDto } from '../blocked-entities/blocked-entities.dto.js';
import type { EntryInForce } from '../blocklist/blocklist.read-model.js';
import { ancestorsOf, ancestorsWithin, type CanonicalTarget } from '../domain-names/canonicalise.js';
import type { FirmView, OfficialDomain } from '../firms/official-domain.js';
import type { WarningDto } from '../warnings/warnings.dto.js';
import { foldName } from '../text/name-fold.js';
import type { EntryIndex } from './entry-index.js';
import { type Brand, type BrandIndex, buildBrandIndex } from '../lookalike/lookalike.js';
import { type NamedRecord, NameIndex } from './name-index.js';

/** The firms' part: each official domain → its record. Reloaded whole when firms change (they are few). */
export type OfficialDomainIndex = Map<string, OfficialDomain>;

/** The blocked entities' part, reloaded whole when they change (they are few). */
export interface BlockedEntityIndex {
  byId: Map<string, BlockedEntityDto>;
  /** Each domain a lifted block named → that block (the latest lifted, when several named it). */
  liftedDomains: Map<string, BlockedEntityDto>;
}

/** The firms' part: official domains, and every firm by id (for name queries). Reloaded whole when firms change. */
export interface FirmIndex {
  officialDomains: OfficialDomainIndex;
  byId: Map<string, FirmView>;
}

/** The warnings' part, reloaded whole when they change (they are few). Withdrawn warnings are not in it. */
export interface WarningIndex {
  byId: Map<string, WarningDto>;
  /** Each domain a warning in force names → that warning (the latest issued, when several name it). */
  byDomain: Map<string, WarningDto>;
}

/** What is derived from the three parts together: names for name queries, brands for look-alikes. */
export interface NamesAndBrands {
  names: NameIndex;
  brands: BrandIndex;
}

export interface CheckIndex {
  /** The blocklist serial the entries are at. */
  serial: number;
  entries: EntryIndex;
  firms: FirmIndex;
  blockedEntities: BlockedEntityIndex;
  warnings: WarningIndex;
  /** Rebuilt whenever firms, blocked entities or warnings are reloaded. */
  derived: NamesAndBrands;
}

export function firmIndex(firms: FirmView[], officialDomains: OfficialDomain[]): FirmIndex {
  return { officialDomains: new Map(officialDomains.map((official) => [official.domain, official])), byId: new Map(firms.map((f) => [f.id, f])) };
}

export function warningIndex(warnings: WarningDto[]): WarningIndex {
  const inForce = warnings.filter((w) => w.withdrawnOn === null);
  const byDomain = new Map<string, WarningDto>();
  const byDate = [...inForce].sort((a, b) => (a.issuedOn ?? '').localeCompare(b.issuedOn ?? ''));
  for (const warning of byDate) for (const domain of warning.domains) byDomain.set(domain, warning);
  return { byId: new Map(inForce.map((w) => [w.id, w])), byDomain };
}

/**
 * Names and brands from the three parts: every name, brand and alias of each firm, blocked entity and warning in
 * force; a brand for each firm with a licence in force or suspended, each block in force and each brand a warning
 * names (with the warning's domains that carry the brand's name, or all of them when none does).
 */
export function namesAndBrands(firms: FirmIndex, blockedEntities: BlockedEntityIndex, warnings: WarningIndex): NamesAndBrands {
  const records: NamedRecord[] = [];
  const brands: Brand[] = [];
  for (const firm of firms.byId.values()) {
    const names = [firm.names.en, firm.names.ru, firm.names.kk, ...firm.brands, ...firm.aliases].filter((n): n is string => Boolean(n));
    records.push({ recordType: 'firm', id: firm.id, names });
    if (firm.licensingStatus === 'not-licensed') continue;
    const [name = firm.names.en, ...others] = firm.brands;
    brands.push({ id: `firm:${firm.id}`, name, aliases: [...others, ...names.filter((n) => n !== name)], officialDomains: firm.domains, kind: 'licensed', recordType: 'firm', recordId: firm.id });
  }
  for (const entity of blockedEntities.byId.values()) {
    const names = [entity.name.en, entity.name.ru, entity.name.kk, ...entity.aliases].filter((n): n is string => Boolean(n));
    records.push({ recordType: 'blocked-entity', id: entity.id, names });
    if (entity.liftedOn !== null) continue;
    brands.push({ id: `blocked-entity:${entity.id}`, name: entity.name.en, aliases: names.slice(1), officialDomains: entity.domains, kind: 'blocked', recordType: 'blocked-entity', recordId: entity.id });
  }
  for (const warning of warnings.byId.values()) {
    records.push({ recordType: 'warning', id: warning.id, names: [...warning.brands, ...warning.aliases] });
    for (const [i, brand] of warning.brands.entries()) {
      const word = foldName(brand).replaceAll(' ', '');
      const own = warning.domains.filter((d) => word !== '' && d.includes(word));
      brands.push({ id: `warning:${warning.id}:${i}`, name: brand, aliases: [], officialDomains: own.length > 0 ? own : warning.domains, kind: 'warned', recordType: 'warning', recordId: warning.id });
    }
  }
  return { names: new NameIndex(records), brands: buildBrandIndex(brands) };
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
  | { kind: 'warned'; warning: WarningDto; domain: string }
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
 * Blocked wins over licensed: an ISP blocks what is on the list whatever else is known. A regulator's warning wins
 * over a licence (the admin API refuses a warning naming a licensed firm's official domain, so the two meet only if
 * a licence changed since: the warning is the safer thing to say). A firm's record wins over a block lifted in the
 * past, which is said only when nothing else is known.
 */
export function lookup(index: CheckIndex, target: CanonicalTarget): IndexMatch {
  const blocked = findBlocked(index, target);
  if (blocked) return blocked;
  if (target.kind !== 'domain') return { kind: 'none' };
  // An official domain covers its subdomains (the firm controls them), as a warned or lifted domain covers them.
  const names = ancestorsWithin(target.host, target.registrableDomain);
  for (const name of names) {
    const warning = index.warnings.byDomain.get(name);
    if (warning) return { kind: 'warned', warning, domain: name };
  }
  for (const name of names) {
    const official = index.firms.officialDomains.get(name);
    if (official) return { kind: 'firm', official };
  }
  for (const name of names) {
    const lifted = index.blockedEntities.liftedDomains.get(name);
    if (lifted) return { kind: 'lifted', blockedEntity: lifted };
  }
  return { kind: 'none' };
}
