// The examples the OpenAPI document gives of a publication's files: rendered by the formats themselves from two sample
// entries, so each is what the route really serves (the RPZ's SOA and NS as the RPZ renderer writes them).
import { BLOCKLIST_FORMATS } from '../formats/blocklist-formats.js';
import type { PublicationContext, PublishedEntry } from '../formats/blocklist-format.js';

const CONTEXT: PublicationContext = {
  serial: 42,
  publishedAt: '2026-12-02T01:00:00Z',
  expiresAt: '2026-12-03T01:00:00Z',
  rpzZone: 'kz-crypto-registry.rpz',
  subtreeDomains: new Set(['fake-exchange.example']),
  hostCidrs: new Set(),
};

const common = {
  addedSerial: 41,
  addedAt: '2026-12-02T00:59:58Z',
  legalBasis: { en: 'Law of the Republic of Kazakhstan "On Digital Assets", Art. 11(5)', ru: null, kk: null },
  source: { url: 'https://example.org/decision', document: null, readOn: '2026-11-24', confidence: 'verified' as const, demo: false },
  blockedEntity: null,
};

// In the canonical order (kind, match, value), as the renderers receive entries.
const ENTRIES = [
  { ...common, id: '5e4d3c2b-1a09-4f8e-b7d6-c5b4a3928170', kind: 'domain', value: 'fake-exchange.example', displayValue: 'fake-exchange.example', match: 'subtree' },
  { ...common, id: '9a7b6c5d-4e3f-4a1b-8c9d-0e1f2a3b4c5d', kind: 'ipv4', value: '192.0.2.10', displayValue: '192.0.2.10', match: 'exact' },
] as unknown as PublishedEntry[];

/** Each format's file of the two sample entries at serial 42, by file name. */
export function sampleFiles(): { fileName: string; mediaType: string; text: string }[] {
  return BLOCKLIST_FORMATS.map((format) => ({
    fileName: format.fileName,
    mediaType: format.mediaType,
    text: format.header(CONTEXT) + ENTRIES.map((entry) => format.line(entry, CONTEXT)).join('') + format.footer(CONTEXT),
  }));
}
