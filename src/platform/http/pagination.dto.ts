import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';

export const MAX_PAGE_SIZE = 100;
export const MAX_OFFSET = 100_000;

/** A page size alone: for lists paged by a cursor (PageQueryDto adds the offset for lists paged by offset). */
export class LimitQueryDto {
  /** How many items to return (1-100). @example 20 */
  // Optional with a default: the plugin would mark an initialised property required.
  @ApiPropertyOptional({ default: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  limit: number = 20;
}

export class PageQueryDto extends LimitQueryDto {
  /** How many items to skip. The order is stable, so pages do not overlap. @example 0 */
  @ApiPropertyOptional({ default: 0 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(MAX_OFFSET)
  offset: number = 0;
}

export class IdParamDto {
  /** The record's id (UUID). @example "3f1c2a9e-8b7d-4c6e-9f0a-1b2c3d4e5f60" */
  @Type(() => String)
  @IsUUID('all')
  id: string;
}

