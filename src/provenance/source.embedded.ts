// Where a fact comes from: every record carries one, so the registry never states what it cannot cite.
import { Column } from 'typeorm';

export const SOURCE_CONFIDENCES = ['verified', 'third-party', 'unconfirmed'] as const;
/** verified: read at the official source; third-party: press or others' code; unconfirmed: neither. */
export type SourceConfidence = (typeof SOURCE_CONFIDENCES)[number];

export class SourceEmbedded {
  @Column({ name: 'url', type: 'text', nullable: true })
  url: string | null;

  @Column({ name: 'document', type: 'text', nullable: true })
  document: string | null;

  /** The day the source was read. */
  @Column({ name: 'read_on', type: 'date' })
  readOn: string;

  @Column({ name: 'confidence', type: 'text' })
  confidence: SourceConfidence;

  /**
   * The record was loaded as demo data: it illustrates the registry and is not an official statement. Only the demo
   * loader sets it (operators' writes never do); absent on input means false.
   */
  @Column({ name: 'demo', type: 'boolean', default: false })
  demo?: boolean;
}

/** CHECK expressions shared by every table that embeds a source (prefix `source_`). */
export const SOURCE_CHECKS = {
  present: '"source_url" IS NOT NULL OR "source_document" IS NOT NULL',
  confidence: `"source_confidence" IN ('verified', 'third-party', 'unconfirmed')`,
} as const;
