import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsISO8601, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { MAX_INPUT_LENGTH } from '../domain-names/canonicalise.js';
import { BlockedEntityDto } from '../blocked-entities/blocked-entities.dto.js';
import { FirmDto } from '../firms/firms.dto.js';
import { HasBinCheckDigit, HasLeiCheckDigits, IsBinShape, IsDomainName, IsLeiShape, IsLicenceNumber } from '../firms/lookup-validators.js';
import { LICENCE_STATUSES, type LicenceStatus } from '../firms/firm.entity.js';
import { DATE_PRECISIONS, type DatePrecision } from '../provenance/date-precision.js';
import { LICENSING_STATUSES, type LicensingStatus } from '../firms/licensing-status.js';
import { LANGUAGES, type Lang } from '../platform/i18n/languages.js';
import { NormalisedText } from '../platform/i18n/free-text.js';
import { FieldProblemDto } from '../platform/http/problem.dto.js';
import { WarningDto } from '../warnings/warnings.dto.js';
import {
  MATCH_FEATURES,
  MATCH_KINDS,
  type MatchFeature,
  type MatchKind,
  MAX_BATCH_ITEMS,
  MIN_NAME_LENGTH,
  VERIFICATION_STATUSES,
  type VerificationStatus,
} from './verification-outcome.js';

const trimmed = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const upperTrimmed = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toUpperCase() : value);

/**
 * A counterparty as a bank knows it: any of its identifiers, its name, its domain, or several (at least one). Each
 * identifier is checked before anything is searched: a BIN or LEI with a wrong check digit is a 400 naming the field,
 * never `not_found`.
 */
export class VerificationQueryDto {
  /** Business identification number: 12 digits with a valid check digit (`DEMO-...` for a demo record). @example "DEMO-BIN-0002" */
  @IsOptional()
  @IsString()
  @Transform(trimmed)
  @IsBinShape()
  @HasBinCheckDigit()
  bin?: string;

  /** ISO 17442 Legal Entity Identifier (upper case is assumed; it is folded). @example "5493001KJTIIGC8Y1R12" */
  @IsOptional()
  @IsString()
  @Transform(upperTrimmed)
  @IsLeiShape()
  @HasLeiCheckDigits()
  lei?: string;

  /** A licence number as the regulator writes it (folded to upper case). @example "DEMO-AFSA-A-LA-2024-0003" */
  @IsOptional()
  @IsString()
  @Transform(upperTrimmed)
  @IsLicenceNumber()
  licenceNumber?: string;

  /**
   * The name in kk, ru or en, in Cyrillic or any Kazakh Latin alphabet, with or without its legal form (ТОО, ЖШС, LLP,
   * АО, АҚ, JSC, Ltd, Limited, PLC). @example "BYBIT LTD"
   */
  @IsOptional()
  @IsString()
  @NormalisedText()
  @Transform(trimmed)
  @MinLength(MIN_NAME_LENGTH)
  @MaxLength(300)
  name?: string;

  /** A domain of the counterparty (Unicode or A-label); a subdomain counts as its parent's. @example "bybit.kz" */
  @IsOptional()
  @IsString()
  @Transform(trimmed)
  @MaxLength(MAX_INPUT_LENGTH)
  @IsDomainName()
  domain?: string;

  /**
   * The day to answer for (YYYY-MM-DD, Kazakhstan time), from the licence, block and warning history as it stood then;
   * today when absent. Not in the future, not before the registry's earliest record. @example "2025-06-30"
   */
  @IsOptional()
  @IsString()
  @Matches(/^\d{4}-\d{2}-\d{2}$/)
  @IsISO8601({ strict: true })
  asOf?: string;
}

/** One counterparty of a batch, named by the bank's own reference (unique within the batch). */
export class VerificationItemDto extends VerificationQueryDto {
  /** The bank's own reference for this item, echoed in its answer. @example "payment-2026-000117" */
  @IsString()
  @Transform(trimmed)
  @MinLength(1)
  @MaxLength(100)
  reference: string;
}

export class VerificationBatchDto {
  /**
   * 1 to 1,000 counterparties. Each is checked on its own: an invalid one is answered `invalid` with its problems,
   * and the others are answered as usual. Duplicate references refuse the whole batch.
   */
  @ApiProperty({ type: [VerificationItemDto], minItems: 1, maxItems: MAX_BATCH_ITEMS })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_BATCH_ITEMS)
  items: unknown[];

  /** The day for every item that gives none (YYYY-MM-DD). @example "2025-06-30" */
  @IsOptional()
  @IsString()
  @Matches(/^\d{4}-\d{2}-\d{2}$/)
  @IsISO8601({ strict: true })
  asOf?: string;
}

export class VerificationFeatureDto {
  @ApiProperty({ enum: MATCH_FEATURES, example: 'bin' })
  feature: MatchFeature;
  /** What was asked, as read (canonical form for a domain). @example "DEMO-BIN-0002" */
  value: string;
  /** Whether the matched record has it. */
  matched: boolean;
  /**
   * 1 for an identifier or domain that is the record's; up to 0.9 for a name (0.9 times the pg_trgm similarity of
   * the folded names): a fuzzy hit never scores as an identifier does. 0 when not matched. @example 1
   */
  score: number;
  /** In the answer's language. @example "The BIN is the firm's own." */
  explanation: string;
}

export class VerificationLicenceDto {
  /** @example "6b0e2a51-7f1d-4f43-9a8e-2c1b3d4e5f60" */
  id: string;
  /** @example "DEMO-AFSA-A-LA-2024-0003" */
  number: string;
  /** @example "AFSA" */
  regulator: string;
  /** @example ["Operating a Digital Asset Trading Facility"] */
  activities: string[];
  /** On `asOf`; null: not granted yet on that day. */
  @ApiProperty({ enum: LICENCE_STATUSES, nullable: true, example: 'active' })
  status: LicenceStatus | null;
  /** The day it took that status. @example "2024-01-01" */
  since: string | null;
  /** How much of `since` the source states (year: only the year is known). */
  @ApiProperty({ enum: DATE_PRECISIONS, nullable: true, example: 'day' })
  sincePrecision: DatePrecision | null;
  /** True when `since` is the day the registry recorded the change, no source giving the day it took effect. */
  sinceIsRecorded: boolean;
  /**
   * True when `asOf` falls inside the month or year a source gives without the day (a licence granted "in 2024",
   * asked for 2024-03-01): the status may have changed later in it, so it is not certain for that day.
   */
  uncertain: boolean;
  /** Its status today. */
  @ApiProperty({ enum: LICENCE_STATUSES, example: 'active' })
  statusNow: LicenceStatus;
}

/** What a verification matched, in short: what a receipt signs. */
export class VerificationMatchDto {
  @ApiProperty({ enum: MATCH_KINDS, example: 'firm' })
  kind: MatchKind;
  /** @example "3f1c2a9e-8b7d-4c6e-9f0a-1b2c3d4e5f60" */
  id: string;
  /** The record's English name (a warning: the brand the query named, or all its brands). @example "Bybit Kazakhstan" */
  name: string;
  /** Every brand a warning names. @example ["OKX", "HTX", "Bitget", "MEXC"] */
  brands?: string[];
  /** A firm's BIN. @example "DEMO-BIN-0002" */
  bin?: string | null;
  /** A firm's LEI. @example null */
  lei?: string | null;
  /** A firm's standing on `asOf`. */
  @ApiPropertyOptional({ enum: LICENSING_STATUSES, example: 'licensed' })
  standing?: LicensingStatus;
  /** A firm's licences on `asOf`, newest first. */
  licences?: VerificationLicenceDto[];
  /** A block's first day and the day it was lifted (null: in force). @example "2023-11-01" */
  blockedOn?: string;
  liftedOn?: string | null;
  /** A warning's issue day (null: no source gives it; `recordedOn` is when the registry recorded it). @example null */
  issuedOn?: string | null;
  recordedOn?: string;
  withdrawnOn?: string | null;
  /** The record's own page in this API. @example "/v1/firms/3f1c2a9e-8b7d-4c6e-9f0a-1b2c3d4e5f60" */
  href: string;
}

export class VerificationCandidateDto {
  @ApiProperty({ enum: MATCH_KINDS, example: 'firm' })
  kind: MatchKind;
  /** @example "3f1c2a9e-8b7d-4c6e-9f0a-1b2c3d4e5f60" */
  id: string;
  /** @example "Bybit Kazakhstan" */
  name: string;
  /** @example 0.9 */
  score: number;
  /** @example "/v1/firms/3f1c2a9e-8b7d-4c6e-9f0a-1b2c3d4e5f60" */
  href: string;
}

/** The records a match rests on, in full (not signed: the receipt names them by id). */
export class VerificationRecordsDto {
  firm?: FirmDto;
  blockedEntity?: BlockedEntityDto;
  warning?: WarningDto;
}

export class VerificationResultDto {
  /** The bank's reference (batches only). @example "payment-2026-000117" */
  reference?: string;
  /**
   * licensed: a licence was active on `asOf`; suspended: none active, one suspended; not_licensed: known to the
   * registry (a firm, a lifted block, a withdrawn warning) but without a licence in force; blocked: a block was in
   * force; warned: a regulator's warning named it; not_found: nothing matched (which proves nothing); ambiguous: two
   * records match about as well (both in `candidates`); invalid (batches only): the item's input is wrong (`errors`).
   */
  @ApiProperty({ enum: VERIFICATION_STATUSES, example: 'licensed' })
  status: VerificationStatus;
  /** The day answered for. @example "2026-12-02" */
  asOf: string | null;
  /** How sure the match is: 1 for an identifier or domain, at most 0.9 for a name alone, 0 when nothing matched. @example 1 */
  score: number;
  /** null for not_found, ambiguous and invalid. */
  @ApiProperty({ type: () => VerificationMatchDto, nullable: true })
  match: VerificationMatchDto | null;
  /** Each feature asked and whether the matched record has it. */
  features: VerificationFeatureDto[];
  /** The records that came closest, best first (at most 5). */
  candidates: VerificationCandidateDto[];
  /** What the status means and what to do, in the answer's language. @example "Bybit Kazakhstan held a licence in force on 2026-12-02." */
  message: string;
  /** Only for invalid batch items: each field with what is wrong. */
  errors?: FieldProblemDto[];
  records?: VerificationRecordsDto;
}

export class ReceiptRefDto {
  /** @example "01938f4e-8c2a-7b3d-9e1f-0a2b3c4d5e6f" */
  id: string;
  /** Compact JWS (EdDSA, `kid` in the header) over the query, the result, the serial, the time and this id. */
  jws: string;
  /** The signing key (in `/.well-known/jwks.json`). @example "Zq7t3kXh1o0QmX3Gm0mVbq0a9o8CqkL1y2b3c4d5e6f" */
  keyId: string;
  /** @example "2026-12-02T10:15:00.000Z" */
  issuedAt: string;
  /** Where the bank fetches it again (with its key). @example "/v1/receipts/01938f4e-8c2a-7b3d-9e1f-0a2b3c4d5e6f" */
  href: string;
}

export class VerificationDto extends VerificationResultDto {
  /** The blocklist serial the registry stood at. @example 42 */
  serial: number;
  /** @example "2026-12-02T10:15:00.000Z" */
  checkedAt: string;
  @ApiProperty({ enum: LANGUAGES, example: 'en' })
  lang: Lang;
  receipt: ReceiptRefDto;
}

export class VerificationBatchResultDto {
  /** @example 42 */
  serial: number;
  /** @example "2026-12-02T10:15:00.000Z" */
  checkedAt: string;
  @ApiProperty({ enum: LANGUAGES, example: 'en' })
  lang: Lang;
  /** @example 3 */
  count: number;
  /** How many items got each status. @example {"licensed": 1, "not_found": 1, "invalid": 1} */
  @ApiProperty({ type: 'object', additionalProperties: { type: 'integer' } })
  statuses: Partial<Record<VerificationStatus, number>>;
  /** One per item, in the order sent. */
  results: VerificationResultDto[];
  /** One receipt over the whole batch. */
  receipt: ReceiptRefDto;
}
