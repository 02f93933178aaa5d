import { ApiProperty, OmitType, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsDefined,
  IsISO8601,
  IsIn,
  IsOptional,
  IsString,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { DATE_PRECISIONS, type DatePrecision } from '../provenance/date-precision.js';
import { SourceInputDto } from '../provenance/source.dto.js';
import { NormalisedText } from '../platform/i18n/free-text.js';
import type { LocalisedTextInput } from '../text/localised-text.js';
import { EXAMPLE_LAW, LocalisedTextField } from '../text/localised-text.dto.js';

/** At most this many aliases, each at most MAX_ALIAS_LENGTH characters. */
export const MAX_ALIASES = 50;
export const MAX_ALIAS_LENGTH = 200;
/** At most this many domains named by one decision, each as written at most MAX_DOMAIN_INPUT_LENGTH characters. */
export const MAX_DECISION_DOMAINS = 1000;
export const MAX_DOMAIN_INPUT_LENGTH = 300;

export class CreateBlockedEntityDto {
  @LocalisedTextField({ description: 'The name of the blocked site or firm.', example: { en: 'Fake Exchange KZ', ru: 'Фейк Биржа KZ' } })
  name: LocalisedTextInput;

  /** Other names it goes by; at most 50, each 1-200 characters. @example ["Фейк Биржа"] */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_ALIASES)
  @NormalisedText()
  @IsString({ each: true })
  @MinLength(1, { each: true })
  @MaxLength(MAX_ALIAS_LENGTH, { each: true })
  aliases?: string[];

  /** @example "online-exchange" */
  @NormalisedText()
  @IsString()
  @MinLength(2)
  @MaxLength(100)
  category: string;

  @LocalisedTextField({
    description: 'The body that ordered the block.',
    example: {
      en: 'National Security Committee of the Republic of Kazakhstan',
      ru: 'Комитет национальной безопасности Республики Казахстан',
      kk: 'Қазақстан Республикасының Ұлттық қауіпсіздік комитеті',
    },
  })
  authority: LocalisedTextInput;

  @LocalisedTextField({
    optional: true,
    description: 'The body that asked for the block, where different (null clears it).',
    example: { en: 'Financial Monitoring Agency of the Republic of Kazakhstan' },
  })
  requestedBy?: LocalisedTextInput;

  @LocalisedTextField({ description: 'The law the block rests on.', example: EXAMPLE_LAW })
  legalBasis: LocalisedTextInput;

  /** @example "DEMO-DECISION-2026-0001" */
  @IsOptional()
  @NormalisedText()
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

  /**
   * Domains the decision names (add blocklist entries separately); at most 1,000, each at most 300 characters as
   * written. @example ["fake-exchange.example"]
   */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_DECISION_DOMAINS)
  @IsString({ each: true })
  @MaxLength(MAX_DOMAIN_INPUT_LENGTH, { each: true })
  domains?: string[];

  @IsDefined()
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
  @NormalisedText()
  @IsString()
  @MinLength(3)
  @MaxLength(1000)
  liftReason: string;
}
