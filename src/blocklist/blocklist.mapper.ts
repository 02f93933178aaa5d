import { toSourceDto } from '../provenance/source.js';
import type { BlocklistEntryDto } from './blocklist.dto.js';
import type { BlocklistEntryEntity } from './blocklist.entity.js';

export function toBlocklistEntryDto(entry: BlocklistEntryEntity): BlocklistEntryDto {
  return {
    id: entry.id,
    kind: entry.kind,
    value: entry.value,
    displayValue: entry.displayValue,
    match: entry.match,
    blockedEntityId: entry.blockedEntityId,
    legalBasis: entry.legalBasis,
    addedSerial: Number(entry.addedSerial),
    source: toSourceDto(entry.source),
  };
}
