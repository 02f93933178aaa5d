import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional, IsString, MaxLength, MinLength, ValidateBy, ValidateIf } from 'class-validator';
import { DATE_PRECISIONS, type DatePrecision } from '../provenance/date-precision.js';
import { SourceDto } from '../provenance/source.dto.js';
import { PageQueryDto } from '../platform/http/pagination.dto.js';
import { LICENCE_EVENTS, LICENCE_STATUSES, type LicenceEvent, type LicenceStatus } from './firm.entity.js';
import { LICENSING_STATUSES, type LicensingStatus } from './licensing-status.js';
import { IsBinOrDemo, IsDomainName, IsLeiOrDemo, IsLicenceNumber } from './lookup-validators.js';

const trimmed = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const identifier = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toUpperCase() : value);

export class ListFirmsQueryDto extends PageQueryDto {
  /**
   * Part of a name, brand or alias, in any language or script: Cyrillic and Latin Kazakh fold together, and
   * legal forms (ТОО, LLP, JSC...) are ignored. @example "bybit"
   */
  @IsOptional()
  @IsString()
  @Transform(trimmed)
  @MinLength(1)
  @MaxLength(200)
  q?: string;

  /** Only firms with this standing now: licensed (a licence in force), suspended (none in force, one suspended) or not-licensed. */
  @ApiProperty({ enum: LICENSING_STATUSES, required: false, example: 'licensed' })
  @IsOptional()
  @IsIn(LICENSING_STATUSES)
  licensingStatus?: LicensingStatus;

  /** Refused (400): it read as the firm's standing but matched any one licence. Use licensingStatus. */
  @ApiProperty({ required: false, deprecated: true, type: String })
  @ValidateIf((query: ListFirmsQueryDto) => query.licenceStatus !== undefined)
  @ValidateBy({
    name: 'replacedByLicensingStatus',
    validator: {
      validate: () => false,
      defaultMessage: () =>
        `licenceStatus is no longer accepted: use licensingStatus (${LICENSING_STATUSES.join(', ')}), the firm's current standing`,
    },
  })
  licenceStatus?: string;

  /** Exact BIN: 12 digits with a valid check digit (or a DEMO- identifier). @example "DEMO-BIN-0001" */
  @IsOptional()
  @Transform(identifier)
  @IsBinOrDemo()
  bin?: string;

  /** Exact LEI: ISO 17442, 20 characters with valid check digits (or a DEMO- identifier); case is ignored. @example "5493001KJTIIGC8Y1R12" */
  @IsOptional()
  @Transform(identifier)
  @IsLeiOrDemo()
  lei?: string;

  /** Exact number of any licence the firm holds or held; case is ignored. @example "DEMO-AFSA-A-LA-2024-0003" */
  @IsOptional()
  @Transform(identifier)
  @IsLicenceNumber()
  licenceNumber?: string;

  /**
   * An official domain, canonicalised as the check reads it (case, trailing dot, IDN); a subdomain finds the firm
   * whose official domain covers it, as the check does. @example "www.binance.com"
   */
  @IsOptional()
  @Transform(trimmed)
  @MaxLength(300)
  @IsDomainName()
  domain?: string;
}

export class FirmNamesDto {
  /** @example "Binance Kazakhstan" */
  en: string;
  /** @example "Бинанс Казахстан" */
  ru: string | null;
  /** @example "Бинанс Қазақстан" */
  kk: string | null;
}

export class FirmDomainDto {
  /** A-label form, as DNS and the blocklist carry it. @example "binance.com" */
  domain: string;
  /** Unicode form, for people. @example "binance.com" */
  display: string;
  /** Where it is stated that the firm uses this domain, and how sure that is: a `licensed` verdict rests on it. */
  source: SourceDto;
}

export class LicenceEventDto {
  /**
   * granted; suspended; reinstated (in force again after a suspension); confirmed (found in force where the status
   * was unknown); revoked or expired (ended for good).
   */
  @ApiProperty({ enum: LICENCE_EVENTS, example: 'granted' })
  status: LicenceEvent;
  /** The day the change took effect; null where no source says. @example "2024-01-01" */
  from: string | null;
  /** How much of `from` the source states (year: only the year is known); null with `from`. */
  @ApiProperty({ enum: DATE_PRECISIONS, nullable: true, example: 'year' })
  fromPrecision: DatePrecision | null;
  /** @example null */
  reason: string | null;
}

export class LicenceDto {
  /** @example "6b0e2a51-7f1d-4f43-9a8e-2c1b3d4e5f60" */
  id: string;
  /** Licence number; `DEMO-` marks one not confirmed at an official source. @example "DEMO-AFSA-A-LA-2024-0003" */
  number: string;
  /** @example "AFSA" */
  regulator: string;
  /** Empty where no source states them. @example ["Operating a Digital Asset Trading Facility", "Providing Custody"] */
  activities: string[];
  /** Now. unknown: the source names the licence but not whether it is still in force. */
  @ApiProperty({ enum: LICENCE_STATUSES, example: 'active' })
  status: LicenceStatus;
  /** null: the source does not say when it was granted. @example "2024-01-01" */
  grantedOn: string | null;
  /** How much of grantedOn the source states (year: only the year is known); null with grantedOn. */
  @ApiProperty({ enum: DATE_PRECISIONS, nullable: true, example: 'year' })
  grantedOnPrecision: DatePrecision | null;
  /** null: no expiry date is known (not a promise that there is none). @example null */
  expiresOn: string | null;
  /** Set once the licence is revoked or expired; a licence is never rewritten. @example null */
  endedOn: string | null;
  /** Every status change, oldest first. */
  history: LicenceEventDto[];
  source: SourceDto;
}

export class FirmDto {
  /** @example "3f1c2a9e-8b7d-4c6e-9f0a-1b2c3d4e5f60" */
  id: string;
  names: FirmNamesDto;
  /** @example ["Binance"] */
  brands: string[];
  /** @example ["Бинанс"] */
  aliases: string[];
  /** 12-digit BIN, or a `DEMO-` identifier where none is confirmed at an official source. @example "DEMO-BIN-0001" */
  bin: string | null;
  /** ISO 17442 LEI, or a `DEMO-` identifier. @example null */
  lei: string | null;
  /** @example "AIFC" */
  jurisdiction: string;
  @ApiProperty({ enum: LICENSING_STATUSES, example: 'licensed' })
  licensingStatus: LicensingStatus;
  domains: FirmDomainDto[];
  /** Every licence the firm has held, newest first. */
  licences: LicenceDto[];
  source: SourceDto;
  /** Optimistic-concurrency version. @example 1 */
  version: number;
  /** @example "2026-11-24T09:00:00.000Z" */
  updatedAt: string;
}

export class FirmPageDto {
  items: FirmDto[];
  /** Matching firms in all pages. @example 2 */
  total: number;
  /** @example 20 */
  limit: number;
  /** @example 0 */
  offset: number;
}
