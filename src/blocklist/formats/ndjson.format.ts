// Every entry in force with its full metadata, one JSON object per line: legal basis, source, and the decision.
import type { BlocklistFormat, PublishedBlockedEntity, PublishedEntry } from './blocklist-format.js';
import type { LocalisedText } from '../../text/localised-text.js';

// Every object is rebuilt field by field, so the bytes depend on the values only, never on how a caller built them.
const text = (t: LocalisedText) => ({ en: t.en, ru: t.ru, kk: t.kk });

function blockedEntity(e: PublishedBlockedEntity) {
  return {
    id: e.id,
    name: text(e.name),
    category: e.category,
    authority: text(e.authority),
    requestedBy: e.requestedBy && text(e.requestedBy),
    legalBasis: text(e.legalBasis),
    decisionNumber: e.decisionNumber,
    decisionDate: e.decisionDate,
    blockedOn: e.blockedOn,
    blockedOnPrecision: e.blockedOnPrecision,
    liftedOn: e.liftedOn,
    state: e.state,
  };
}

export function ndjsonRecord(entry: PublishedEntry) {
  return {
    id: entry.id,
    kind: entry.kind,
    value: entry.value,
    displayValue: entry.displayValue,
    match: entry.match,
    addedSerial: entry.addedSerial,
    addedAt: entry.addedAt,
    legalBasis: text(entry.legalBasis),
    source: {
      url: entry.source.url,
      document: entry.source.document,
      readOn: entry.source.readOn,
      confidence: entry.source.confidence,
      demo: entry.source.demo,
    },
    blockedEntity: entry.blockedEntity && blockedEntity(entry.blockedEntity),
  };
}

export const NDJSON_FORMAT: BlocklistFormat = {
  format: 'ndjson',
  fileName: 'entries.ndjson',
  mediaType: 'application/x-ndjson',
  kinds: ['cidr', 'domain', 'ipv4', 'ipv6', 'url'],
  subtrees: true,
  header: () => '',
  // JSON.stringify escapes line breaks inside strings, so a record is always one line.
  line: (entry) => `${JSON.stringify(ndjsonRecord(entry))}\n`,
  footer: () => '',
};
