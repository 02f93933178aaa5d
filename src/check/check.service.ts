import { Injectable } from '@nestjs/common';
import { sourcesOf, toSourceDto } from '../provenance/source.js';
import { type Lang, negotiateLang } from '../platform/i18n/languages.js';
import { translate } from '../platform/i18n/translate.js';
import { CanonicaliseError, type CanonicalTarget, canonicaliseTarget } from '../domain-names/canonicalise.js';
import type { FirmView } from '../firms/official-domain.js';
import type { WarningDto } from '../warnings/warnings.dto.js';
import { CheckAnswerCache } from './check-answer-cache.js';
import { type CheckIndex, type IndexMatch, lookup } from './check-index.js';
import { lookalikeFindings } from './lookalike-findings.js';
import type { LookalikeHit } from '../lookalike/lookalike.js';
import type { NameHit } from './name-index.js';
import { classifyQuery } from '../domain-names/query-kind.js';
import { CheckIndexService } from './check-index.service.js';
import type { BlockedEntityDto } from '../blocked-entities/blocked-entities.dto.js';
import type { SourceEmbedded } from '../provenance/source.embedded.js';
import { inLang } from '../text/localised-text.js';
import { CHECK_MESSAGES, type NoticeKey, type ReasonCode, type ReasonVariant } from './check-messages.js';
import type {
  CheckBlockedEntityDto,
  CheckFirmDto,
  CheckLookalikeDto,
  CheckNameMatchDto,
  CheckQueryDto,
  CheckResultDto,
  CheckWarningDto,
  Verdict,
} from './check.dto.js';
import { InvalidTargetError } from './check.errors.js';

/** What an answer says that holds for every request on the same index: all but the fields of `perRequest`. */
type IndexedAnswer = Omit<CheckResultDto, 'stale' | 'checkedAt'>;

/** The fields computed for each request, even when the rest of the answer is kept (check-answer-cache.ts). */
function perRequest(nowMs: number, staleSince: number | null): Pick<CheckResultDto, 'stale' | 'checkedAt'> {
  return {
    stale:
      staleSince === null
        ? null
        : { since: new Date(staleSince).toISOString(), ageSeconds: Math.max(0, Math.floor((nowMs - staleSince) / 1000)) },
    checkedAt: isoTime(nowMs),
  };
}

/** A kept answer's shared part (`{"query":...,"serial":...` without its closing brace) closed by this request's fields. */
function closeAnswer(head: string, nowMs: number, staleSince: number | null): string {
  return `${head},${JSON.stringify(perRequest(nowMs, staleSince)).slice(1)}`;
}

let isoMs = Number.NaN;
let isoText = '';

/** The time as ISO text, written once per millisecond: toISOString was 1.5 % of a kept answer's CPU. */
function isoTime(ms: number): string {
  if (ms !== isoMs) {
    isoMs = ms;
    isoText = new Date(ms).toISOString();
  }
  return isoText;
}

@Injectable()
export class CheckService {
  constructor(
    private readonly index: CheckIndexService,
    private readonly answers: CheckAnswerCache = new CheckAnswerCache(0),
  ) {}

  async check(query: CheckQueryDto, acceptLanguage: string | undefined, now = new Date()): Promise<CheckResultDto> {
    const lang = negotiateLang(query.lang, acceptLanguage);
    const question = readQuery(query.q);
    const { index, staleSince } = await this.index.get();
    return { ...answerOn(index, query.q, question, lang), ...perRequest(now.getTime(), staleSince) };
  }

  /**
   * The answer as answer() would give it, when it is kept for the index to answer from at once; null otherwise (then
   * ask answer(), which waits, computes or refuses as it must).
   */
  keptAnswer(query: CheckQueryDto, acceptLanguage: string | undefined, now = Date.now()): { lang: Lang; json: string } | null {
    const state = this.index.current();
    if (!state) return null;
    const lang = negotiateLang(query.lang, acceptLanguage);
    const head = this.answers.kept(state.index, lang, query.q);
    if (head === undefined) return null;
    return { lang, json: closeAnswer(head, now, state.staleSince) };
  }

  /** The same answer as JSON text (what the API sends), the part shared by every request on this index kept. */
  async answer(query: CheckQueryDto, acceptLanguage: string | undefined, now = Date.now()): Promise<{ lang: Lang; json: string }> {
    const lang = negotiateLang(query.lang, acceptLanguage);
    const { index, staleSince } = await this.index.get();
    // `{"query":...,"serial":...}` kept without its closing brace; the per-request fields close it.
    const head = this.answers.answer(index, lang, query.q, () => JSON.stringify(answerOn(index, query.q, readQuery(query.q), lang)).slice(0, -1));
    return { lang, json: closeAnswer(head, now, staleSince) };
  }
}

/** A query is a host or link, or a name (classifyQuery in src/domain-names/query-kind.ts: the rule is documented there). */
type Question = { kind: 'name'; text: string } | { kind: 'target'; target: CanonicalTarget };

function readQuery(q: string): Question {
  const kind = classifyQuery(q);
  return kind.kind === 'name' ? kind : { kind: 'target', target: parseTarget(q) };
}

function answerOn(index: CheckIndex, q: string, question: Question, lang: Lang): IndexedAnswer {
  if (question.kind === 'name') {
    return {
      query: q,
      target: { kind: 'name', host: null, displayHost: null, registrableDomain: null, url: null },
      ...describeName(index, question.text, lang),
      lang,
      serial: index.serial,
    };
  }
  const { target } = question;
  const { lookalikes, displayHostALabel } = lookalikeFindings(index.derived.brands, target);
  return {
    query: q,
    target: {
      kind: target.kind,
      host: target.host,
      displayHost: target.displayHost,
      registrableDomain: target.registrableDomain,
      url: target.url,
    },
    ...describe(lookup(index, target), target, lookalikes, lang),
    matches: [],
    lookalikes: lookalikes.map(toCheckLookalike),
    displayHostALabel,
    lang,
    serial: index.serial,
  };
}

function parseTarget(q: string): CanonicalTarget {
  try {
    return canonicaliseTarget(q);
  } catch (error) {
    if (error instanceof CanonicaliseError) throw new InvalidTargetError(error);
    throw error;
  }
}

type Described = Pick<CheckResultDto, 'verdict' | 'reason' | 'notices' | 'firm' | 'blockedEntity' | 'entry' | 'warning' | 'sources'>;
type Say = (key: ReasonCode | ReasonVariant | NoticeKey, params?: Record<string, string | number>) => string;

/** What the verdict rests on, by the records' own sources; notices about provenance are added from these. */
type Found = Omit<Described, 'sources' | 'warning'> & { warning?: CheckWarningDto | null; records: SourceEmbedded[] };

/** The answer's fields in one order, whatever path found them. */
function finish(found: Found, say: Say): Described {
  return {
    verdict: found.verdict,
    reason: found.reason,
    notices: [...found.notices, ...provenanceNotices(found.records, say)],
    firm: found.firm,
    blockedEntity: found.blockedEntity,
    entry: found.entry,
    warning: found.warning ?? null,
    sources: found.records.map(toSourceDto),
  };
}

const reasonWith = (say: Say) => (code: ReasonCode, params: Record<string, string> = {}, variant?: ReasonVariant) => ({
  code,
  message: say(variant ?? code, params),
});

/** Only evidence of high or medium confidence makes a host `lookalike`; low confidence is listed, not warned about. */
const CONVINCING = new Set(['high', 'medium']);

function describe(match: IndexMatch, target: CanonicalTarget, lookalikes: LookalikeHit[], lang: Lang): Described {
  const say: Say = (key, params = {}) => translate(CHECK_MESSAGES, key, lang, { host: target.displayHost, ...params });
  // A look-alike is said where nothing stronger is known: a block or a warning stands, a firm's own site is never one.
  const imitated = lookalikes.find((hit) => CONVINCING.has(hit.confidence));
  if (imitated && (match.kind === 'none' || match.kind === 'lifted')) return finish(describeLookalike(imitated, say), say);
  return finish(describeMatch(match, lang, say), say);
}

function describeLookalike(hit: LookalikeHit, say: Say): Found {
  const params = { brand: hit.brand.name, officialDomains: hit.brand.officialDomains.join(', ') };
  return {
    verdict: 'lookalike',
    reason: reasonWith(say)('lookalike-domain', params),
    notices: [say('lookalike-advice', params), say('not-listed-is-not-safe')],
    firm: null,
    blockedEntity: null,
    entry: null,
    records: [],
  };
}

function describeMatch(match: IndexMatch, lang: Lang, say: Say): Found {
  const reason = reasonWith(say);
  switch (match.kind) {
    case 'blocked': {
      const { entry, blockedEntity } = match;
      const code: ReasonCode = match.via === 'url' ? 'blocked-url' : match.via === 'ip' ? 'blocked-ip' : 'blocked-domain';
      return {
        verdict: 'blocked',
        reason: reason(code, { value: entry.displayValue, legalBasis: inLang(entry.legalBasis, lang) }),
        notices: [say('blocked-advice')],
        firm: null,
        blockedEntity: blockedEntity && toCheckBlockedEntity(blockedEntity, lang),
        entry: {
          id: entry.id,
          kind: entry.kind,
          value: entry.value,
          match: entry.match,
          addedSerial: Number(entry.addedSerial),
          legalBasis: inLang(entry.legalBasis, lang),
        },
        records: sourcesOf(entry.source, blockedEntity?.source),
      };
    }
    case 'firm': {
      const { official } = match;
      const { firm, domain } = official;
      const name = firm.names[lang] ?? firm.names.en;
      const common = { firm: toCheckFirm(firm, domain), blockedEntity: null, entry: null };
      const active = firm.licences.find((l) => l.status === 'active');
      if (firm.licensingStatus === 'licensed' && active) {
        return {
          ...common,
          verdict: 'licensed',
          reason: reason('licensed-firm-domain', { firm: name, regulator: active.regulator, licence: active.number }),
          notices: [say('check-exact-address', { domain })],
          records: sourcesOf(firm.source, official.source, active.source),
        };
      }
      const suspended = firm.licensingStatus === 'suspended' ? firm.licences.find((l) => l.status === 'suspended') : undefined;
      if (suspended) {
        return {
          ...common,
          verdict: 'suspended',
          reason: suspended.statusSince
            ? reason('firm-licence-suspended', { firm: name, licence: suspended.number, since: suspended.statusSince }, 'firm-licence-suspended-since')
            : reason('firm-licence-suspended', { firm: name, licence: suspended.number }),
          notices: [say('check-exact-address', { domain })],
          records: sourcesOf(firm.source, official.source, suspended.source),
        };
      }
      return {
        ...common,
        verdict: 'unknown',
        reason: reason('firm-not-licensed', { firm: name }),
        notices: [say('not-listed-is-not-safe')],
        records: sourcesOf(firm.source, official.source),
      };
    }
    case 'warned': {
      const { warning, domain } = match;
      const brand = brandOfDomain(warning, domain);
      return {
        verdict: 'warned',
        reason: warnedReason(warning, lang, say, 'warned-domain', { brand }),
        notices: [say('warned-advice')],
        firm: null,
        blockedEntity: null,
        entry: null,
        warning: toCheckWarning(warning, lang),
        records: sourcesOf(warning.source),
      };
    }
    case 'lifted': {
      const { blockedEntity } = match;
      return {
        verdict: 'unknown',
        reason: reason('block-lifted', {
          blockedOn: blockedEntity.blockedOn,
          liftedOn: blockedEntity.liftedOn ?? '',
          authority: inLang(blockedEntity.authority, lang),
        }),
        notices: [say('not-listed-is-not-safe')],
        firm: null,
        blockedEntity: toCheckBlockedEntity(blockedEntity, lang),
        entry: null,
        records: sourcesOf(blockedEntity.source),
      };
    }
    case 'none':
      return {
        verdict: 'unknown',
        reason: reason('not-listed'),
        notices: [say('not-listed-is-not-safe')],
        firm: null,
        blockedEntity: null,
        entry: null,
        records: [],
      };
  }
}

/** The brand of a warning a domain belongs to: the one whose name the domain carries, else the first named. */
function brandOfDomain(warning: WarningDto, domain: string): string {
  return warning.brands.find((b) => domain.includes(b.toLowerCase().replaceAll(' ', ''))) ?? warning.brands[0]!;
}

function warnedReason(
  warning: WarningDto,
  lang: Lang,
  say: Say,
  code: 'warned-domain' | 'warned-name',
  params: Record<string, string>,
): CheckResultDto['reason'] {
  const all = { ...params, issuer: warning.issuer, title: inLang(warning.title, lang) };
  if (warning.issuedOn) return reasonWith(say)(code, { ...all, issuedOn: warning.issuedOn });
  return reasonWith(say)(code, all, code === 'warned-domain' ? 'warned-domain-undated' : 'warned-name-undated');
}

/** Most severe first, for records a name matches equally well. */
const SEVERITY: Record<Verdict, number> = { blocked: 0, warned: 1, lookalike: 2, suspended: 3, licensed: 4, unknown: 5 };

/**
 * A name query: every record whose name, brand or alias the name matches (name-index.ts), best first and, at the same
 * score, the most severe first; the verdict and reason are the first's.
 */
function describeName(index: CheckIndex, text: string, lang: Lang): Omit<IndexedAnswer, 'query' | 'target' | 'lang' | 'serial'> {
  const say: Say = (key, params = {}) => translate(CHECK_MESSAGES, key, lang, { query: text, ...params });
  const matches = index.derived.names
    .find(text)
    .map((hit) => ({ hit, verdict: nameVerdict(index, hit) }))
    .sort((a, b) => b.hit.score - a.hit.score || SEVERITY[a.verdict] - SEVERITY[b.verdict] || a.hit.matched.localeCompare(b.hit.matched));
  const common = { matches: matches.map(({ hit, verdict }) => toNameMatch(hit, verdict)), lookalikes: [], displayHostALabel: null };
  const best = matches[0];
  if (!best) {
    const found: Found = {
      verdict: 'unknown',
      reason: reasonWith(say)('name-not-listed'),
      notices: [say('not-listed-is-not-safe')],
      firm: null,
      blockedEntity: null,
      entry: null,
      records: [],
    };
    return { ...finish(found, say), ...common };
  }
  const found = describeNameHit(index, best.hit, lang, say);
  if (best.hit.score < 1) found.notices.unshift(say('name-close-match', { name: best.hit.matched }));
  return { ...finish(found, say), ...common };
}

function nameVerdict(index: CheckIndex, hit: NameHit): Verdict {
  switch (hit.recordType) {
    case 'firm': {
      const status = index.firms.byId.get(hit.id)!.licensingStatus;
      return status === 'licensed' ? 'licensed' : status === 'suspended' ? 'suspended' : 'unknown';
    }
    case 'blocked-entity':
      return index.blockedEntities.byId.get(hit.id)!.liftedOn === null ? 'blocked' : 'unknown';
    case 'warning':
      return 'warned';
  }
}

function describeNameHit(index: CheckIndex, hit: NameHit, lang: Lang, say: Say): Found {
  const reason = reasonWith(say);
  const none = { firm: null, blockedEntity: null, entry: null };
  switch (hit.recordType) {
    case 'firm': {
      const firm = index.firms.byId.get(hit.id)!;
      const name = firm.names[lang] ?? firm.names.en;
      const sites = firm.domains.length > 0
        ? say('name-official-sites', { firm: name, officialDomains: firm.domains.join(', ') })
        : say('name-no-official-sites', { firm: name });
      const common = { ...none, firm: toCheckFirm(firm, null) };
      const active = firm.licences.find((l) => l.status === 'active');
      if (firm.licensingStatus === 'licensed' && active) {
        return {
          ...common,
          verdict: 'licensed',
          reason: reason('licensed-firm-name', { firm: name, regulator: active.regulator, licence: active.number }),
          notices: [sites],
          records: sourcesOf(firm.source, active.source),
        };
      }
      const suspended = firm.licensingStatus === 'suspended' ? firm.licences.find((l) => l.status === 'suspended') : undefined;
      if (suspended) {
        return {
          ...common,
          verdict: 'suspended',
          reason: reason('suspended-firm-name', { firm: name, licence: suspended.number }),
          notices: [sites],
          records: sourcesOf(firm.source, suspended.source),
        };
      }
      return { ...common, verdict: 'unknown', reason: reason('unlicensed-firm-name', { firm: name }), notices: [say('not-listed-is-not-safe')], records: sourcesOf(firm.source) };
    }
    case 'blocked-entity': {
      const entity = index.blockedEntities.byId.get(hit.id)!;
      const params = { name: inLang(entity.name, lang), blockedOn: entity.blockedOn, authority: inLang(entity.authority, lang) };
      const blockedEntity = toCheckBlockedEntity(entity, lang);
      if (entity.liftedOn === null) {
        return {
          ...none,
          blockedEntity,
          verdict: 'blocked',
          reason: reason('blocked-name', { ...params, legalBasis: inLang(entity.legalBasis, lang) }),
          notices: [say('blocked-advice')],
          records: sourcesOf(entity.source),
        };
      }
      return {
        ...none,
        blockedEntity,
        verdict: 'unknown',
        reason: reason('block-lifted-name', { ...params, liftedOn: entity.liftedOn }),
        notices: [say('not-listed-is-not-safe')],
        records: sourcesOf(entity.source),
      };
    }
    case 'warning': {
      const warning = index.warnings.byId.get(hit.id)!;
      return {
        ...none,
        verdict: 'warned',
        reason: warnedReason(warning, lang, say, 'warned-name', { brand: hit.matched }),
        notices: [say('warned-advice')],
        warning: toCheckWarning(warning, lang),
        records: sourcesOf(warning.source),
      };
    }
  }
}

function toNameMatch(hit: NameHit, verdict: Verdict): CheckNameMatchDto {
  return { recordType: hit.recordType, id: hit.id, name: hit.matched, verdict, score: hit.score };
}

function toCheckWarning(warning: WarningDto, lang: Lang): CheckWarningDto {
  return {
    id: warning.id,
    issuer: warning.issuer,
    brands: warning.brands,
    domains: warning.domains,
    issuedOn: warning.issuedOn,
    title: inLang(warning.title, lang),
    summary: inLang(warning.summary, lang),
  };
}

function toCheckLookalike(hit: LookalikeHit): CheckLookalikeDto {
  return {
    brand: hit.brand.name,
    brandVerdict: hit.brand.kind,
    technique: hit.technique,
    confidence: hit.confidence,
    officialDomains: hit.brand.officialDomains,
    evidence: hit.evidence,
  };
}

/** An answer says in words when a record behind it is demo data or is not confirmed at an official source. */
function provenanceNotices(records: SourceEmbedded[], say: Say): string[] {
  return [
    ...(records.some((s) => s.demo) ? [say('demo-record')] : []),
    ...(records.some((s) => s.confidence === 'unconfirmed') ? [say('unconfirmed-record')] : []),
  ];
}

/** The entity's texts in the answer's language, English where the record has no such version. */
function toCheckBlockedEntity(entity: BlockedEntityDto, lang: Lang): CheckBlockedEntityDto {
  return {
    id: entity.id,
    name: inLang(entity.name, lang),
    authority: inLang(entity.authority, lang),
    requestedBy: entity.requestedBy && inLang(entity.requestedBy, lang),
    legalBasis: inLang(entity.legalBasis, lang),
    decisionNumber: entity.decisionNumber,
    blockedOn: entity.blockedOn,
    blockedOnPrecision: entity.blockedOnPrecision,
    liftedOn: entity.liftedOn,
    liftReason: entity.liftReason,
  };
}

function toCheckFirm(firm: FirmView, matchedDomain: string | null): CheckFirmDto {
  return {
    id: firm.id,
    names: firm.names,
    licensingStatus: firm.licensingStatus,
    matchedDomain,
    officialDomains: firm.domains,
    licences: firm.licences
      .filter((l) => l.status === 'active' || l.status === 'suspended')
      .map((l) => ({ number: l.number, regulator: l.regulator, status: l.status, activities: l.activities })),
  };
}
