// What the publisher hands each format, as the shared design fixes it (src/blocklist/formats/ renders it).
import type { EntryKind, MatchMode } from '../../domain-names/entry-kinds.js';

interface LocalisedText {
  en: string;
  ru: string | null;
  kk: string | null;
}

/** One entry in force as the COPY of PublicationsRepository.streamPublished gives it. */
export interface PublishedEntryRow {
  id: string;
  kind: EntryKind;
  value: string;
  displayValue: string;
  match: MatchMode;
  addedSerial: number;
  addedAt: string;
  legalBasis: LocalisedText;
  source: { url: string | null; document: string | null; readOn: string; confidence: string; demo: boolean };
  blockedEntity: {
    id: string;
    name: LocalisedText;
    authority: LocalisedText;
    decision: string | null;
    decidedOn: string | null;
    blockedAt: string | null;
  } | null;
}
