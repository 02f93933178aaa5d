import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional, IsString, isString, MaxLength, maxLength, MinLength, minLength } from 'class-validator';
import { DATE_PRECISIONS, type DatePrecision } from '../blocked-entities/blocked-entity.entity.js';
import { ENTRY_KINDS, type EntryKind, MATCH_MODES, type MatchMode } from '../domain-names/entry-kinds.js';
import { LICENCE_STATUSES, type LicenceStatus } from '../firms/firm.entity.js';
import { FirmNamesDto } from '../firms/firms.dto.js';
import { LICENSING_STATUSES, type LicensingStatus } from '../firms/licensing-status.js';
import { SourceDto } from '../provenance/source.dto.js';
import { LANGUAGES, type Lang } from '../platform/i18n/languages.js';
import { fieldMessage, HandChecked } from '../platform/http/validation.js';
import { type FieldProblem, ValidationProblem } from '../platform/http/problem.js';
import { MAX_INPUT_LENGTH, type TargetKind } from '../domain-names/canonicalise.js';
import { REASON_CODES, type ReasonCode } from './check-messages.js';
import type { NameRecordType } from './name-index.js';

/** Quoted here rather than in a JSDoc example, where the Swagger plugin would drop its quotation marks. */
const DIGITAL_ASSETS_LAW = 'Law of the Republic of Kazakhstan "On Digital Assets", Art. 11(5)';

export const VERDICTS = ['licensed', 'suspended', 'blocked', 'warned', 'lookalike', 'unknown'] as const;
export type Verdict = (typeof VERDICTS)[number];

/** The query of every check, read as the decorators below say; check.dto.spec.ts holds the two to each other. */
@HandChecked(checkQuery)
export class CheckQueryDto {
  /**
   * A domain or a link, as the citizen has it (case, trailing dots, Unicode (IDN) and `www.` are all fine), or an
   * exchange's name or brand in any script (`OKX`, `Байбит`, `bybit kz`). @example "https://www.coinbase.com/login"
   */
  @IsString()
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @MinLength(1)
  @MaxLength(MAX_INPUT_LENGTH)
  q: string;

  /**
   * Language of the messages: kk, ru or en, in any case and with a region (`KK`, `kk-KZ`, `ru-RU`). Any other value,
   * like its absence, leaves it to Accept-Language, and then English.
   */
  @ApiProperty({ type: String, required: false, example: 'kk' })
  @IsOptional()
  @IsString()
  lang?: string;
}

/**
 * CheckQueryDto's decorators, by hand: unknown parameters first, then each constraint of `q` (in class-validator's
 * order, with its own functions), then `lang`.
 */
export function checkQuery(value: unknown): CheckQueryDto {
  const query = (value ?? {}) as Record<string, unknown>;
  const errors: FieldProblem[] = [];
  for (const name of Object.keys(query)) {
    if (name !== 'q' && name !== 'lang') errors.push({ field: name, messages: [fieldMessage('whitelistValidation', name)] });
  }
  const q = typeof query.q === 'string' ? query.q.trim() : query.q;
  const qMessages = [
    ...(maxLength(q, MAX_INPUT_LENGTH) ? [] : [fieldMessage('maxLength', 'q', [MAX_INPUT_LENGTH])]),
    ...(minLength(q, 1) ? [] : [fieldMessage('minLength', 'q', [1])]),
    ...(isString(q) ? [] : [fieldMessage('isString', 'q')]),
  ];
  if (qMessages.length > 0) errors.push({ field: 'q', messages: qMessages });
  const { lang } = query;
  if (lang !== undefined && lang !== null && !isString(lang)) errors.push({ field: 'lang', messages: [fieldMessage('isString', 'lang')] });
  if (errors.length > 0) throw new ValidationProblem(errors);
  return { q: q as string, lang: lang as string | undefined };
}

export class CheckTargetDto {
  /** What the query was read as: a host (domain or IP address) or a name (then the other fields are null). */
  @ApiProperty({ enum: ['domain', 'ipv4', 'ipv6', 'name'], example: 'domain' })
  kind: TargetKind | 'name';
  /** Canonical host: A-label, lower case, no trailing dot. @example "www.coinbase.com" */
  host: string | null;
  /** The host in Unicode, for people. @example "www.coinbase.com" */
  displayHost: string | null;
  /** Registrable domain by the Public Suffix List (private suffixes on). @example "coinbase.com" */
  registrableDomain: string | null;
  /** Canonical URL when a path was given. @example "https://www.coinbase.com/login" */
  url: string | null;
}

export class CheckReasonDto {
  @ApiProperty({ enum: REASON_CODES, example: 'blocked-domain' })
  code: ReasonCode;
  /** The reason in the response language. */
  @ApiProperty({ example: `The site www.coinbase.com is blocked in Kazakhstan (blocklist entry coinbase.com). Legal basis: ${DIGITAL_ASSETS_LAW}.` })
  message: string;
}

export class CheckLicenceDto {
  /** @example "DEMO-AFSA-A-LA-0001" */
  number: string;
  /** @example "AFSA" */
  regulator: string;
  @ApiProperty({ enum: LICENCE_STATUSES, example: 'active' })
  status: LicenceStatus;
  /** @example ["Operating a Digital Asset Trading Facility"] */
  activities: string[];
}

export class CheckFirmDto {
  /** @example "3f1c2a9e-8b7d-4c6e-9f0a-1b2c3d4e5f60" */
  id: string;
  names: FirmNamesDto;
  @ApiProperty({ enum: LICENSING_STATUSES, example: 'licensed' })
  licensingStatus: LicensingStatus;
  /** The official domain the input fell under; null for a name query. @example "binance.com" */
  matchedDomain: string | null;
  /** The firm's official domains (A-labels). @example ["binance.com"] */
  officialDomains: string[];
  /** Licences in force or suspended. */
  licences: CheckLicenceDto[];
}

export class CheckBlockedEntityDto {
  /** @example "9a7b6c5d-4e3f-4a1b-8c9d-0e1f2a3b4c5d" */
  id: string;
  /** @example "Coinbase" */
  name: string;
  /** @example "Ministry of Culture and Information of the Republic of Kazakhstan" */
  authority: string;
  /** @example "Ministry of Digital Development, Innovation and Aerospace Industry" */
  requestedBy: string | null;
  /** In the answer's language; English where the record has no such version. */
  @ApiProperty({ example: DIGITAL_ASSETS_LAW })
  legalBasis: string;
  /** @example null */
  decisionNumber: string | null;
  /** @example "2023-11-01" */
  blockedOn: string;
  @ApiProperty({ enum: DATE_PRECISIONS, example: 'month' })
  blockedOnPrecision: DatePrecision;
  /** When the block was lifted; null while it is in force. @example null */
  liftedOn: string | null;
  /** Why the block was lifted. @example null */
  liftReason: string | null;
}

export class CheckEntryDto {
  /** @example "5e4d3c2b-1a09-4f8e-b7d6-c5b4a3928170" */
  id: string;
  @ApiProperty({ enum: ENTRY_KINDS, example: 'domain' })
  kind: EntryKind;
  /** @example "coinbase.com" */
  value: string;
  @ApiProperty({ enum: MATCH_MODES, example: 'subtree' })
  match: MatchMode;
  /** @example 1 */
  addedSerial: number;
  /** In the answer's language; English where the record has no such version. */
  @ApiProperty({ example: DIGITAL_ASSETS_LAW })
  legalBasis: string;
}

export class CheckNameMatchDto {
  @ApiProperty({ enum: ['firm', 'blocked-entity', 'warning'], example: 'warning' })
  recordType: NameRecordType;
  /** The record's id (GET /v1/firms/{id}, /v1/blocked-entities/{id}, /v1/warnings/{id}). @example "019a4f2e-7c1d-7b3a-9e8f-0a1b2c3d4e5f" */
  id: string;
  /** The record's name that matched, as the record writes it. @example "OKX" */
  name: string;
  /** What the record alone says. */
  @ApiProperty({ enum: VERDICTS, example: 'warned' })
  verdict: Verdict;
  /** 1: the same name once folded across scripts; 0.8: one edit away. @example 1 */
  score: number;
}

export class CheckWarningDto {
  /** @example "019a4f2e-7c1d-7b3a-9e8f-0a1b2c3d4e5f" */
  id: string;
  /** @example "AFSA" */
  issuer: string;
  /** The brands the warning names. @example ["OKX", "HTX", "Bitget", "MEXC"] */
  brands: string[];
  /** @example ["okx.com", "htx.com", "bitget.com", "mexc.com"] */
  domains: string[];
  /** null when no source gathered gives the date. @example null */
  issuedOn: string | null;
  /** In the answer's language; English where the record has no such version. @example "AFSA Warning on Unlicensed Digital Asset Platforms" */
  title: string;
  /** In the answer's language. @example "AFSA warns that OKX, HTX, Bitget and MEXC are not licensed in the AIFC." */
  summary: string;
}

export const LOOKALIKE_TECHNIQUES = ['confusable', 'typo', 'brand-keyword', 'brand-in-subdomain', 'brand-in-userinfo', 'tld-swap'] as const;

export class CheckLookalikeDto {
  /** The brand the host imitates. @example "Binance" */
  brand: string;
  /** What the brand itself is in this registry. */
  @ApiProperty({ enum: ['licensed', 'blocked', 'warned'], example: 'licensed' })
  brandVerdict: 'licensed' | 'blocked' | 'warned';
  @ApiProperty({ enum: LOOKALIKE_TECHNIQUES, example: 'brand-keyword' })
  technique: (typeof LOOKALIKE_TECHNIQUES)[number];
  /** low: weak evidence, shown but not a warning. */
  @ApiProperty({ enum: ['high', 'medium', 'low'], example: 'high' })
  confidence: 'high' | 'medium' | 'low';
  /** The brand's real domains. @example ["binance.com"] */
  officialDomains: string[];
  /**
   * What the engine found, in English, for operators and for the record (the reason, the technique and the
   * confidence are what is said in the answer's language). @example "binance-kz is the name binance with \"kz\" added; Binance's own domain is binance.com"
   */
  evidence: string;
}

export class CheckStaleDto {
  /** When the copy of the registry this answer rests on was last known to be current. @example "2026-11-24T08:58:30.000Z" */
  since: string;
  /** Seconds from then to `checkedAt`. @example 90 */
  ageSeconds: number;
}

export class CheckResultDto {
  /** The input as received. @example "https://www.coinbase.com/login" */
  query: string;
  target: CheckTargetDto;
  /**
   * licensed: an official domain (or the name) of a firm with a licence in force; suspended: of a listed firm whose
   * licence is suspended; blocked: on the blocklist (or the name of an entity blocked); warned: a site or brand a
   * regulator has publicly warned is not licensed; lookalike: a host imitating a brand of the registry (named in
   * `lookalikes`); unknown: none of these (the reason says when a block was lifted or a licence ended), which is not
   * proof of safety.
   */
  @ApiProperty({ enum: VERDICTS, example: 'blocked' })
  verdict: Verdict;
  reason: CheckReasonDto;
  /**
   * Advice to show with the verdict: for `blocked`, what to do; for `unknown`, that not being listed is not proof of
   * safety (citing the law); for `licensed` and `suspended`, to check the exact address. Also says when a record
   * behind the answer is demo data or unconfirmed.
   * @example ["Do not enter passwords, codes or card details on this site, and do not send it money or crypto-assets. If you already have, contact your bank at once and report it to the police (102)."]
   */
  notices: string[];
  @ApiProperty({ enum: LANGUAGES, example: 'en' })
  lang: Lang;
  /** The blocklist serial the verdict is based on. @example 2 */
  serial: number;
  /**
   * null when the answer rests on the registry as it is now. Otherwise the service cannot confirm that (its database
   * is unreachable, or a change is still being applied) and answers from its copy at `serial`, last known current
   * `since`; past CHECK_MAX_STALENESS_SECONDS it answers 503 `check-unavailable` instead. @example null
   */
  stale: CheckStaleDto | null;
  /** The firm record the verdict rests on. */
  firm: CheckFirmDto | null;
  /** The blocked entity the verdict rests on. */
  blockedEntity: CheckBlockedEntityDto | null;
  /** The blocklist entry the verdict rests on. */
  entry: CheckEntryDto | null;
  /** The warning the verdict rests on. */
  warning: CheckWarningDto | null;
  /** For a name query: each record the name matched, best first (the verdict is the first's); empty for a host. */
  matches: CheckNameMatchDto[];
  /** Brands of the registry the host imitates, strongest first; `lookalike` when one is of high or medium confidence. */
  lookalikes: CheckLookalikeDto[];
  /**
   * The host's A-label, to show beside `displayHost` when the Unicode form mixes scripts or is confusable (so no one
   * reads a look-alike as the real site); null otherwise. @example null
   */
  displayHostALabel: string | null;
  /** Where the facts behind the verdict come from. */
  sources: SourceDto[];
  /**
   * When this answer was given. What it says rests on the index at `serial`, and may have been worded earlier on that
   * same index (answers are kept until the index changes). @example "2026-11-24T09:00:00.000Z"
   */
  checkedAt: string;
}
