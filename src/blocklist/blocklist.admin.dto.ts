import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsDefined,
  IsISO8601,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  IsUrl,
  MaxLength,
  MinLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { ENTRY_KINDS, type EntryKind, MATCH_MODES, type MatchMode } from '../domain-names/entry-kinds.js';
import { SourceInputDto } from '../provenance/source.dto.js';
import { NormalisedText } from '../platform/i18n/free-text.js';
import type { LocalisedTextInput } from '../text/localised-text.js';
import { EXAMPLE_LAW, LocalisedTextField } from '../text/localised-text.dto.js';

export const MAX_BULK_ENTRIES = 20_000;

export class NewEntryDto {
  @ApiProperty({ enum: ENTRY_KINDS, example: 'domain' })
  @IsIn(ENTRY_KINDS)
  kind: EntryKind;

  /** As written: canonicalised on the way in (case, trailing dot, IDN, CIDR). @example "Fake-Exchange.kz" */
  @IsString()
  @MinLength(1)
  @MaxLength(2048)
  value: string;

  @ApiProperty({ enum: MATCH_MODES, example: 'subtree' })
  @IsIn(MATCH_MODES)
  match: MatchMode;

  /** The blocked entity the entry belongs to. @example "9a7b6c5d-4e3f-4a1b-8c9d-0e1f2a3b4c5d" */
  @IsOptional()
  @IsUUID('all')
  blockedEntityId?: string;
}

export class AddEntriesDto {
  /** 1 to 20,000 entries, added all or none under one new serial. */
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_BULK_ENTRIES)
  @ValidateNested({ each: true })
  @Type(() => NewEntryDto)
  entries: NewEntryDto[];

  @LocalisedTextField({ description: 'The law the entries are blocked under (recorded on each).', example: EXAMPLE_LAW })
  legalBasis: LocalisedTextInput;

  @IsDefined()
  @ValidateNested()
  @Type(() => SourceInputDto)
  source: SourceInputDto;

  /** Block official domains of licensed firms anyway. Needs `overrideReason`. @example false */
  @IsOptional()
  @IsBoolean()
  allowLicensedDomains?: boolean;

  /** Why a licensed firm's domain must be blocked (recorded in the audit trail). */
  @ValidateIf((o: AddEntriesDto) => o.allowLicensedDomains === true)
  @NormalisedText()
  @IsString()
  @MinLength(10)
  @MaxLength(1000)
  overrideReason?: string;
}

export class RemoveEntriesDto {
  /** Ids of entries in force, removed all or none under one new serial. */
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_BULK_ENTRIES)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  ids: string[];

  /** @example "Block lifted by decision DEMO-DECISION-2024-0003" */
  @NormalisedText()
  @IsString()
  @MinLength(3)
  @MaxLength(1000)
  reason: string;
}

export class EntryRefDto {
  /** @example "5e4d3c2b-1a09-4f8e-b7d6-c5b4a3928170" */
  id: string;
  @ApiProperty({ enum: ENTRY_KINDS, example: 'domain' })
  kind: EntryKind;
  /** @example "fake-exchange.kz" */
  value: string;
}

export class BlocklistChangeResultDto {
  /** The serial this change made. @example 3 */
  serial: number;
  /** How many entries were added (or removed). @example 1 */
  count: number;
  entries: EntryRefDto[];
}
