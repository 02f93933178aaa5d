// What other modules read of the blocklist: plain data, never its entities.
import type { EntryKind, MatchMode } from '../domain-names/entry-kinds.js';
import type { SourceDto } from '../provenance/source.dto.js';
import type { LocalisedText } from '../text/localised-text.js';
import type { BlocklistEntryDto } from './blocklist.dto.js';

/** An entry in force, as the public API shows it. */
export type EntryInForce = BlocklistEntryDto;

/** The entries in force at `serial`, read from one database snapshot. */
export interface BlocklistSnapshot {
  serial: number;
  entries: EntryInForce[];
}

/** An entry without its legal basis and source, which thousands of entries written together share. */
export interface EntryRow {
  id: string;
  kind: EntryKind;
  value: string;
  /** The same string as `value` when the two are equal. */
  displayValue: string;
  match: MatchMode;
  blockedEntityId: string | null;
  addedSerial: number;
}

/**
 * An entry in force as a full read streams it, its id and value as bytes: the id's 16 at `bytes[idAt]`, the value's
 * `valueLength` (UTF-8) at `bytes[valueAt]`. One object is reused for every row, so it is valid during the call only.
 */
export interface StreamedEntry extends Omit<EntryRow, 'id' | 'value' | 'displayValue'> {
  bytes: Uint8Array;
  idAt: number;
  valueAt: number;
  valueLength: number;
  /** null where it is the value. */
  displayValue: string | null;
}

/** Why an entry is on the blocklist: its legal basis and the source that says so. */
export interface EntryProvenance {
  legalBasis: LocalisedText;
  source: SourceDto;
}

/** The provenance the entries in force added in `addedSerial` share; null when they differ (read each then). */
export interface SerialProvenance {
  addedSerial: number;
  provenance: EntryProvenance | null;
}

/** An entry added or removed after some serial, whole. */
export interface EntryChange extends EntryRow {
  removedSerial: number | null;
  provenance: EntryProvenance;
}
