// What a bank's verification answers, decided from the hits a query found: which record it is, how sure, its status on
// the day asked, and why. Plain functions: the service gathers the hits and records, this file decides.
import type { BlockedEntityDto } from '../blocked-entities/blocked-entities.dto.js';
import type { FirmOnDay } from '../firms/firm-on-day.js';
import type { Lang } from '../platform/i18n/languages.js';
import { translate } from '../platform/i18n/translate.js';
import { foldName } from '../text/name-fold.js';
import type { WarningDto } from '../warnings/warnings.dto.js';
import { VERIFICATION_MESSAGES } from './verification.messages.js';

export const VERIFICATION_STATUSES = ['licensed', 'suspended', 'not_licensed', 'blocked', 'warned', 'not_found', 'ambiguous', 'invalid'] as const;
export type VerificationStatus = (typeof VERIFICATION_STATUSES)[number];

export const MATCH_KINDS = ['firm', 'blocked-entity', 'warning'] as const;
export type MatchKind = (typeof MATCH_KINDS)[number];

export const MATCH_FEATURES = ['bin', 'lei', 'licenceNumber', 'name', 'domain'] as const;
export type MatchFeature = (typeof MATCH_FEATURES)[number];

export const MAX_BATCH_ITEMS = 1000;
/** A name of one character matches everything and nothing: refused. */
export const MIN_NAME_LENGTH = 2;

/** A name hit's score is this times its similarity, so a fuzzy hit never scores as an identifier does (1). */
export const NAME_WEIGHT = 0.9;
/** pg_trgm similarity below which a name is not a match at all (bybit / bybit kazakhstan is 0.47). */
export const MIN_NAME_SIMILARITY = 0.4;
/** Two name-only candidates closer than this are ambiguous: the bank must say more (an identifier, a domain). */
export const AMBIGUITY_MARGIN = 0.05;
const MAX_CANDIDATES = 5;

/** A query as read: every field already checked (identifier check digits, domain canonicalised, day in range). */
export interface VerificationQuery {
  bin?: string;
  lei?: string;
  licenceNumber?: string;
  name?: string;
  /** The canonical host of `domain` (A-label). */
  domain?: string;
  asOf: string;
}

/** One thing a query found: `feature` of record `kind`/`id` matched. */
export interface Hit {
  kind: MatchKind;
  id: string;
  feature: MatchFeature;
  /** 1 for identifiers and domains; NAME_WEIGHT times the similarity for names. */
  score: number;
  /** Domains: the official or named domain that covers the host. Names: the record's closest name, folded. */
  via?: string;
  similarity?: number;
}

export type RecordOnDay =
  | { kind: 'firm'; id: string; name: string; onDay: FirmOnDay }
  | { kind: 'blocked-entity'; id: string; name: string; entity: BlockedEntityDto }
  | { kind: 'warning'; id: string; name: string; warning: WarningDto; recordedOn: string };

export interface Candidate {
  kind: MatchKind;
  id: string;
  score: number;
  /** Identifier and domain features it matched (what makes it certain). */
  identities: number;
  hits: Map<MatchFeature, Hit>;
}

export interface Outcome {
  status: Exclude<VerificationStatus, 'invalid'>;
  score: number;
  match: RecordOnDay | null;
  /** What the match is called in the answer: a warning by the brand the query named (it names several). */
  matchName: string | null;
  candidates: { candidate: Candidate; record: RecordOnDay }[];
  features: { feature: MatchFeature; value: string; matched: boolean; score: number; explanation: string }[];
  message: string;
}

const KIND_ORDER: Record<MatchKind, number> = { 'blocked-entity': 0, warning: 1, firm: 2 };

export const recordKey = (kind: MatchKind, id: string) => `${kind}:${id}`;

/** The hits grouped per record, best first: score, then how many identities agree, then blocks before warnings before firms. */
export function rankCandidates(hits: readonly Hit[]): Candidate[] {
  const byRecord = new Map<string, Candidate>();
  for (const hit of hits) {
    const key = recordKey(hit.kind, hit.id);
    const candidate = byRecord.get(key) ?? { kind: hit.kind, id: hit.id, score: 0, identities: 0, hits: new Map() };
    const known = candidate.hits.get(hit.feature);
    if (!known || known.score < hit.score) candidate.hits.set(hit.feature, hit);
    byRecord.set(key, candidate);
  }
  for (const c of byRecord.values()) {
    c.score = Math.max(...[...c.hits.values()].map((h) => h.score));
    c.identities = [...c.hits.keys()].filter((f) => f !== 'name').length;
  }
  return [...byRecord.values()].sort(
    (a, b) => b.score - a.score || b.identities - a.identities || KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || a.id.localeCompare(b.id),
  );
}

/**
 * Ambiguous when two records are each pointed at by an identifier or domain (the bank's data names two
 * counterparties), or when the best is a name alone and the next is within AMBIGUITY_MARGIN of it.
 */
export function isAmbiguous(ranked: readonly Candidate[]): boolean {
  const [best, next] = ranked;
  if (!best || !next) return false;
  if (best.identities > 0) return next.identities > 0;
  return best.score - next.score < AMBIGUITY_MARGIN;
}

/** Whether a block was in force on `day`: from blockedOn, until (not including) liftedOn. */
export function blockInForceOn(entity: Pick<BlockedEntityDto, 'blockedOn' | 'liftedOn'>, day: string): boolean {
  return entity.blockedOn <= day && (entity.liftedOn === null || entity.liftedOn > day);
}

/** Whether a warning stood on `day`: from its issue (or, undated, from when the registry recorded it) until withdrawn. */
export function warningInForceOn(warning: Pick<WarningDto, 'issuedOn' | 'withdrawnOn'>, recordedOn: string, day: string): boolean {
  return (warning.issuedOn ?? recordedOn) <= day && (warning.withdrawnOn === null || warning.withdrawnOn > day);
}

function statusOf(record: RecordOnDay, day: string): { status: Outcome['status']; message: keyof typeof VERIFICATION_MESSAGES } {
  switch (record.kind) {
    case 'firm': {
      const standing = record.onDay.standing;
      if (standing === 'licensed') return { status: 'licensed', message: 'licensed' };
      if (standing === 'suspended') return { status: 'suspended', message: 'suspended' };
      return { status: 'not_licensed', message: record.onDay.licences.some((l) => l.status !== null) ? 'firm-not-licensed' : 'firm-not-yet-licensed' };
    }
    case 'blocked-entity':
      if (blockInForceOn(record.entity, day)) return { status: 'blocked', message: 'blocked' };
      return { status: 'not_licensed', message: record.entity.blockedOn > day ? 'block-later' : 'block-lifted' };
    case 'warning':
      if (warningInForceOn(record.warning, record.recordedOn, day)) return { status: 'warned', message: 'warned' };
      return { status: 'not_licensed', message: record.warning.withdrawnOn !== null && record.warning.withdrawnOn <= day ? 'warning-withdrawn' : 'warning-later' };
  }
}

/**
 * A warning names several brands: the answer names the one the query meant, by its name (a brand or an alias that
 * folds the same) or its domain (the brand that is the domain's first label); all of them when neither says.
 */
export function nameInAnswer(record: RecordOnDay, hits: ReadonlyMap<MatchFeature, Hit>): string {
  if (record.kind !== 'warning') return record.name;
  const { brands } = record.warning;
  const named = hits.get('name')?.via;
  const label = hits.get('domain')?.via?.split('.')[0];
  const brand = brands.find((b) => foldName(b) === named) ?? brands.find((b) => foldName(b) === label);
  return brand ?? brands.join(', ');
}

function featureValue(query: VerificationQuery, feature: MatchFeature): string | undefined {
  return query[feature];
}

function explainFeature(feature: MatchFeature, hit: Hit | undefined, value: string, lang: Lang): string {
  const t = (key: keyof typeof VERIFICATION_MESSAGES, params = {}) => translate(VERIFICATION_MESSAGES, key, lang, { value, ...params });
  if (!hit) return t(`${feature}-not-matched`);
  if (feature === 'name') return t('name-matched', { name: hit.via ?? '', similarity: (hit.similarity ?? 0).toFixed(2) });
  if (feature === 'domain') return hit.via === value ? t('domain-matched') : t('domain-under', { via: hit.via ?? '' });
  return t(`${feature}-matched`);
}

/** The answer to one query from its hits and the records they point at (every ranked candidate's record loaded). */
export function decide(query: VerificationQuery, hits: readonly Hit[], records: ReadonlyMap<string, RecordOnDay>, lang: Lang): Outcome {
  const ranked = rankCandidates(hits).filter((c) => records.has(recordKey(c.kind, c.id)));
  const candidates = ranked.slice(0, MAX_CANDIDATES).map((candidate) => ({ candidate, record: records.get(recordKey(candidate.kind, candidate.id))! }));
  const best = candidates[0];
  const asked = MATCH_FEATURES.flatMap((feature) => {
    const value = featureValue(query, feature);
    return value === undefined ? [] : [{ feature, value }];
  });
  const features = (candidate: Candidate | undefined) =>
    asked.map(({ feature, value }) => {
      const hit = candidate?.hits.get(feature);
      return { feature, value, matched: hit !== undefined, score: hit?.score ?? 0, explanation: explainFeature(feature, hit, value, lang) };
    });
  const day = query.asOf;
  if (!best) {
    return { status: 'not_found', score: 0, match: null, matchName: null, candidates: [], features: features(undefined), message: translate(VERIFICATION_MESSAGES, 'not_found', lang, { day }) };
  }
  if (isAmbiguous(ranked)) {
    const names = candidates.slice(0, 2).map((c) => c.record.name);
    return {
      status: 'ambiguous',
      score: 0,
      match: null,
      matchName: null,
      candidates,
      features: features(undefined),
      message: translate(VERIFICATION_MESSAGES, 'ambiguous', lang, { first: names[0]!, second: names[1]! }),
    };
  }
  const { status, message } = statusOf(best.record, day);
  const name = nameInAnswer(best.record, best.candidate.hits);
  return {
    status,
    score: best.candidate.score,
    match: best.record,
    matchName: name,
    candidates,
    features: features(best.candidate),
    message: translate(VERIFICATION_MESSAGES, message, lang, { name, day }),
  };
}
