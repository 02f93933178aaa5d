import { Transform, Type } from 'class-transformer';
import { IsDate, IsOptional, IsString, MaxLength } from 'class-validator';
import { PageQueryDto } from '../platform/http/pagination.dto.js';

export class ListAuditEventsQueryDto extends PageQueryDto {
  /** @example "blocklist-entry" */
  @IsOptional()
  @IsString()
  @MaxLength(100)
  targetType?: string;

  /** @example "5e4d3c2b-1a09-4f8e-b7d6-c5b4a3928170" */
  @IsOptional()
  @IsString()
  @MaxLength(200)
  targetId?: string;

  /** API key id of the actor, or `cli`. @example "k3dax2q7m4pa" */
  @IsOptional()
  @IsString()
  @MaxLength(100)
  actor?: string;

  /** From this time (inclusive, ISO 8601). @example "2026-11-01T00:00:00Z" */
  @IsOptional()
  @Transform(({ value }) => (typeof value === 'string' ? new Date(value) : value))
  @Type(() => Date)
  @IsDate()
  from?: Date;

  /** Until this time (exclusive, ISO 8601). @example "2026-12-01T00:00:00Z" */
  @IsOptional()
  @Transform(({ value }) => (typeof value === 'string' ? new Date(value) : value))
  @Type(() => Date)
  @IsDate()
  to?: Date;
}

export class AuditEventDto {
  /** Position in the chain. @example 42 */
  seq: number;
  /** @example "2026-11-24T09:00:00.000Z" */
  occurredAt: string;
  /** API key id, or `cli`. @example "k3dax2q7m4pa" */
  actor: string;
  /** @example "blocklist-entry.add" */
  action: string;
  /** @example "blocklist-entry" */
  targetType: string;
  /** @example "5e4d3c2b-1a09-4f8e-b7d6-c5b4a3928170" */
  targetId: string;
  /** The record before the change (null when created). */
  before: object | null;
  /** The record after the change (null when deleted). */
  after: object | null;
  /** @example "0f9c3a52-6b1e-4f7e-9a51-3c1d2f1b8e77" */
  requestId: string | null;
  /** @example "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08" */
  prevHash: string;
  /** @example "60303ae22b998861bce3b28f33eec1be758a213c86c93c076dbe9f558c11c752" */
  hash: string;
}

export class AuditEventPageDto {
  /** Newest first. */
  items: AuditEventDto[];
  /** @example 1 */
  total: number;
  /** @example 20 */
  limit: number;
  /** @example 0 */
  offset: number;
}
