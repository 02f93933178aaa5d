import { Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { CanonicaliseError } from '../domain-names/canonicalise.js';
import { InvalidTargetError } from '../check/check.errors.js';
import { negotiateLang } from '../platform/i18n/languages.js';
import { REDIS } from '../platform/redis/redis.module.js';
import { MemoryReportStore, RedisReportStore, ReportGuard } from './report-guard.js';
import type { ReportSender } from './report-sender.js';
import { reportTarget, type ReportTarget } from './report-target.js';
import type { CreateReportDto, ListReportsQueryDto, ReportAcceptedDto, ReportedTargetPageDto } from './reports.dto.js';
import { decodeReportsCursor, encodeReportsCursor } from './reports-cursor.js';
import { InvalidReportCursorError, TooManyReportsError } from './reports.errors.js';
import { ReportsRepository } from './reports.repository.js';

@Injectable()
export class ReportsService {
  private readonly guard: ReportGuard;

  constructor(
    private readonly reports: ReportsRepository,
    @Inject(APP_CONFIG) private readonly config: Pick<AppConfig, 'REPORTS_PER_HOUR'>,
    @Inject(REDIS) redis: Redis | null,
  ) {
    this.guard = new ReportGuard(redis ? new RedisReportStore(redis) : new MemoryReportStore());
  }

  /** A citizen's report (its address kept by the guard for a day at most, hashed in Redis, never in the database). */
  async submit(report: CreateReportDto, sender: ReportSender, acceptLanguage: string | undefined): Promise<ReportAcceptedDto> {
    const target = targetOf(report.q);
    const verdict = await this.guard.take(sender.ip, target.target, (tag) => sender.countHour(tag, this.config.REPORTS_PER_HOUR));
    if (verdict.outcome === 'limited') throw new TooManyReportsError(this.config.REPORTS_PER_HOUR, verdict.retryAfterSeconds);
    if (verdict.outcome === 'count') {
      await this.reports.add({ ...target, lang: negotiateLang(report.lang, acceptLanguage), comment: report.comment || null });
    }
    return { target, counted: verdict.outcome === 'count' };
  }

  async list(query: ListReportsQueryDto): Promise<ReportedTargetPageDto> {
    const after = query.cursor === undefined ? null : decodeReportsCursor(query.cursor);
    if (query.cursor !== undefined && !after) throw new InvalidReportCursorError();
    const rows = await this.reports.page(after, query.limit + 1);
    const items = rows.slice(0, query.limit).map((r) => ({
      kind: r.kind,
      target: r.target,
      display: r.display,
      count: r.count,
      firstReportedAt: r.firstReportedAt.toISOString(),
      lastReportedAt: r.lastReportedAt.toISOString(),
      latestComments: r.latestComments,
    }));
    const last = items.at(-1);
    return { items, limit: query.limit, nextCursor: rows.length > query.limit && last ? encodeReportsCursor({ count: last.count, target: last.target }) : null };
  }
}

function targetOf(q: string): ReportTarget {
  try {
    return reportTarget(q);
  } catch (error) {
    if (error instanceof CanonicaliseError) throw new InvalidTargetError(error);
    throw error;
  }
}
