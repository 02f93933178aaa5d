// Provenance over HTTP: how a source is written by operators and shown to everyone.
import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsString, IsUrl, MaxLength, MinLength, ValidateIf } from 'class-validator';
import { NormalisedText } from '../platform/i18n/free-text.js';
import { SOURCE_CONFIDENCES, type SourceConfidence } from './source.embedded.js';

export class SourceInputDto {
  /** @example "https://www.gov.kz/memleket/entities/mci" */
  @ValidateIf((o: SourceInputDto) => !o.document)
  @IsUrl({ require_protocol: true, protocols: ['http', 'https'] })
  @MaxLength(2048)
  url?: string;

  /** A document, when there is no URL. @example "KNB decision of 2024-06-01" */
  @ValidateIf((o: SourceInputDto) => !o.url)
  @NormalisedText()
  @IsString()
  @MinLength(3)
  @MaxLength(2000)
  document?: string;

  /** @example "2026-11-24" */
  @IsISO8601({ strict: true })
  readOn: string;

  @ApiProperty({ enum: SOURCE_CONFIDENCES, example: 'verified' })
  @IsIn(SOURCE_CONFIDENCES)
  confidence: SourceConfidence;
}


export class SourceDto {
  /** Where the fact was read. @example "https://afsa.aifc.kz/" */
  url: string | null;
  /** A document, when there is no URL (title, number, date). @example null */
  document: string | null;
  /** When the source was read (ISO date). @example "2026-11-20" */
  readOn: string;
  /** verified: read at the official source; third-party: press or others' reports; unconfirmed: neither. */
  @ApiProperty({ enum: SOURCE_CONFIDENCES, example: 'third-party' })
  confidence: SourceConfidence;
  /** True for a record loaded as demo data: it illustrates the registry and is not an official statement. @example true */
  demo: boolean;
}
