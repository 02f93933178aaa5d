import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { DATE_PRECISIONS, type DatePrecision } from '../provenance/date-precision.js';
import { SourceDto } from '../provenance/source.dto.js';
import { PageQueryDto } from '../platform/http/pagination.dto.js';
import { EXAMPLE_LAW, LocalisedTextDto } from '../text/localised-text.dto.js';

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
  /** The name in kk, ru and en (null where the record has no such version; English is the fallback). */
  @ApiProperty({ type: LocalisedTextDto, example: { en: 'Coinbase', ru: null, kk: null } })
  name: LocalisedTextDto;
  /** @example ["Coinbase Global"] */
  aliases: string[];
  /** @example "online-exchange" */
  category: string;
  /** The body that ordered the block, in kk, ru and en. */
  @ApiProperty({
    type: LocalisedTextDto,
    example: {
      en: 'Ministry of Culture and Information of the Republic of Kazakhstan',
      ru: 'Министерство культуры и информации Республики Казахстан',
      kk: 'Қазақстан Республикасының Мәдениет және ақпарат министрлігі',
    },
  })
  authority: LocalisedTextDto;
  /** The body that asked for it, in kk, ru and en; null when the record names none. */
  @ApiProperty({
    type: LocalisedTextDto,
    nullable: true,
    example: {
      en: 'Ministry of Digital Development, Innovation and Aerospace Industry',
      ru: 'Министерство цифрового развития, инноваций и аэрокосмической промышленности',
      kk: 'Цифрлық даму, инновациялар және аэроғарыш өнеркәсібі министрлігі',
    },
  })
  requestedBy: LocalisedTextDto | null;
  /** The law the block rests on, in kk, ru and en. */
  @ApiProperty({ type: LocalisedTextDto, example: EXAMPLE_LAW })
  legalBasis: LocalisedTextDto;
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
