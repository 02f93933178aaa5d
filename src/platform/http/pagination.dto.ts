import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsInt, IsOptional, IsUUID, ValidateBy } from 'class-validator';

export const MAX_PAGE_SIZE = 100;
export const MAX_OFFSET = 100_000;

/**
 * A page parameter written as a decimal number (`20`, `-1`, `1.5`, `99999999999999999999`) becomes that number, for
 * the bounds and IsInt to judge; any other spelling (`0x10`, `1e1`, `+5`, ` 5`, empty, a repeated parameter) stays as
 * sent, so IsInt refuses it, where Number() read `0x10` as 16, `1e1` as 10 and an empty value as 0.
 */
const DECIMAL_NUMBER = /^-?[0-9]+(\.[0-9]+)?$/;
const DecimalOrAsSent = () => Transform(({ value }: { value: unknown }) => (typeof value === 'string' && DECIMAL_NUMBER.test(value) ? Number(value) : value));

/**
 * class-validator's Min and Max under their own names (so their messages and arguments are found as before), silent on
 * a value that is not a number: IsInt alone says what is wrong with `0x10`, not three contradicting bounds.
 */
const Bound = (name: 'min' | 'max', bound: number) =>
  ValidateBy({
    name,
    constraints: [bound],
    validator: {
      validate: (value: unknown) => typeof value !== 'number' || (name === 'min' ? value >= bound : value <= bound),
      defaultMessage: (args) => `${args?.property} must not be ${name === 'min' ? 'less' : 'greater'} than ${bound}`,
    },
  });

/** A page size alone: for lists paged by a cursor (PageQueryDto adds the offset for lists paged by offset). */
export class LimitQueryDto {
  /** How many items to return (1-100). @example 20 */
  // Optional with a default: the plugin would mark an initialised property required.
  @ApiPropertyOptional({ default: 20, minimum: 1, maximum: MAX_PAGE_SIZE })
  @IsOptional()
  @DecimalOrAsSent()
  @IsInt()
  @Bound('min', 1)
  @Bound('max', MAX_PAGE_SIZE)
  limit: number = 20;
}

export class PageQueryDto extends LimitQueryDto {
  /** How many items to skip. The order is stable, so pages do not overlap. @example 0 */
  @ApiPropertyOptional({ default: 0, minimum: 0, maximum: MAX_OFFSET })
  @IsOptional()
  @DecimalOrAsSent()
  @IsInt()
  @Bound('min', 0)
  @Bound('max', MAX_OFFSET)
  offset: number = 0;
}

export class IdParamDto {
  /** The record's id (UUID). @example "3f1c2a9e-8b7d-4c6e-9f0a-1b2c3d4e5f60" */
  @Type(() => String)
  @IsUUID('all')
  id: string;
}

