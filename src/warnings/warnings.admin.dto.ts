import { PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsDefined,
  IsISO8601,
  IsOptional,
  IsString,
  MaxLength,
  MinLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { MAX_ALIAS_LENGTH, MAX_ALIASES } from '../blocked-entities/blocked-entities.admin.dto.js';
import { NormalisedText } from '../platform/i18n/free-text.js';
import { SourceInputDto } from '../provenance/source.dto.js';
import type { LocalisedTextInput } from '../text/localised-text.js';
import { LocalisedTextField } from '../text/localised-text.dto.js';

/** At most this many domains on one warning, each as written at most MAX_WARNING_DOMAIN_LENGTH characters. */
export const MAX_WARNING_DOMAINS = 100;
export const MAX_WARNING_DOMAIN_LENGTH = 300;

export class CreateWarningDto {
  /** The brands as the warning names them, the first being the display name; 1-50, each 1-200 characters. @example ["OKX", "HTX", "Bitget", "MEXC"] */
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_ALIASES)
  @NormalisedText()
  @IsString({ each: true })
  @MinLength(1, { each: true })
  @MaxLength(MAX_ALIAS_LENGTH, { each: true })
  brands: string[];

  /** How citizens write the brands (Cyrillic, other spellings); at most 50, each 1-200 characters. @example ["ОКХ", "Битгет"] */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_ALIASES)
  @NormalisedText()
  @IsString({ each: true })
  @MinLength(1, { each: true })
  @MaxLength(MAX_ALIAS_LENGTH, { each: true })
  aliases?: string[];

  /** The brands' sites (stored as A-labels); at most 100, each at most 300 characters as written. @example ["okx.com"] */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_WARNING_DOMAINS)
  @IsString({ each: true })
  @MaxLength(MAX_WARNING_DOMAIN_LENGTH, { each: true })
  domains?: string[];

  /** The day the warning was issued; leave it out (or null) when no source gives it. @example "2026-11-20" */
  @IsOptional()
  @IsISO8601({ strict: true })
  issuedOn?: string | null;

  /** Who issued it. @example "AFSA" */
  @NormalisedText()
  @IsString()
  @MinLength(2)
  @MaxLength(100)
  issuer: string;

  @LocalisedTextField({ description: 'The warning\'s title.', example: { en: 'AFSA Warning on Unlicensed Digital Asset Platforms' } })
  title: LocalisedTextInput;

  @LocalisedTextField({ description: 'What the warning says.', example: { en: 'AFSA warns that OKX is not licensed in the AIFC.' } })
  summary: LocalisedTextInput;

  @IsDefined()
  @ValidateNested()
  @Type(() => SourceInputDto)
  source: SourceInputDto;
}

/**
 * Any field of the warning, and its withdrawal: `withdrawnOn` with a `withdrawalReason` withdraws it (the record stays
 * as history and the check stops citing it); `withdrawnOn: null` puts it back in force.
 */
export class AmendWarningDto extends PartialType(CreateWarningDto) {
  /** The day the issuer withdrew the warning; null puts it back in force. @example "2026-12-01" */
  @IsOptional()
  @ValidateIf((_o, value) => value !== null)
  @IsISO8601({ strict: true })
  withdrawnOn?: string | null;

  /** Why; required with withdrawnOn. @example "AFSA withdrew the warning after the firm was licensed." */
  @IsOptional()
  @NormalisedText()
  @IsString()
  @MinLength(3)
  @MaxLength(1000)
  withdrawalReason?: string;
}
