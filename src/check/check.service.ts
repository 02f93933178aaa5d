import { Injectable } from '@nestjs/common';
import type { OfficialDomain } from '../firms/official-domain.js';
import { sourcesOf, toSourceDto } from '../provenance/source.js';
import { type Lang, negotiateLang } from '../platform/i18n/languages.js';
import { translate } from '../platform/i18n/translate.js';
import { CanonicaliseError, type CanonicalTarget, canonicaliseTarget } from '../domain-names/canonicalise.js';
import { CheckAnswerCache } from './check-answer-cache.js';
import { type CheckIndex, type IndexMatch, lookup } from './check-index.js';
import { CheckIndexService } from './check-index.service.js';
import type { BlockedEntityDto } from '../blocked-entities/blocked-entities.dto.js';
import type { SourceEmbedded } from '../provenance/source.embedded.js';
import { inLang } from '../text/localised-text.js';
import { CHECK_MESSAGES, type NoticeKey, type ReasonCode, type ReasonVariant } from './check-messages.js';
import type { CheckBlockedEntityDto, CheckFirmDto, CheckQueryDto, CheckResultDto } from './check.dto.js';
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
    const target = parseTarget(query.q);
    const { index, staleSince } = await this.index.get();
    return { ...answerOn(index, query.q, target, lang), ...perRequest(now.getTime(), staleSince) };
  }

  /** The same answer as JSON text (what the API sends), the part shared by every request on this index kept. */
  async answer(query: CheckQueryDto, acceptLanguage: string | undefined, now = Date.now()): Promise<{ lang: Lang; json: string }> {
    const lang = negotiateLang(query.lang, acceptLanguage);
    const { index, staleSince } = await this.index.get();
    // `{"query":...,"serial":...}` kept without its closing brace; the per-request fields close it.
    const head = this.answers.answer(index, lang, query.q, () => JSON.stringify(answerOn(index, query.q, parseTarget(query.q), lang)).slice(0, -1));
    return { lang, json: `${head},${JSON.stringify(perRequest(now, staleSince)).slice(1)}` };
  }
}

function answerOn(index: CheckIndex, q: string, target: CanonicalTarget, lang: Lang): IndexedAnswer {
  const match = lookup(index, target);
  return {
    query: q,
    target: {
      kind: target.kind,
      host: target.host,
      displayHost: target.displayHost,
      registrableDomain: target.registrableDomain,
      url: target.url,
    },
    ...describe(match, target, lang),
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

type Described = Pick<CheckResultDto, 'verdict' | 'reason' | 'notices' | 'firm' | 'blockedEntity' | 'entry' | 'sources'>;
type Say = (key: ReasonCode | ReasonVariant | NoticeKey, params?: Record<string, string | number>) => string;

function describe(match: IndexMatch, target: CanonicalTarget, lang: Lang): Described {
  const say: Say = (key, params = {}) => translate(CHECK_MESSAGES, key, lang, { host: target.displayHost, ...params });
  const { verdict, reason, notices, firm, blockedEntity, entry, records } = describeMatch(match, lang, say);
  return {
    verdict,
    reason,
    notices: [...notices, ...provenanceNotices(records, say)],
    firm,
    blockedEntity,
    entry,
    sources: records.map(toSourceDto),
  };
}

/** What the verdict rests on, by the records' own sources; notices about provenance are added from these. */
type Found = Omit<Described, 'sources'> & { records: SourceEmbedded[] };

function describeMatch(match: IndexMatch, lang: Lang, say: Say): Found {
  const reason = (code: ReasonCode, params: Record<string, string> = {}, variant?: ReasonVariant) => ({
    code,
    message: say(variant ?? code, params),
  });
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
      const common = { firm: toCheckFirm(official), blockedEntity: null, entry: null };
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

function toCheckFirm({ firm, domain }: OfficialDomain): CheckFirmDto {
  return {
    id: firm.id,
    names: firm.names,
    licensingStatus: firm.licensingStatus,
    matchedDomain: domain,
    licences: firm.licences
      .filter((l) => l.status === 'active' || l.status === 'suspended')
      .map((l) => ({ number: l.number, regulator: l.regulator, status: l.status, activities: l.activities })),
  };
}
