import { ApiProperty, OmitType, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsDefined,
  IsISO8601,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { NormalisedText } from '../platform/i18n/free-text.js';
import { IdParamDto } from '../platform/http/pagination.dto.js';
import { DATE_PRECISIONS, type DatePrecision } from '../provenance/date-precision.js';
import { SourceInputDto } from '../provenance/source.dto.js';
import { LICENCE_STATUS_CHANGES, type LicenceStatusChange } from './firm.entity.js';

/** Limits on what one firm carries, so no record can grow without bound (each list is served on every page). */
export const FIRM_LIMITS = {
  names: 300,
  brands: 50,
  aliases: 50,
  /** Per brand or alias. */
  nameItem: 200,
  domains: 100,
  /** A domain as written (scheme and trailing dot allowed); canonical names are at most 253. */
  domainInput: 300,
  licences: 20,
  activities: 50,
  activity: 300,
  identifier: 66,
} as const;

export class FirmNamesInputDto {
  /** Unique per jurisdiction, ignoring case. @example "Example Exchange" */
  @NormalisedText()
  @IsString()
  @MinLength(1)
  @MaxLength(FIRM_LIMITS.names)
  en: string;

  /** @example "Пример Биржа" */
  @IsOptional()
  @NormalisedText()
  @IsString()
  @MaxLength(FIRM_LIMITS.names)
  ru?: string;

  /** @example "Мысал Биржа" */
  @IsOptional()
  @NormalisedText()
  @IsString()
  @MaxLength(FIRM_LIMITS.names)
  kk?: string;
}

export class FirmDomainInputDto {
  /** As written: canonicalised on the way in (case, trailing dot, IDN). Covers its subdomains. @example "example-exchange.kz" */
  @IsString()
  @MinLength(1)
  @MaxLength(FIRM_LIMITS.domainInput)
  domain: string;

  /** Where it is stated that the firm uses this domain, and how sure that is. */
  @IsDefined()
  @ValidateNested()
  @Type(() => SourceInputDto)
  source: SourceInputDto;
}

export class CreateLicenceDto {
  /** Permissive format check only. @example "DEMO-AFSA-A-LA-2026-0001" */
  @IsString()
  @MinLength(3)
  @MaxLength(FIRM_LIMITS.identifier)
  number: string;

  /** @example "AFSA" */
  @NormalisedText()
  @IsString()
  @MinLength(2)
  @MaxLength(100)
  regulator: string;

  /** 1 to 50, each 1-300 characters. @example ["Operating a Digital Asset Trading Facility"] */
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(FIRM_LIMITS.activities)
  @NormalisedText()
  @IsString({ each: true })
  @MinLength(1, { each: true })
  @MaxLength(FIRM_LIMITS.activity, { each: true })
  activities: string[];

  /** @example "2026-11-24" */
  @IsISO8601({ strict: true })
  grantedOn: string;

  /** How much of grantedOn the source states (day when absent). */
  @ApiProperty({ enum: DATE_PRECISIONS, required: false, example: 'day' })
  @IsOptional()
  @IsIn(DATE_PRECISIONS)
  grantedOnPrecision?: DatePrecision;

  /** @example "2029-11-24" */
  @IsOptional()
  @IsISO8601({ strict: true })
  expiresOn?: string;

  @IsDefined()
  @ValidateNested()
  @Type(() => SourceInputDto)
  source: SourceInputDto;
}

export class CreateFirmDto {
  @IsDefined()
  @ValidateNested()
  @Type(() => FirmNamesInputDto)
  names: FirmNamesInputDto;

  /** At most 50, each 1-200 characters. @example ["ExEx"] */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(FIRM_LIMITS.brands)
  @NormalisedText()
  @IsString({ each: true })
  @MinLength(1, { each: true })
  @MaxLength(FIRM_LIMITS.nameItem, { each: true })
  brands?: string[];

  /** At most 50, each 1-200 characters. @example ["Экзампл"] */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(FIRM_LIMITS.aliases)
  @NormalisedText()
  @IsString({ each: true })
  @MinLength(1, { each: true })
  @MaxLength(FIRM_LIMITS.nameItem, { each: true })
  aliases?: string[];

  /** 12 digits with a valid check digit, or `DEMO-...`. @example "DEMO-BIN-0042" */
  @IsOptional()
  @IsString()
  @MaxLength(FIRM_LIMITS.identifier)
  bin?: string;

  /** ISO 17442 with valid check digits, or `DEMO-...`. @example "5493001KJTIIGC8Y1R12" */
  @IsOptional()
  @IsString()
  @MaxLength(FIRM_LIMITS.identifier)
  lei?: string;

  /** @example "AIFC" */
  @NormalisedText()
  @IsString()
  @MinLength(2)
  @MaxLength(100)
  jurisdiction: string;

  /** Official domains (at most 100), each with its own source; each covers its subdomains. */
  @IsArray()
  @ArrayMaxSize(FIRM_LIMITS.domains)
  @ValidateNested({ each: true })
  @Type(() => FirmDomainInputDto)
  domains: FirmDomainInputDto[];

  /** At most 20. */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(FIRM_LIMITS.licences)
  @ValidateNested({ each: true })
  @Type(() => CreateLicenceDto)
  licences?: CreateLicenceDto[];

  @IsDefined()
  @ValidateNested()
  @Type(() => SourceInputDto)
  source: SourceInputDto;
}

/** Any subset of the firm's own fields; licences change through their own routes. */
export class UpdateFirmDto extends PartialType(OmitType(CreateFirmDto, ['licences'] as const)) {}

export class ChangeLicenceStatusDto {
  /** suspended and active (reinstate) keep the licence open; revoked and expired end it for good. */
  @ApiProperty({ enum: LICENCE_STATUS_CHANGES, example: 'suspended' })
  @IsIn(LICENCE_STATUS_CHANGES)
  status: LicenceStatusChange;

  /**
   * The day the change took effect (today when absent): not in the future, not before the licence was granted or
   * its last recorded change. For revoked and expired it is the end date. @example "2026-11-24"
   */
  @IsOptional()
  @IsISO8601({ strict: true })
  effectiveOn?: string;

  /** Why, as the decision states it; shown in the licence's public history. @example "AFSA suspended the licence pending review." */
  @IsOptional()
  @NormalisedText()
  @IsString()
  @MinLength(3)
  @MaxLength(1000)
  reason?: string;
}

export class LicenceParamsDto extends IdParamDto {
  /** The licence's id. @example "6b0e2a51-7f1d-4f43-9a8e-2c1b3d4e5f60" */
  @IsUUID('all')
  licenceId: string;
}
