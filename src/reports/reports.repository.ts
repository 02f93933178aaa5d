import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { ReportTargetKind } from './report.entity.js';
import type { ReportsCursor } from './reports-cursor.js';

export interface NewReport {
  target: string;
  kind: ReportTargetKind;
  display: string;
  lang: string;
  comment: string | null;
}

export interface ReportedTargetRow {
  target: string;
  kind: ReportTargetKind;
  display: string;
  count: number;
  firstReportedAt: Date;
  lastReportedAt: Date;
  latestComments: string[];
}

@Injectable()
export class ReportsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Stores the report and counts it under its target in one statement (so one commits with the other). */
  async add(report: NewReport): Promise<void> {
    await this.dataSource.query(
      `WITH added AS (
         INSERT INTO "reports" ("target", "lang", "comment") VALUES ($1, $2, $3) RETURNING "created_at"
       )
       INSERT INTO "report_targets" ("target", "kind", "display", "report_count", "first_reported_at", "last_reported_at")
       SELECT $1, $4, $5, 1, "created_at", "created_at" FROM added
       ON CONFLICT ("target") DO UPDATE
         SET "report_count" = "report_targets"."report_count" + 1, "last_reported_at" = EXCLUDED."last_reported_at"`,
      [report.target, report.lang, report.comment, report.kind, report.display],
    );
  }

  /** Most reported first, keyset-paged on (count, target) by ix_report_targets_count_target, read backwards. */
  async page(after: ReportsCursor | null, limit: number): Promise<ReportedTargetRow[]> {
    const rows: {
      target: string;
      kind: ReportTargetKind;
      display: string;
      report_count: number;
      first_reported_at: Date;
      last_reported_at: Date;
      latest_comments: string[] | null;
    }[] = await this.dataSource.query(
      `SELECT t."target", t."kind", t."display", t."report_count", t."first_reported_at", t."last_reported_at",
              (SELECT array_agg(c."comment" ORDER BY c."created_at" DESC, c."id" DESC)
                 FROM (SELECT r."comment", r."created_at", r."id" FROM "reports" r
                        WHERE r."target" = t."target" AND r."comment" IS NOT NULL
                        ORDER BY r."created_at" DESC, r."id" DESC LIMIT 3) c) AS "latest_comments"
         FROM "report_targets" t
        WHERE $1::integer IS NULL OR (t."report_count", t."target") < ($1::integer, $2::text)
        ORDER BY t."report_count" DESC, t."target" DESC
        LIMIT $3`,
      [after?.count ?? null, after?.target ?? null, limit],
    );
    return rows.map((r) => ({
      target: r.target,
      kind: r.kind,
      display: r.display,
      count: r.report_count,
      firstReportedAt: r.first_reported_at,
      lastReportedAt: r.last_reported_at,
      latestComments: r.latest_comments ?? [],
    }));
  }
}
