// What each citizens' page shows, as plain view models for the templates (which escape everything they print).
import { Inject, Injectable } from '@nestjs/common';
import { domainToASCII } from 'node:url';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import type { BlockedEntityDto } from '../blocked-entities/blocked-entities.dto.js';
import { BlockedEntitiesService } from '../blocked-entities/blocked-entities.service.js';
import type { CheckResultDto } from '../check/check.dto.js';
import { CheckService } from '../check/check.service.js';
import type { FirmDto, ListFirmsQueryDto } from '../firms/firms.dto.js';
import { FirmsService } from '../firms/firms.service.js';
import { LANGUAGES, type Lang } from '../platform/i18n/languages.js';
import { MAX_PAGE_SIZE } from '../platform/http/pagination.dto.js';
import { DomainError, ValidationProblem } from '../platform/http/problem.js';
import { textIn } from '../platform/i18n/translate.js';
import type { SourceDto } from '../provenance/source.dto.js';
import { MAX_COMMENT_LENGTH } from '../reports/reports.dto.js';
import type { ReportSender } from '../reports/report-sender.js';
import { TooManyReportsError } from '../reports/reports.errors.js';
import { ReportsService } from '../reports/reports.service.js';
import type { AuthorityCountDto, PeriodCountDto } from '../statistics/statistics.dto.js';
import { StatisticsService } from '../statistics/statistics.service.js';
import type { LocalisedTextDto } from '../text/localised-text.dto.js';
import { ListWarningsQueryDto, type WarningDto } from '../warnings/warnings.dto.js';
import { WarningsService } from '../warnings/warnings.service.js';
import { barChart, type BarChart } from './charts.js';
import { LANGUAGE_NAMES, type Words, wordFor, wordsIn } from './web-text.js';

/** What every page has: its language, its words, the language switch and the section it belongs to. */
export interface PageFrame {
  lang: Lang;
  t: Words;
  title: string;
  section: 'check' | 'firms' | 'blocked' | 'warnings' | 'statistics';
  languages: { lang: Lang; name: string; href: string; current: boolean }[];
  nav: { section: PageFrame['section']; href: string; label: string }[];
}

export interface Rendered<V> {
  status: number;
  view: V;
}

export type Tone = 'ok' | 'caution' | 'danger' | 'neutral';

const TONES: Record<string, Tone> = { licensed: 'ok', suspended: 'caution', blocked: 'danger', warned: 'danger', lookalike: 'danger', unknown: 'neutral' };
const PAGE_SIZE = 50;
const LONGEST_QUERY = 2048;

function frame(lang: Lang, section: PageFrame['section'], title: (t: Words) => string, path: string, query = ''): PageFrame {
  const t = wordsIn(lang);
  const suffix = path ? `/${path}` : '';
  return {
    lang,
    t,
    title: title(t),
    section,
    languages: LANGUAGES.map((l) => ({ lang: l, name: LANGUAGE_NAMES[l], href: `/${l}${suffix}${query}`, current: l === lang })),
    nav: [
      { section: 'check', href: `/${lang}`, label: t('navCheck') },
      { section: 'firms', href: `/${lang}/firms`, label: t('navFirms') },
      { section: 'blocked', href: `/${lang}/blocked`, label: t('navBlocked') },
      { section: 'warnings', href: `/${lang}/warnings`, label: t('navWarnings') },
      { section: 'statistics', href: `/${lang}/statistics`, label: t('navStatistics') },
    ],
  };
}

const inLang = (text: LocalisedTextDto | null | undefined, lang: Lang) => (text ? (text[lang] ?? text.en) : null);
const single = (value: unknown): string | undefined => (typeof value === 'string' ? value : Array.isArray(value) ? single(value.at(-1)) : undefined);
const pageNumber = (value: unknown) => {
  const n = Number(single(value));
  return Number.isSafeInteger(n) && n >= 1 && n <= 10_000 ? n : 1;
};
const asArray = (value: unknown): Record<string, unknown>[] =>
  Array.isArray(value) ? value.filter((v): v is Record<string, unknown> => typeof v === 'object' && v !== null) : [];
const asText = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);
const asTexts = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);

function sourcesView(sources: SourceDto[], t: Words) {
  return sources.map((s) => ({
    document: s.document,
    url: s.url && /^https?:\/\//i.test(s.url) ? s.url : null,
    readOn: t('sourceRead', { date: s.readOn }),
    confidence: t(`confidence_${s.confidence}` as Parameters<Words>[0]),
    demo: s.demo,
  }));
}

function firmView(firm: FirmDto, lang: Lang, t: Words) {
  return {
    id: firm.id,
    name: firm.names[lang] ?? firm.names.en,
    otherNames: [...new Set([firm.names.en, firm.names.ru, firm.names.kk].filter((n): n is string => Boolean(n) && n !== (firm.names[lang] ?? firm.names.en)))],
    brands: firm.brands,
    aliases: firm.aliases,
    status: firm.licensingStatus,
    tone: firm.licensingStatus === 'licensed' ? 'ok' : firm.licensingStatus === 'suspended' ? 'caution' : 'neutral',
    statusLabel: firm.licensingStatus === 'licensed' ? t('verdict_licensed') : firm.licensingStatus === 'suspended' ? t('verdict_suspended') : t('verdict_unknown'),
    domains: firm.domains.map((d) => ({ display: d.display, aLabel: d.display !== d.domain ? d.domain : null, confidence: t(`confidence_${d.source.confidence}` as Parameters<Words>[0]) })),
    licences: firm.licences.map((l) => ({
      number: l.number,
      regulator: l.regulator,
      status: wordFor(lang, `licenceStatus_${l.status}`, l.status),
      activities: l.activities,
      grantedOn: l.grantedOn === null ? t('notGiven') : l.grantedOnPrecision === 'year' ? l.grantedOn.slice(0, 4) : l.grantedOnPrecision === 'month' ? l.grantedOn.slice(0, 7) : l.grantedOn,
    })),
    sources: sourcesView([firm.source], t),
  };
}

function blockedView(entity: BlockedEntityDto, lang: Lang, t: Words) {
  return {
    id: entity.id,
    name: inLang(entity.name, lang),
    aliases: entity.aliases,
    category: entity.category,
    authority: inLang(entity.authority, lang),
    requestedBy: inLang(entity.requestedBy, lang),
    legalBasis: inLang(entity.legalBasis, lang),
    decision: [entity.decisionNumber, entity.decisionDate].filter(Boolean).join(', ') || null,
    blockedOn: entity.blockedOnPrecision === 'year' ? entity.blockedOn.slice(0, 4) : entity.blockedOnPrecision === 'month' ? entity.blockedOn.slice(0, 7) : entity.blockedOn,
    liftedOn: entity.liftedOn,
    liftReason: entity.liftReason,
    state: entity.liftedOn ? t('lifted') : t('inForce'),
    tone: entity.liftedOn ? 'neutral' : 'danger',
    domains: entity.domains,
    sources: sourcesView([entity.source], t),
  };
}

function warningView(warning: WarningDto, lang: Lang, t: Words) {
  return {
    id: warning.id,
    brands: warning.brands,
    title: inLang(warning.title, lang),
    summary: inLang(warning.summary, lang),
    issued: warning.issuedOn
      ? t('warningIssued', { issuer: warning.issuer, date: warning.issuedOn })
      : t('warningIssuedUndated', { issuer: warning.issuer }),
    state: warning.state === 'in-force' ? t('inForce') : t('withdrawn'),
    tone: warning.state === 'in-force' ? 'caution' : 'neutral',
    withdrawnOn: warning.withdrawnOn,
    domains: warning.domains,
    sources: sourcesView([warning.source], t),
  };
}

/** The period of a block as the statistics count it: `YYYY-MM`, or `YYYY` where only the year is known. */
function periodOf(entity: BlockedEntityDto): string {
  return entity.blockedOnPrecision === 'year' ? entity.blockedOn.slice(0, 4) : entity.blockedOn.slice(0, 7);
}

@Injectable()
export class WebPagesService {
  constructor(
    private readonly checks: CheckService,
    private readonly firms: FirmsService,
    private readonly blocked: BlockedEntitiesService,
    private readonly reports: ReportsService,
    private readonly statistics: StatisticsService,
    private readonly warnings: WarningsService,
    @Inject(APP_CONFIG) private readonly config: Pick<AppConfig, 'PUBLIC_BASE_URL'>,
  ) {}

  home(lang: Lang) {
    const examples = ['binance.com', 'https://www.coinbase.com/login', 'Байбит'];
    return {
      ...frame(lang, 'check', (t) => t('homeTitle'), ''),
      q: '',
      examples: examples.map((q) => ({ q, href: `/${lang}/check?q=${encodeURIComponent(q)}` })),
    };
  }

  /** The shareable result page of `/{lang}/check?q=`: the check's own answer, asked in-process. */
  async check(lang: Lang, rawQ: unknown): Promise<Rendered<ReturnType<WebPagesService['home']> & { result: ReturnType<typeof resultView> | null; error: string | null }>> {
    const q = (single(rawQ) ?? '').trim();
    const query = q ? `?q=${encodeURIComponent(q)}` : '';
    const shareUrl = new URL(`/${lang}/check${query}`, this.config.PUBLIC_BASE_URL).href;
    const base = { ...this.home(lang), ...frame(lang, 'check', (t) => t('resultTitle'), 'check', query), q, shareUrl };
    if (q === '') return { status: 400, view: { ...base, result: null, error: base.t('emptyQuery') } };
    if (q.length > LONGEST_QUERY) return { status: 400, view: { ...base, result: null, error: base.t('invalidQuery') } };
    try {
      const answer = await this.checks.check({ q, lang }, undefined);
      return { status: 200, view: { ...base, result: resultView(answer, lang, base.t), error: null } };
    } catch (error) {
      if (!(error instanceof DomainError) || error.status !== 400) throw error;
      return { status: 400, view: { ...base, result: null, error: reasonOf(error, lang) } };
    }
  }

  async firmsPage(lang: Lang, rawPage: unknown) {
    const page = pageNumber(rawPage);
    const listed = await this.firms.list({ limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE } as ListFirmsQueryDto);
    const view = frame(lang, 'firms', (t) => t('firmsTitle'), 'firms');
    return { ...view, firms: listed.items.map((f) => firmView(f, lang, view.t)), paging: paging(`/${lang}/firms`, page, listed.total) };
  }

  /** `authority` (its English name, as the statistics link it) and `period` (`YYYY-MM` or `YYYY`) narrow the list. */
  async blockedPage(lang: Lang, raw: { authority?: unknown; period?: unknown; page?: unknown }) {
    const authority = single(raw.authority);
    const period = single(raw.period);
    const page = pageNumber(raw.page);
    const all = await this.blocked.all();
    const chosen = all.filter((e) => (authority === undefined || e.authority.en === authority) && (period === undefined || periodOf(e) === period));
    const view = frame(lang, 'blocked', (t) => t('blockedTitle'), 'blocked');
    const filterText = [authority !== undefined ? (inLang(all.find((e) => e.authority.en === authority)?.authority, lang) ?? authority) : null, period ?? null]
      .filter(Boolean)
      .join(', ');
    const params = new URLSearchParams();
    if (authority !== undefined) params.set('authority', authority);
    if (period !== undefined) params.set('period', period);
    return {
      ...view,
      filter: filterText || null,
      entities: chosen.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE).map((e) => blockedView(e, lang, view.t)),
      paging: paging(`/${lang}/blocked${params.size ? `?${params}` : ''}`, page, chosen.length),
    };
  }

  /** The regulators' warnings, in force first (the public list's order), each with where it comes from. */
  async warningsPage(lang: Lang) {
    const view = frame(lang, 'warnings', (t) => t('warningsTitle'), 'warnings');
    const { items } = await this.warnings.list(Object.assign(new ListWarningsQueryDto(), { limit: MAX_PAGE_SIZE, offset: 0 }));
    return { ...view, warnings: items.map((w) => warningView(w, lang, view.t)) };
  }

  async statisticsPage(lang: Lang) {
    const figures = await this.statistics.get();
    const view = frame(lang, 'statistics', (t) => t('statisticsTitle'), 'statistics');
    const { t } = view;
    const blockedHref = (params: Record<string, string>) => `/${lang}/blocked?${new URLSearchParams(params)}`;
    const byAuthority = (rows: AuthorityCountDto[]) =>
      rows.map((r) => ({
        label: inLang(r.authority, lang) ?? t('noAuthority'),
        value: r.count,
        href: r.authority ? blockedHref({ authority: r.authority.en }) : `/v1/blocklist/entries`,
      }));
    const byPeriod = (rows: PeriodCountDto[], href: (period: string) => string) =>
      rows.map((r) => ({ label: r.precision === 'year' ? `${r.period} ${t('yearOnly')}` : r.period, value: r.count, href: href(r.period) }));
    const chart = (id: string, title: string, rows: { label: string; value: number; href: string }[], note: string | null = null) => ({
      id,
      title,
      rows,
      note,
      svg: barChart(rows) satisfies BarChart,
    });
    return {
      ...view,
      figuresAt: t('figuresAt', { time: readableTime(figures.generatedAt), serial: figures.serial }),
      summary: [
        { label: t('statLicensedFirms'), value: String(figures.firms.licensed), numeric: true, href: `/${lang}/firms` },
        { label: t('statBlockedInForce'), value: String(figures.blockedEntities.inForce), numeric: true, href: `/${lang}/blocked` },
        { label: t('statSitesInForce'), value: String(figures.sites.inForce), numeric: true, href: '/v1/blocklist/entries' },
        { label: t('statWarnings'), value: String(figures.warnings.inForce), numeric: true, href: `/${lang}/warnings` },
      ],
      charts: [
        chart('blocked-by-authority', t('chartBlockedByAuthority'), byAuthority(figures.blockedEntities.inForceByAuthority)),
        chart('blocked-by-period', t('chartBlockedByPeriod'), byPeriod(figures.blockedEntities.blockedByPeriod, (period) => blockedHref({ period }))),
        chart('sites-by-authority', t('chartSitesByAuthority'), byAuthority(figures.sites.byAuthority)),
        chart('sites-by-month', t('chartSitesByMonth'), byPeriod(figures.sites.addedByMonth, () => '/v1/blocklist/entries')),
        chart(
          'licences-by-period',
          t('chartLicencesByPeriod'),
          byPeriod(figures.firms.licencesGrantedByPeriod, () => `/${lang}/firms`),
          figures.firms.licencesWithoutGrantDate > 0 ? t('licencesUndated', { count: figures.firms.licencesWithoutGrantDate }) : null,
        ),
      ],
    };
  }

  /** The result page's report form (POST /{lang}/report): the same service and guard as POST /v1/reports. */
  async report(lang: Lang, body: Record<string, unknown> | undefined, sender: ReportSender) {
    const q = (single(body?.q) ?? '').trim();
    const comment = (single(body?.comment) ?? '').trim().slice(0, MAX_COMMENT_LENGTH);
    const view = frame(lang, 'check', (t) => t('reportTitle'), 'check', q ? `?q=${encodeURIComponent(q)}` : '');
    const back = `/${lang}/check?q=${encodeURIComponent(q)}`;
    const answer = (status: number, heading: string, message: string) => ({ status, view: { ...view, heading, message, back: q ? back : `/${lang}` } });
    if (q === '' || q.length > LONGEST_QUERY) return answer(400, view.t('reportInvalid'), view.t('emptyQuery'));
    try {
      const accepted = await this.reports.submit({ q, lang, comment: comment || undefined }, sender, undefined);
      const target = accepted.target.display;
      return accepted.counted
        ? answer(200, view.t('reportThanks'), view.t('reportThanksBody', { target }))
        : answer(200, view.t('reportThanks'), view.t('reportRepeat', { target }));
    } catch (error) {
      if (error instanceof TooManyReportsError) return answer(429, view.t('reportLimited'), textIn(error.detail, lang));
      if (error instanceof DomainError && error.status === 400) return answer(400, view.t('reportInvalid'), reasonOf(error, lang));
      throw error;
    }
  }
}

/** `2026-11-24 09:00 UTC`: an ISO time as people read it, the same in every language. */
function readableTime(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

/** Why the input was refused, in the citizen's words: the field's own message (not the API's "q is not..."). */
function reasonOf(error: DomainError, lang: Lang): string {
  const message = error instanceof ValidationProblem ? error.errors[0]?.messages[0] : undefined;
  return textIn(message ?? error.detail, lang);
}

function paging(path: string, page: number, total: number) {
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const at = (n: number) => `${path}${path.includes('?') ? '&' : '?'}page=${n}`;
  return { page, pages, total, previous: page > 1 ? at(page - 1) : null, next: page < pages ? at(page + 1) : null };
}

/**
 * The check's answer for the page. The fields issue 11 adds (`matches`, `warning`, `lookalikes`,
 * `displayHostALabel`) are read from the answer as given, so the page shows them as soon as the check sends them.
 */
function resultView(answer: CheckResultDto, lang: Lang, t: Words) {
  const extra = answer as unknown as Record<string, unknown>;
  const verdict = String(answer.verdict);
  const target = answer.target as unknown as Record<string, unknown>;
  const displayHost = asText(target.displayHost);
  const host = asText(target.host);
  const flaggedALabel = asText(extra.displayHostALabel);
  // The A-label beside any Unicode host: flagged as a look-alike by the check, or simply an IDN.
  const aLabel = flaggedALabel ?? (displayHost && host && displayHost !== host ? host : null);
  const warning = typeof extra.warning === 'object' && extra.warning !== null ? (extra.warning as Record<string, unknown>) : null;
  const issuer = asText(warning?.issuer) ?? 'AFSA';
  const issuedOn = asText(warning?.issuedOn);
  return {
    verdict,
    verdictLabel: wordFor(lang, `verdict_${verdict}`, verdict),
    tone: TONES[verdict] ?? 'neutral',
    reason: answer.reason.message,
    notices: answer.notices,
    shown: displayHost ?? answer.query,
    aLabel,
    aLabelFlagged: flaggedALabel !== null,
    url: asText(target.url),
    matches: asArray(extra.matches).map((m) => ({
      name: asText(m.name) ?? '',
      kind: wordFor(lang, `recordType_${String(m.recordType)}`, String(m.recordType)),
      verdict: wordFor(lang, `verdict_${String(m.verdict)}`, String(m.verdict)),
      tone: TONES[String(m.verdict)] ?? 'neutral',
    })),
    warning: warning && {
      title: asText(warning.title),
      summary: asText(warning.summary),
      brands: asTexts(warning.brands),
      issued: issuedOn ? t('warningIssued', { issuer, date: issuedOn }) : t('warningIssuedUndated', { issuer }),
      url: asText(warning.sourceUrl) ?? asText((warning.source as Record<string, unknown> | undefined)?.url),
    },
    lookalikes: asArray(extra.lookalikes).map((l) => {
      const brand = asText(l.brand) ?? '';
      return {
        imitates: t('lookalikeImitates', { brand }),
        brandVerdict: wordFor(lang, `verdict_${String(l.brandVerdict)}`, String(l.brandVerdict ?? '')),
        technique: wordFor(lang, `technique_${String(l.technique)}`, String(l.technique ?? '')),
        confidence: wordFor(lang, `confidenceLevel_${String(l.confidence)}`, String(l.confidence ?? '')),
        low: l.confidence === 'low',
        officialLabel: t('lookalikeOfficial', { brand }),
        officialDomains: asTexts(l.officialDomains).map((d) => ({ display: d, aLabel: domainToASCII(d) !== d ? domainToASCII(d) : null })),
        // The engine's own words are English: shown on the English page only; the others say it by technique.
        evidence: lang === 'en' ? asText(l.evidence) : null,
      };
    }),
    firm: answer.firm && {
      name: answer.firm.names[lang] ?? answer.firm.names.en,
      matchedDomain: answer.firm.matchedDomain,
      licences: answer.firm.licences.map((l) => ({ number: l.number, regulator: l.regulator, status: wordFor(lang, `licenceStatus_${l.status}`, l.status), activities: l.activities })),
    },
    blockedEntity: answer.blockedEntity && {
      name: answer.blockedEntity.name,
      authority: answer.blockedEntity.authority,
      requestedBy: answer.blockedEntity.requestedBy,
      legalBasis: answer.blockedEntity.legalBasis,
      blockedOn: answer.blockedEntity.blockedOnPrecision === 'month' ? answer.blockedEntity.blockedOn.slice(0, 7) : answer.blockedEntity.blockedOn,
      liftedOn: answer.blockedEntity.liftedOn,
    },
    entry: answer.entry && { value: answer.entry.value, legalBasis: answer.entry.legalBasis },
    sources: sourcesView(answer.sources, t),
    checkedAt: t('checkedAt', { time: readableTime(answer.checkedAt), serial: answer.serial }),
    stale: answer.stale ? t('staleNote', { since: readableTime(answer.stale.since) }) : null,
  };
}
