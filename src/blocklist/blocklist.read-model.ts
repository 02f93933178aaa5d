// What other modules read of the blocklist: plain data, never its entities.
import type { EntryKind, MatchMode } from '../domain-names/entry-kinds.js';
import type { SourceEmbedded } from '../provenance/source.embedded.js';
import type { BlocklistEntryEntity } from './blocklist.entity.js';

export interface EntryInForce {
  id: string;
  kind: EntryKind;
  /** Canonical. */
  value: string;
  displayValue: string;
  match: MatchMode;
  blockedEntityId: string | null;
  legalBasis: string;
  addedSerial: number;
  source: SourceEmbedded;
}

/** The entries in force at `serial`, read from one database snapshot. */
export interface BlocklistSnapshot {
  serial: number;
  entries: EntryInForce[];
}

export function toEntryInForce(entry: BlocklistEntryEntity): EntryInForce {
  return {
    id: entry.id,
    kind: entry.kind,
    value: entry.value,
    displayValue: entry.displayValue,
    match: entry.match,
    blockedEntityId: entry.blockedEntityId,
    legalBasis: entry.legalBasis,
    addedSerial: Number(entry.addedSerial),
    source: { url: entry.source.url, document: entry.source.document, readOn: entry.source.readOn, confidence: entry.source.confidence },
  };
}
