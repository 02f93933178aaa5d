import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { SourceDto } from '../provenance/source.dto.js';
import { PageQueryDto } from '../platform/http/pagination.dto.js';
import { ENTRY_KINDS, type EntryKind, MATCH_MODES, type MatchMode } from '../domain-names/entry-kinds.js';
import { LocalisedTextDto } from '../text/localised-text.dto.js';

export class ListBlocklistEntriesQueryDto extends PageQueryDto {
  /** Only entries of this kind. */
  @ApiProperty({ enum: ENTRY_KINDS, required: false, example: 'domain' })
  @IsOptional()
  @IsIn(ENTRY_KINDS)
  kind?: EntryKind;
}

export class BlocklistEntryDto {
  /** @example "5e4d3c2b-1a09-4f8e-b7d6-c5b4a3928170" */
  id: string;
  @ApiProperty({ enum: ENTRY_KINDS, example: 'domain' })
  kind: EntryKind;
  /** Canonical value: A-label lower case without trailing dot, compressed IPv6, canonical CIDR. @example "coinbase.com" */
  value: string;
  /** As a person writes it (Unicode domain). @example "coinbase.com" */
  displayValue: string;
  /** exact: this name only; subtree: this name and every name below it. */
  @ApiProperty({ enum: MATCH_MODES, example: 'subtree' })
  match: MatchMode;
  /** @example "9a7b6c5d-4e3f-4a1b-8c9d-0e1f2a3b4c5d" */
  blockedEntityId: string | null;
  /** The law the entry is blocked under, in kk, ru and en. */
  legalBasis: LocalisedTextDto;
  /** The serial in which the entry was added. @example 1 */
  addedSerial: number;
  source: SourceDto;
}

export class BlocklistEntryPageDto {
  /** The blocklist serial this page was read at. @example 2 */
  serial: number;
  /** Entries in force, oldest serial first. */
  items: BlocklistEntryDto[];
  /** @example 7 */
  total: number;
  /** @example 20 */
  limit: number;
  /** @example 0 */
  offset: number;
}
