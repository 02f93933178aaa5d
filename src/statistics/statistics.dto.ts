import { ApiProperty } from '@nestjs/swagger';
import { ENTRY_KINDS, type EntryKind } from '../domain-names/entry-kinds.js';
import { LocalisedTextDto } from '../text/localised-text.dto.js';

export const PERIOD_PRECISIONS = ['month', 'year'] as const;
export type PeriodPrecision = (typeof PERIOD_PRECISIONS)[number];

export class PeriodCountDto {
  /** `YYYY-MM`, or `YYYY` where the source gives only the year. @example "2023-11" */
  period: string;
  @ApiProperty({ enum: PERIOD_PRECISIONS, example: 'month' })
  precision: PeriodPrecision;
  /** @example 1 */
  count: number;
}

export class NamedCountDto {
  /** A regulator as licences name it. @example "AFSA" */
  name: string;
  /** @example 2 */
  count: number;
}

export class AuthorityCountDto {
  /** The authority that ordered the blocks, in kk/ru/en; null for entries that name no blocked entity. */
  authority: LocalisedTextDto | null;
  /** @example 1 */
  count: number;
}

export class KindCountDto {
  @ApiProperty({ enum: ENTRY_KINDS, example: 'domain' })
  kind: EntryKind;
  /** @example 3 */
  count: number;
}

export class FirmStatisticsDto {
  /** Firms on the register. @example 2 */
  total: number;
  /** Firms with a licence in force. @example 2 */
  licensed: number;
  /** Firms with none in force but one suspended. @example 0 */
  suspended: number;
  /** Licensed firms by the regulator of a licence in force. */
  licensedByRegulator: NamedCountDto[];
  /** Licences granted, by month (or year, where the source gives only the year), oldest first; licences with no grant date are not counted here. */
  licencesGrantedByPeriod: PeriodCountDto[];
  /** Licences whose grant date no source gives. @example 1 */
  licencesWithoutGrantDate: number;
}

export class BlockedEntityStatisticsDto {
  /** @example 2 */
  total: number;
  /** @example 1 */
  inForce: number;
  /** @example 1 */
  lifted: number;
  /** Blocks in force by the authority that ordered them, most first. */
  inForceByAuthority: AuthorityCountDto[];
  /** Blocks (in force or lifted) by the month, or year, they were ordered in, oldest first. */
  blockedByPeriod: PeriodCountDto[];
}

export class SiteStatisticsDto {
  /** Blocklist entries in force (domains, URLs, IP addresses and ranges). @example 5 */
  inForce: number;
  byKind: KindCountDto[];
  /** Entries in force by the authority of their blocked entity, most first. */
  byAuthority: AuthorityCountDto[];
  /** Entries in force by the month they were added to the blocklist, oldest first. */
  addedByMonth: PeriodCountDto[];
}

export class WarningStatisticsDto {
  /** AFSA's public warnings recorded. @example 1 */
  total: number;
  /** Not withdrawn. @example 1 */
  inForce: number;
}

export class StatisticsDto {
  firms: FirmStatisticsDto;
  blockedEntities: BlockedEntityStatisticsDto;
  sites: SiteStatisticsDto;
  warnings: WarningStatisticsDto;
  /** The blocklist serial the figures were read at. @example 2 */
  serial: number;
  /** When the figures were read (they are kept up to 30 seconds, and dropped at once on a change). @example "2026-11-24T09:00:00.000Z" */
  generatedAt: string;
}
