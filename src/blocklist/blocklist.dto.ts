import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength, ValidateBy, ValidateIf } from 'class-validator';
import { IsDecimalInteger } from '../platform/http/decimal-integer.js';
import { SourceDto } from '../provenance/source.dto.js';
import { LimitQueryDto } from '../platform/http/pagination.dto.js';
import { ENTRY_KINDS, type EntryKind, MATCH_MODES, type MatchMode } from '../domain-names/entry-kinds.js';
import { LocalisedTextDto } from '../text/localised-text.dto.js';

export class ListBlocklistEntriesQueryDto extends LimitQueryDto {

  /** Only entries of this kind (on later pages, the cursor carries it). */
  @ApiProperty({ enum: ENTRY_KINDS, required: false, example: 'domain' })
  @IsOptional()
  @IsIn(ENTRY_KINDS)
  kind?: EntryKind;

  /**
   * The serial to list (default: the serial now). Any serial up to now: the schema keeps the history, so the entries
   * in force at a past serial are listed as they were. On later pages the cursor carries it. @example 2
   */
  @ApiPropertyOptional({ type: 'integer', minimum: 0, example: 2 })
  @IsOptional()
  @IsDecimalInteger()
  serial?: number;

  /** `nextCursor` of the page before: the next page of the same serial and kind. @example "eyJ2IjoxLCJzIjoyLCJrIjpudWxsLCJhIjoxLCJpIjoiNWU0ZDNjMmItMWEwOS00ZjhlLWI3ZDYtYzViNGEzOTI4MTcwIn0" */
  @IsOptional()
  @IsString()
  @MaxLength(400)
  cursor?: string;

  /** Refused (400): a removal between two pages moved every later entry and made a client miss one. Use cursor. */
  @ApiProperty({ required: false, deprecated: true, type: Number })
  @ValidateIf((query: ListBlocklistEntriesQueryDto) => query.offset !== undefined)
  @ValidateBy({
    name: 'replacedByCursor',
    validator: {
      validate: () => false,
      defaultMessage: () =>
        'offset is no longer accepted: follow nextCursor (cursor=...), which pins every page to one serial, so no entry is missed or seen twice',
    },
  })
  offset?: string;
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
  /** The blocklist serial every page of this listing is read at. @example 2 */
  serial: number;
  /** Entries in force at that serial, oldest serial first (then by id). */
  items: BlocklistEntryDto[];
  /** @example 20 */
  limit: number;
  /** Pass as `cursor` for the next page of the same serial; null on the last page. @example null */
  nextCursor: string | null;
}
