import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { MAX_INPUT_LENGTH } from '../domain-names/canonicalise.js';
import { LimitQueryDto } from '../platform/http/pagination.dto.js';
import { REPORT_TARGET_KINDS, type ReportTargetKind } from './report.entity.js';

const trimmed = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export const MAX_COMMENT_LENGTH = 1000;

export class CreateReportDto {
  /** The site, link or name that looks suspicious, as the citizen has it. @example "https://binance-kz.com/login" */
  @IsString()
  @Transform(trimmed)
  @MinLength(1)
  @MaxLength(MAX_INPUT_LENGTH)
  q: string;

  /** The language the citizen reads (kk, ru or en); anything else is passed over for Accept-Language. @example "ru" */
  @IsOptional()
  @IsString()
  @MaxLength(35)
  lang?: string;

  /**
   * What happened, in the citizen's words. No name, telephone or e-mail is asked for; please leave them out.
   * @example "Sent in a Telegram group as the official Binance Kazakhstan site."
   */
  @IsOptional()
  @IsString()
  @Transform(trimmed)
  @MaxLength(MAX_COMMENT_LENGTH)
  comment?: string;
}

export class ReportTargetDto {
  @ApiProperty({ enum: REPORT_TARGET_KINDS, example: 'domain' })
  kind: ReportTargetKind;
  /** What reports are counted under: the registrable domain (A-label), the IP address, or the folded name. @example "binance-kz.com" */
  target: string;
  /** How people read it (a domain in Unicode, a name as first reported). @example "binance-kz.com" */
  display: string;
}

export class ReportAcceptedDto {
  target: ReportTargetDto;
  /**
   * false when this address already reported the same target within the last day: kept as an answer, not counted
   * again. @example true
   */
  counted: boolean;
}

export class ListReportsQueryDto extends LimitQueryDto {
  /** `nextCursor` of the page before. @example "eyJ2IjoxLCJjIjozLCJ0IjoiYmluYW5jZS1rei5jb20ifQ" */
  @IsOptional()
  @IsString()
  @MaxLength(400)
  cursor?: string;
}

export class ReportedTargetDto extends ReportTargetDto {
  /** Reports counted for it. @example 3 */
  count: number;
  /** @example "2026-11-20T08:15:00.000Z" */
  firstReportedAt: string;
  /** @example "2026-11-24T09:40:00.000Z" */
  lastReportedAt: string;
  /** The latest comments sent with its reports, newest first (up to 3). @example ["Sent in a Telegram group as the official Binance Kazakhstan site."] */
  latestComments: string[];
}

export class ReportedTargetPageDto {
  /** Most reported first (then by target, descending). */
  items: ReportedTargetDto[];
  /** @example 20 */
  limit: number;
  /** Pass as `cursor` for the next page; null on the last page. @example null */
  nextCursor: string | null;
}
