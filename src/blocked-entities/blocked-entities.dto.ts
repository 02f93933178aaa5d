import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { SourceDto } from '../provenance/source.dto.js';
import { PageQueryDto } from '../platform/http/pagination.dto.js';
import { DATE_PRECISIONS, type DatePrecision } from './blocked-entity.entity.js';

export const BLOCK_STATES = ['in-force', 'lifted'] as const;
export type BlockState = (typeof BLOCK_STATES)[number];

export class ListBlockedEntitiesQueryDto extends PageQueryDto {
  /** Part of a name or alias, in any script. @example "coinbase" */
  @IsOptional()
  @IsString()
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @MinLength(1)
  @MaxLength(200)
  q?: string;

  /** in-force: not lifted; lifted: lifted blocks only. Both when absent. */
  @ApiProperty({ enum: BLOCK_STATES, required: false, example: 'in-force' })
  @IsOptional()
  @IsIn(BLOCK_STATES)
  state?: BlockState;
}

export class BlockedEntityDto {
  /** @example "9a7b6c5d-4e3f-4a1b-8c9d-0e1f2a3b4c5d" */
  id: string;
  /** @example "Coinbase" */
  name: string;
  /** @example ["Coinbase Global"] */
  aliases: string[];
  /** @example "online-exchange" */
  category: string;
  /** The body that ordered the block. @example "Ministry of Culture and Information of the Republic of Kazakhstan" */
  authority: string;
  /** The body that asked for it. @example "Ministry of Digital Development, Innovation and Aerospace Industry" */
  requestedBy: string | null;
  /** @example "Law of the Republic of Kazakhstan \"On Digital Assets\", Art. 11(5)" */
  legalBasis: string;
  /** @example null */
  decisionNumber: string | null;
  /** @example null */
  decisionDate: string | null;
  /** ISO date; read it with `blockedOnPrecision`. @example "2023-11-01" */
  blockedOn: string;
  /** How much of `blockedOn` the source states (month: only the year and month are known). */
  @ApiProperty({ enum: DATE_PRECISIONS, example: 'month' })
  blockedOnPrecision: DatePrecision;
  /** @example null */
  liftedOn: string | null;
  /** @example null */
  liftReason: string | null;
  @ApiProperty({ enum: BLOCK_STATES, example: 'in-force' })
  state: BlockState;
  /** Domains named by the decision (A-labels). @example ["coinbase.com"] */
  domains: string[];
  source: SourceDto;
  /** @example 1 */
  version: number;
  /** @example "2026-11-24T09:00:00.000Z" */
  updatedAt: string;
}

export class BlockedEntityPageDto {
  items: BlockedEntityDto[];
  /** @example 4 */
  total: number;
  /** @example 20 */
  limit: number;
  /** @example 0 */
  offset: number;
}
