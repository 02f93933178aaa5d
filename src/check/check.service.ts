import { Injectable } from '@nestjs/common';
import type { OfficialDomain } from '../firms/official-domain.js';
import { sourcesOf, toSourceDto } from '../provenance/source.js';
import { type Lang, negotiateLang } from '../platform/i18n/languages.js';
import { translate } from '../platform/i18n/translate.js';
import { CanonicaliseError, type CanonicalTarget, canonicaliseTarget } from '../domain-names/canonicalise.js';
import { type IndexMatch, lookup } from './check-index.js';
import { CheckIndexService } from './check-index.service.js';
import { CHECK_MESSAGES, type NoticeKey, type ReasonCode } from './check-messages.js';
import type { CheckFirmDto, CheckQueryDto, CheckResultDto, Verdict } from './check.dto.js';
import { InvalidTargetError } from './check.errors.js';

@Injectable()
export class CheckService {
  constructor(private readonly index: CheckIndexService) {}

  async check(query: CheckQueryDto, acceptLanguage: string | undefined, now = new Date()): Promise<CheckResultDto> {
    const lang = negotiateLang(query.lang, acceptLanguage);
    const target = parseTarget(query.q);
    const index = await this.index.get(now.getTime());
    const match = lookup(index, target);
    return {
      query: query.q,
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
      checkedAt: now.toISOString(),
    };
  }
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

function describe(match: IndexMatch, target: CanonicalTarget, lang: Lang): Described {
  const say = (code: ReasonCode | NoticeKey, params: Record<string, string | number> = {}) =>
    translate(CHECK_MESSAGES, code, lang, { host: target.displayHost, ...params });
  const result = (verdict: Verdict, code: ReasonCode, params: Record<string, string> = {}) => ({
    verdict,
    reason: { code, message: say(code, params) },
  });

  switch (match.kind) {
    case 'blocked': {
      const { entry, blockedEntity } = match;
      const code: ReasonCode = match.via === 'url' ? 'blocked-url' : match.via === 'ip' ? 'blocked-ip' : 'blocked-domain';
      return {
        ...result('blocked', code, { value: entry.displayValue, legalBasis: entry.legalBasis.en }),
        notices: [],
        firm: null,
        blockedEntity: blockedEntity && {
          id: blockedEntity.id,
          name: blockedEntity.name.en,
          authority: blockedEntity.authority.en,
          requestedBy: blockedEntity.requestedBy?.en ?? null,
          legalBasis: blockedEntity.legalBasis.en,
          decisionNumber: blockedEntity.decisionNumber,
          blockedOn: blockedEntity.blockedOn,
          blockedOnPrecision: blockedEntity.blockedOnPrecision,
        },
        entry: {
          id: entry.id,
          kind: entry.kind,
          value: entry.value,
          match: entry.match,
          addedSerial: Number(entry.addedSerial),
          legalBasis: entry.legalBasis.en,
        },
        sources: sourcesOf(entry.source, blockedEntity?.source).map(toSourceDto),
      };
    }
    case 'firm': {
      const { official } = match;
      const { firm, domain } = official;
      const name = firmName(official, lang);
      const active = firm.licences.find((l) => l.status === 'active');
      const found =
        firm.licensingStatus === 'licensed' && active
          ? result('licensed', 'licensed-firm-domain', { firm: name, regulator: active.regulator, licence: active.number })
          : result('unknown', firm.licensingStatus === 'suspended' ? 'firm-licence-suspended' : 'firm-not-licensed', { firm: name });
      return {
        ...found,
        notices: found.verdict === 'licensed' ? [say('check-exact-address', { domain })] : [say('not-listed-is-not-safe')],
        firm: toCheckFirm(official),
        blockedEntity: null,
        entry: null,
        sources: sourcesOf(firm.source, active?.source).map(toSourceDto),
      };
    }
    case 'none':
      return {
        ...result('unknown', 'not-listed'),
        notices: [say('not-listed-is-not-safe')],
        firm: null,
        blockedEntity: null,
        entry: null,
        sources: [],
      };
  }
}

function firmName({ firm }: OfficialDomain, lang: Lang): string {
  return firm.names[lang] ?? firm.names.en;
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
