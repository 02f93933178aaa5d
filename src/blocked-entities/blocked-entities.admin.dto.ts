import { ApiProperty, OmitType, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsISO8601, IsOptional, IsString, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { SourceInputDto } from '../provenance/source.dto.js';
import { DATE_PRECISIONS, type DatePrecision } from './blocked-entity.entity.js';

export class CreateBlockedEntityDto {
  /** @example "Fake Exchange KZ" */
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  name: string;

  /** @example ["Фейк Биржа"] */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  aliases?: string[];

  /** @example "online-exchange" */
  @IsString()
  @MinLength(2)
  @MaxLength(100)
  category: string;

  /** @example "National Security Committee of the Republic of Kazakhstan" */
  @IsString()
  @MinLength(2)
  @MaxLength(300)
  authority: string;

  /** @example "Financial Monitoring Agency of the Republic of Kazakhstan" */
  @IsOptional()
  @IsString()
  @MaxLength(300)
  requestedBy?: string;

  /** @example "Law of the Republic of Kazakhstan \"On Digital Assets\", Art. 11(5)" */
  @IsString()
  @MinLength(3)
  @MaxLength(500)
  legalBasis: string;

  /** @example "DEMO-DECISION-2026-0001" */
  @IsOptional()
  @IsString()
  @MaxLength(100)
  decisionNumber?: string;

  /** @example "2026-11-20" */
  @IsOptional()
  @IsISO8601({ strict: true })
  decisionDate?: string;

  /** @example "2026-11-20" */
  @IsISO8601({ strict: true })
  blockedOn: string;

  @ApiProperty({ enum: DATE_PRECISIONS, required: false, example: 'day' })
  @IsOptional()
  @IsIn(DATE_PRECISIONS)
  blockedOnPrecision?: DatePrecision;

  /** Domains the decision names (add blocklist entries separately). @example ["fake-exchange.example"] */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(1000)
  @IsString({ each: true })
  domains?: string[];

  @ValidateNested()
  @Type(() => SourceInputDto)
  source: SourceInputDto;
}

export class AmendBlockedEntityDto extends PartialType(OmitType(CreateBlockedEntityDto, ['blockedOn'] as const)) {}

export class LiftBlockDto {
  /** @example "2026-12-01" */
  @IsISO8601({ strict: true })
  liftedOn: string;

  /** @example "Decision DEMO-DECISION-2026-0002 lifted the block after review." */
  @IsString()
  @MinLength(3)
  @MaxLength(1000)
  liftReason: string;
}
