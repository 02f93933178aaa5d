import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches, ValidateBy } from 'class-validator';
import { IsDecimalInteger, parseDecimalInteger } from '../../platform/http/decimal-integer.js';
import { ValidationProblem } from '../../platform/http/problem.js';
import { fieldMessage, HandChecked } from '../../platform/http/validation.js';
import { ENTRY_KINDS, type EntryKind, MATCH_MODES, type MatchMode } from '../../domain-names/entry-kinds.js';

const MAX_SERIAL = Number.MAX_SAFE_INTEGER;

export class SerialParamDto {
  /** A publication's serial, in decimal digits (`42`, not `042`, `+42` or `4.2e1`). @example 42 */
  @ApiProperty({ type: 'integer', minimum: 0, maximum: MAX_SERIAL, example: 42 })
  @IsDecimalInteger(0, MAX_SERIAL)
  serial: number;
}

export class PublicationFileParamDto extends SerialParamDto {
  /** A file's name as the manifest lists it. @example "blocklist.rpz" */
  @IsString()
  @Matches(/^[a-z0-9][a-z0-9._-]{0,63}$/, { message: 'fileName must be a file name the manifest lists, e.g. blocklist.rpz' })
  fileName: string;
}

/**
 * The query of `latest`, checked by hand (latestQuery) so that parameters it does not know are ignored, not refused:
 * a cache-buster (`?_=1733100000`, `?nocache=...`) is what CDNs and curl users add to a URL that changes.
 */
@HandChecked(latestQuery)
export class LatestManifestQueryDto {
  /**
   * With If-None-Match naming the latest manifest: hold the request up to this many seconds until a newer publication
   * (answered at once, 200), else 304. @example 30
   */
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 60, example: 30 })
  @IsOptional()
  @IsDecimalInteger(1, 60)
  wait?: number;
}

/** LatestManifestQueryDto's decorators by hand: `wait` as IsDecimalInteger(1, 60) reads it; anything else ignored. */
function latestQuery(value: unknown): LatestManifestQueryDto {
  const { wait } = (value ?? {}) as Record<string, unknown>;
  if (wait === undefined) return {};
  const seconds = parseDecimalInteger(wait);
  if (seconds === null || seconds < 1 || seconds > 60) {
    throw new ValidationProblem([{ field: 'wait', messages: [fieldMessage('isDecimalInteger', 'wait', [1, 60])] }]);
  }
  return { wait: seconds };
}

export class DeltaQueryDto {
  /** The serial of the publication the client holds, in decimal digits. @example 41 */
  @ApiProperty({ type: 'integer', minimum: 0, maximum: MAX_SERIAL, example: 41 })
  @IsDecimalInteger(0, MAX_SERIAL)
  from: number;
}

export class DeltaFileParamDto {
  /** `N-M.json` (the delta) or `N-M.json.sig` (its detached Ed25519 signature). @example "41-42.json" */
  @IsString()
  @ValidateBy({
    name: 'isDeltaFileName',
    validator: {
      validate: (value: unknown) => deltaFileName(value) !== null,
      defaultMessage: () => 'name must be N-M.json or N-M.json.sig, N and M serials in decimal digits without leading zeros',
    },
  })
  name: string;
}

/** The serials and kind a delta file's name gives, or null unless it is `N-M.json` or `N-M.json.sig` (N, M serials). */
export function deltaFileName(name: unknown): { from: number; to: number; signature: boolean } | null {
  const parts = typeof name === 'string' ? /^([0-9]+)-([0-9]+)\.json(\.sig)?$/.exec(name) : null;
  if (!parts) return null;
  const from = parseDecimalInteger(parts[1]);
  const to = parseDecimalInteger(parts[2]);
  return from === null || to === null ? null : { from, to, signature: parts[3] !== undefined };
}

export class PublicationFileDto {
  /** @example "rpz" */
  format: string;
  /** Entry kinds the format expresses. @example ["cidr","domain","ipv4","ipv6"] */
  kinds: string[];
  /** @example "text/dns" */
  mediaType: string;
  /** @example "blocklist.rpz" */
  name: string;
  /** When the format expresses something differently (hosts: the apex of a subtree only). */
  note?: string;
  /** SHA-256 (hex) of the file's bytes as decoded (whatever Content-Encoding carried them). @example "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08" */
  sha256: string;
  /** Bytes, decoded. @example 123 */
  size: number;
  /** Whether the format expresses a subtree block. @example true */
  subtrees: boolean;
  /** Relative to the service. @example "/v1/blocklist/42/blocklist.rpz" */
  url: string;
}

/** A publication's manifest: RFC 8785 canonical JSON, signed (manifest.json.sig, manifest.jws). */
export class ManifestDto {
  /** Hash of the audit chain's event `auditSeq` when this was published. @example "5c1f0d4a3e2b1c0d9e8f7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d1e0f9a8b7c6d" */
  auditHash: string;
  /** A decimal string (the seq is a 64-bit number). @example "123" */
  auditSeq: string;
  /** @example 1234 */
  entryCount: number;
  /** Refuse the manifest after this time. @example "2026-12-03T01:00:00Z" */
  expiresAt: string;
  /** Every file, by name. */
  files: PublicationFileDto[];
  /** The key that signed it (GET /.well-known/jwks.json). @example "Q9mV1sPp2m3Wc6Fv8bR0yT4nX7kL5hJ2gD1sA0zE9cU" */
  keyId: string;
  /** @example 60 */
  minPollSeconds: number;
  /** SHA-256 of the previous publication's manifest bytes: the chain. @example null */
  previousManifestSha256: string | null;
  /** @example null */
  previousSerial: number | null;
  /** @example "2026-12-02T01:00:00Z" */
  publishedAt: string;
  /** @example 42 */
  serial: number;
  /** SHA-256 of set.tsv, the canonical sorted set of the entries in force. @example "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855" */
  setSha256: string;
  /** @example "kz-crypto-registry/blocklist-manifest" */
  type: string;
  /** @example 1 */
  version: number;
}

export class DeltaEntryDto {
  @ApiProperty({ enum: ENTRY_KINDS, example: 'domain' })
  kind: EntryKind;
  @ApiProperty({ enum: MATCH_MODES, example: 'subtree' })
  match: MatchMode;
  /** @example "fake-exchange.example" */
  value: string;
}

/** The change from one publication to another: canonical JSON, signed at N-M.json.sig. */
export class DeltaDto {
  added: DeltaEntryDto[];
  /** @example 41 */
  from: number;
  /** Set hash of publication `from`. @example "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855" */
  fromSetSha256: string;
  removed: DeltaEntryDto[];
  /** @example 42 */
  to: number;
  /** Set hash of publication `to`: a client that applied the delta checks it gets this. @example "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08" */
  toSetSha256: string;
  /** @example "kz-crypto-registry/blocklist-delta" */
  type: string;
  /** @example 1 */
  version: number;
}
