// The contract every published file of the blocklist is rendered through: plain data in, text out, one entry at a time.
import type { BlockedEntityDto, BlockState } from '../../blocked-entities/blocked-entities.dto.js';
import type { EntryKind, MatchMode } from '../../domain-names/entry-kinds.js';
import type { DatePrecision } from '../../provenance/date-precision.js';
import type { SourceDto } from '../../provenance/source.dto.js';
import type { LocalisedText } from '../../text/localised-text.js';

/**
 * The decision behind an entry, as the NDJSON carries it: the public record's fields that say who blocked it, on what
 * basis, when, and whether the block was lifted (names as in `GET /v1/blocked-entities/{id}`).
 */
export interface PublishedBlockedEntity {
  id: string;
  name: LocalisedText;
  category: string;
  authority: LocalisedText;
  requestedBy: LocalisedText | null;
  legalBasis: LocalisedText;
  decisionNumber: string | null;
  /** ISO date, null where the record has none. */
  decisionDate: string | null;
  /** ISO date, read with `blockedOnPrecision`. */
  blockedOn: string;
  blockedOnPrecision: DatePrecision;
  liftedOn: string | null;
  state: BlockState;
}

/** One entry in force, with what the NDJSON and the CSV need. */
export interface PublishedEntry {
  id: string;
  kind: EntryKind;
  /** Canonical as stored: A-label lower case, compressed IPv6, canonical CIDR, normalised URL. */
  value: string;
  displayValue: string;
  match: MatchMode;
  addedSerial: number;
  /** ISO time of the serial that added it. */
  addedAt: string;
  legalBasis: LocalisedText;
  source: SourceDto;
  blockedEntity: PublishedBlockedEntity | null;
}

/** What every file of one publication shares; the same context and entries always render the same bytes. */
export interface PublicationContext {
  serial: number;
  /** ISO, seconds precision, `Z`. */
  publishedAt: string;
  expiresAt: string;
  /** The RPZ zone's name (config RPZ_ZONE), e.g. "kz-crypto-registry.rpz". */
  rpzZone: string;
  /** Values of the domain entries in force with match subtree: a name below one of them is blocked already. */
  subtreeDomains: ReadonlySet<string>;
  /**
   * Values of the cidr entries in force that hold one address (`/32`, `/128`, see `isHostCidr`): the RPZ and dnsmasq
   * files write such a block and an ipv4/ipv6 entry of the same address as the same line, which must appear once.
   */
  hostCidrs: ReadonlySet<string>;
}

export interface BlocklistFormat {
  format: 'rpz' | 'unbound' | 'dnsmasq' | 'hosts' | 'domains' | 'ip' | 'cidr' | 'urls' | 'csv' | 'ndjson' | 'set';
  fileName: string;
  mediaType: string;
  /** The kinds it expresses, sorted; entries of other kinds render as nothing. */
  kinds: EntryKind[];
  /** Whether it blocks what lies below a subtree entry (the names below a domain, the paths below a URL). */
  subtrees: boolean;
  /** English, one sentence, where it expresses something differently from the registry's meaning. */
  note?: string;
  header(ctx: PublicationContext): string;
  /** The entry's lines, each ending in `\n`; '' when it has none. Entries come in the order of `set.tsv`. */
  line(entry: PublishedEntry, ctx: PublicationContext): string;
  footer(ctx: PublicationContext): string;
}

/** The RPZ, hosts and lists need a name made of A-labels only; anything else in a config file could inject lines. */
const A_LABEL_NAME = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/;

/** Throws unless `name` is a stored domain value: A-labels, lower case, no trailing dot, at most 253 characters. */
export function assertDomainValue(name: string): string {
  if (name.length > 253 || !A_LABEL_NAME.test(name)) {
    throw new Error(`Blocklist domain value ${JSON.stringify(name)} is not a lower-case A-label name; refusing to render it.`);
  }
  return name;
}

const LINE_BREAK_OR_TAB = /[\t\n\r]/;

/** A value written alone on a line (lists, set.tsv) must not be able to start another one. */
export function assertOneLine(value: string): string {
  if (LINE_BREAK_OR_TAB.test(value)) {
    throw new Error(`Blocklist value ${JSON.stringify(value)} holds a tab or a line break; refusing to render it.`);
  }
  return value;
}

/**
 * Whether a domain entry is already blocked by a subtree entry at or above it (a subtree entry of its own name can only
 * be itself: one value has one entry in force). A resolver file writes such a name not at all, since its own record
 * would shadow the wildcard or zone of the subtree for the names below it.
 */
export function coveredBySubtree(entry: Pick<PublishedEntry, 'value' | 'match'>, subtreeDomains: ReadonlySet<string>): boolean {
  if (entry.match === 'exact' && subtreeDomains.has(entry.value)) return true;
  for (let dot = entry.value.indexOf('.'); dot !== -1; dot = entry.value.indexOf('.', dot + 1)) {
    if (subtreeDomains.has(entry.value.slice(dot + 1))) return true;
  }
  return false;
}

/** Whether a cidr value holds a single address (`/32` of IPv4, `/128` of IPv6): what `PublicationContext.hostCidrs` lists. */
export function isHostCidr(value: string): boolean {
  return value.endsWith(value.includes(':') ? '/128' : '/32');
}

/**
 * Whether an ipv4/ipv6 entry's address is also in force as a one-address cidr entry, which comes first in the order:
 * a resolver file that writes both kinds as the same line writes it once.
 */
export function listedAsHostCidr(entry: Pick<PublishedEntry, 'kind' | 'value'>, hostCidrs: ReadonlySet<string>): boolean {
  return hostCidrs.has(`${entry.value}/${entry.kind === 'ipv4' ? 32 : 128}`);
}

/** The comment lines that open a resolver file: what it is and where its signed manifest is. */
export function provenanceComment(ctx: PublicationContext, mark: string): string {
  return (
    `${mark} kz-crypto-registry blocklist, serial ${ctx.serial}, published ${ctx.publishedAt}, expires ${ctx.expiresAt}\n` +
    `${mark} Check it against the signed manifest /v1/blocklist/${ctx.serial}/manifest.json before loading it.\n`
  );
}

/** The decision as the NDJSON and CSV carry it, from the blocked entity's public record. */
export function publishedBlockedEntity(record: BlockedEntityDto): PublishedBlockedEntity {
  return {
    id: record.id,
    name: record.name,
    category: record.category,
    authority: record.authority,
    requestedBy: record.requestedBy,
    legalBasis: record.legalBasis,
    decisionNumber: record.decisionNumber,
    decisionDate: record.decisionDate,
    blockedOn: record.blockedOn,
    blockedOnPrecision: record.blockedOnPrecision,
    liftedOn: record.liftedOn,
    state: record.state,
  };
}
