// What other modules read of the blocklist: plain data, never its entities.
import type { BlocklistEntryDto } from './blocklist.dto.js';

/** An entry in force, as the public API shows it. */
export type EntryInForce = BlocklistEntryDto;

/** The entries in force at `serial`, read from one database snapshot. */
export interface BlocklistSnapshot {
  serial: number;
  entries: EntryInForce[];
}
