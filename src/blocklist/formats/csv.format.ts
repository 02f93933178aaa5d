// Every entry in force with its legal basis, source and decision, one CSV row each, for spreadsheets and audits.
import { stringify } from 'csv-stringify/sync';
import type { BlocklistFormat, PublishedEntry } from './blocklist-format.js';

export const CSV_COLUMNS = [
  'id',
  'kind',
  'value',
  'display_value',
  'match',
  'added_serial',
  'added_at',
  'legal_basis_en',
  'legal_basis_ru',
  'legal_basis_kk',
  'source_url',
  'source_document',
  'source_read_on',
  'source_confidence',
  'source_demo',
  'blocked_entity_id',
  'blocked_entity_name_en',
  'authority_en',
  'decision_number',
  'decision_date',
  'blocked_on',
  'blocked_on_precision',
  'lifted_on',
] as const;

/** Quoted only where a cell needs it (RFC 4180), `\n` between rows; booleans as words. */
const OPTIONS = { record_delimiter: 'unix', cast: { boolean: (value: boolean) => String(value) } } as const;

function row(entry: PublishedEntry): (string | number | boolean | null)[] {
  const entity = entry.blockedEntity;
  return [
    entry.id,
    entry.kind,
    entry.value,
    entry.displayValue,
    entry.match,
    entry.addedSerial,
    entry.addedAt,
    entry.legalBasis.en,
    entry.legalBasis.ru,
    entry.legalBasis.kk,
    entry.source.url,
    entry.source.document,
    entry.source.readOn,
    entry.source.confidence,
    entry.source.demo,
    entity?.id ?? null,
    entity?.name.en ?? null,
    entity?.authority.en ?? null,
    entity?.decisionNumber ?? null,
    entity?.decisionDate ?? null,
    entity?.blockedOn ?? null,
    entity?.blockedOnPrecision ?? null,
    entity?.liftedOn ?? null,
  ];
}

export const CSV_FORMAT: BlocklistFormat = {
  format: 'csv',
  fileName: 'entries.csv',
  mediaType: 'text/csv; charset=utf-8',
  kinds: ['cidr', 'domain', 'ipv4', 'ipv6', 'url'],
  subtrees: true,
  header: () => stringify([[...CSV_COLUMNS]], OPTIONS),
  line: (entry) => stringify([row(entry)], OPTIONS),
  footer: () => '',
};
