import { ApiProperty, OmitType, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { SourceInputDto } from '../provenance/source.dto.js';
import { IdParamDto } from '../platform/http/pagination.dto.js';
import { LICENCE_STATUSES, type LicenceStatus } from './firm.entity.js';

export class FirmNamesInputDto {
  /** @example "Example Exchange" */
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  en: string;

  /** @example "Пример Биржа" */
  @IsOptional()
  @IsString()
  @MaxLength(300)
  ru?: string;

  /** @example "Мысал Биржа" */
  @IsOptional()
  @IsString()
  @MaxLength(300)
  kk?: string;
}

export class CreateLicenceDto {
  /** Permissive format check only. @example "DEMO-AFSA-A-LA-2026-0001" */
  @IsString()
  @MinLength(3)
  @MaxLength(64)
  number: string;

  /** @example "AFSA" */
  @IsString()
  @MinLength(2)
  @MaxLength(100)
  regulator: string;

  /** @example ["Operating a Digital Asset Trading Facility"] */
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @IsString({ each: true })
  activities: string[];

  /** @example "2026-11-24" */
  @IsISO8601({ strict: true })
  grantedOn: string;

  /** @example "2029-11-24" */
  @IsOptional()
  @IsISO8601({ strict: true })
  expiresOn?: string;

  @ValidateNested()
  @Type(() => SourceInputDto)
  source: SourceInputDto;
}

export class CreateFirmDto {
  @ValidateNested()
  @Type(() => FirmNamesInputDto)
  names: FirmNamesInputDto;

  /** @example ["ExEx"] */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  brands?: string[];

  /** @example ["Экзампл"] */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  aliases?: string[];

  /** 12 digits with a valid check digit, or `DEMO-...`. @example "DEMO-BIN-0042" */
  @IsOptional()
  @IsString()
  bin?: string;

  /** ISO 17442 with valid check digits, or `DEMO-...`. @example "5493001KJTIIGC8Y1R12" */
  @IsOptional()
  @IsString()
  lei?: string;

  /** @example "AIFC" */
  @IsString()
  @MinLength(2)
  @MaxLength(100)
  jurisdiction: string;

  /** Official domains; each covers its subdomains. @example ["example-exchange.kz"] */
  @IsArray()
  @ArrayMaxSize(100)
  @ArrayUnique()
  @IsString({ each: true })
  domains: string[];

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => CreateLicenceDto)
  licences?: CreateLicenceDto[];

  @ValidateNested()
  @Type(() => SourceInputDto)
  source: SourceInputDto;
}

/** Any subset of the firm's own fields; licences change through their own routes. */
export class UpdateFirmDto extends PartialType(OmitType(CreateFirmDto, ['licences'] as const)) {}

export class ChangeLicenceStatusDto {
  /** suspended and active (reinstate) keep the licence open; revoked and expired end it for good. */
  @ApiProperty({ enum: LICENCE_STATUSES, example: 'suspended' })
  @IsIn(LICENCE_STATUSES)
  status: LicenceStatus;

  /** Required when ending (revoked, expired). @example "2026-11-24" */
  @IsOptional()
  @IsISO8601({ strict: true })
  endedOn?: string;
}

export class LicenceParamsDto extends IdParamDto {
  /** The licence's id. @example "6b0e2a51-7f1d-4f43-9a8e-2c1b3d4e5f60" */
  @IsUUID('all')
  licenceId: string;
}
