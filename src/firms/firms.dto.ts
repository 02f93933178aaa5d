import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { SourceDto } from '../provenance/source.dto.js';
import { PageQueryDto } from '../platform/http/pagination.dto.js';
import { LICENCE_STATUSES, type LicenceStatus } from './firm.entity.js';
import { LICENSING_STATUSES, type LicensingStatus } from './licensing-status.js';


export class ListFirmsQueryDto extends PageQueryDto {
  /**
   * Part of a name, brand or alias, in any language or script: Cyrillic and Latin Kazakh fold together, and
   * legal forms (ТОО, LLP, JSC...) are ignored. @example "bybit"
   */
  @IsOptional()
  @IsString()
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @MinLength(1)
  @MaxLength(200)
  q?: string;

  /** Only firms holding at least one licence with this status. */
  @ApiProperty({ enum: LICENCE_STATUSES, required: false, example: 'active' })
  @IsOptional()
  @IsIn(LICENCE_STATUSES)
  licenceStatus?: LicenceStatus;
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
}

export class LicenceDto {
  /** @example "6b0e2a51-7f1d-4f43-9a8e-2c1b3d4e5f60" */
  id: string;
  /** Licence number; `DEMO-` marks one not confirmed at an official source. @example "DEMO-AFSA-A-LA-2023-0001" */
  number: string;
  /** @example "AFSA" */
  regulator: string;
  /** @example ["Operating a Digital Asset Trading Facility", "Providing Custody"] */
  activities: string[];
  @ApiProperty({ enum: LICENCE_STATUSES, example: 'active' })
  status: LicenceStatus;
  /** @example "2023-01-01" */
  grantedOn: string;
  /** @example null */
  expiresOn: string | null;
  /** Set once the licence is revoked or expired; a licence is never rewritten. @example null */
  endedOn: string | null;
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
