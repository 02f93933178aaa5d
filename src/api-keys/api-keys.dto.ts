import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMinSize, ArrayUnique, IsArray, IsDate, IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min, MinDate, MinLength } from 'class-validator';
import { SCOPES, type Scope } from '../auth/scopes.js';
import { NormalisedText } from '../platform/i18n/free-text.js';

export class CreateApiKeyDto {
  /** Who or what will use it. @example "ISP sync robot" */
  @NormalisedText()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name: string;

  @ApiProperty({ enum: SCOPES, isArray: true, example: ['blocklist:write'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsIn(SCOPES, { each: true })
  scopes: Scope[];

  /** When the key stops working (ISO date-time); never when absent. @example "2027-06-30T00:00:00Z" */
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  @MinDate(() => new Date(), { message: 'expiresAt must be in the future' })
  expiresAt?: Date;

  /**
   * Requests a minute the key may make, counted for the key rather than its address (a bank or an ISP behind one
   * address with more volume than RATE_LIMIT_PER_MINUTE); when absent the key is counted by its address like anyone.
   * @example 6000
   */
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  rateLimitPerMinute?: number;
}

export class ApiKeyDto {
  /** Public id (also inside the key). @example "k3dax2q7m4pa" */
  id: string;
  /** @example "ISP sync robot" */
  name: string;
  @ApiProperty({ enum: SCOPES, isArray: true, example: ['blocklist:write'] })
  scopes: Scope[];
  /** @example "2026-11-24T09:00:00.000Z" */
  createdAt: string;
  /** @example "cli" */
  createdBy: string;
  /** @example null */
  expiresAt: string | null;
  /** @example null */
  revokedAt: string | null;
  /** Updated at most once a minute. @example null */
  lastUsedAt: string | null;
  /** Requests a minute counted for the key; null: counted by its address. @example 6000 */
  rateLimitPerMinute: number | null;
}

export class CreatedApiKeyDto extends ApiKeyDto {
  /** The key itself. Shown only in this response: store it now. @example "kzr_k3dax2q7m4pa_..." */
  key: string;
}
