import { ApiProperty } from '@nestjs/swagger';
import { SOURCE_CONFIDENCES, type SourceConfidence, type SourceEmbedded } from './source.embedded.js';

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
}

export function toSourceDto(source: SourceEmbedded): SourceDto {
  return { url: source.url, document: source.document, readOn: source.readOn, confidence: source.confidence };
}
