import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { SourceDto } from '../provenance/source.dto.js';
import { PageQueryDto } from '../platform/http/pagination.dto.js';
import { LocalisedTextDto } from '../text/localised-text.dto.js';

export const WARNING_STATES = ['in-force', 'withdrawn'] as const;
export type WarningState = (typeof WARNING_STATES)[number];

export class ListWarningsQueryDto extends PageQueryDto {
  /** Part of a brand or alias, in any script. @example "okx" */
  @IsOptional()
  @IsString()
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @MinLength(1)
  @MaxLength(200)
  q?: string;

  /** in-force: not withdrawn; withdrawn: withdrawn warnings only. Both when absent. */
  @ApiProperty({ enum: WARNING_STATES, required: false, example: 'in-force' })
  @IsOptional()
  @IsIn(WARNING_STATES)
  state?: WarningState;
}

export class WarningDto {
  /** @example "019a4f2e-7c1d-7b3a-9e8f-0a1b2c3d4e5f" */
  id: string;
  /** The brands as the warning names them; the first is the display name. @example ["OKX", "HTX", "Bitget", "MEXC"] */
  brands: string[];
  /** How citizens write them (Cyrillic and other spellings). @example ["ОКХ", "Битгет", "Мекс"] */
  aliases: string[];
  /** The brands' sites (A-labels) the record names; may be empty. @example ["okx.com", "htx.com", "bitget.com", "mexc.com"] */
  domains: string[];
  /** ISO date the warning was issued; null when no source gathered gives it. @example null */
  issuedOn: string | null;
  /** Who issued it. @example "AFSA" */
  issuer: string;
  @ApiProperty({
    type: LocalisedTextDto,
    example: {
      en: 'AFSA Warning on Unlicensed Digital Asset Platforms',
      ru: 'Предупреждение AFSA о нелицензированных платформах цифровых активов',
      kk: 'AFSA-ның лицензиясыз цифрлық актив платформалары туралы ескертуі',
    },
  })
  title: LocalisedTextDto;
  /** What the warning says, in kk, ru and en. */
  @ApiProperty({ type: LocalisedTextDto, example: { en: 'AFSA warns that OKX, HTX, Bitget and MEXC are not licensed in the AIFC.', ru: null, kk: null } })
  summary: LocalisedTextDto;
  source: SourceDto;
  @ApiProperty({ enum: WARNING_STATES, example: 'in-force' })
  state: WarningState;
  /** The day it was withdrawn; null while it stands. @example null */
  withdrawnOn: string | null;
  /** @example null */
  withdrawalReason: string | null;
  /** @example 1 */
  version: number;
  /** @example "2026-11-24T09:00:00.000Z" */
  updatedAt: string;
}

export class WarningPageDto {
  items: WarningDto[];
  /** @example 1 */
  total: number;
  /** @example 20 */
  limit: number;
  /** @example 0 */
  offset: number;
}
