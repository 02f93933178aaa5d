import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

export const REPORT_TARGET_KINDS = ['domain', 'ipv4', 'ipv6', 'name'] as const;
export type ReportTargetKind = (typeof REPORT_TARGET_KINDS)[number];

/**
 * One citizen's report of a suspicious site or name. Nothing about the person is kept: no address, no contact; only
 * what was reported (in its canonical form), the page's language and an optional comment.
 */
@Entity({ name: 'reports' })
export class ReportEntity {
  @PrimaryColumn({ name: 'id', type: 'uuid', default: () => 'uuidv7()', primaryKeyConstraintName: 'pk_reports' })
  id: string;

  /** The canonical target (report_targets.target): a registrable domain, an IP address or a folded name. */
  @Index('ix_reports_target')
  @Column({ name: 'target', type: 'text' })
  target: string;

  @Column({ name: 'lang', type: 'text' })
  lang: string;

  @Column({ name: 'comment', type: 'text', nullable: true })
  comment: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

/** Reports counted per canonical target, kept beside them so operators page through counts without a GROUP BY. */
@Entity({ name: 'report_targets' })
@Index('ix_report_targets_count_target', ['count', 'target'])
export class ReportTargetEntity {
  @PrimaryColumn({ name: 'target', type: 'text', primaryKeyConstraintName: 'pk_report_targets' })
  target: string;

  @Column({ name: 'kind', type: 'text' })
  kind: ReportTargetKind;

  /** How people read it: the domain in Unicode, or the name as first reported. */
  @Column({ name: 'display', type: 'text' })
  display: string;

  @Column({ name: 'report_count', type: 'integer' })
  count: number;

  @Column({ name: 'first_reported_at', type: 'timestamptz' })
  firstReportedAt: Date;

  @Column({ name: 'last_reported_at', type: 'timestamptz' })
  lastReportedAt: Date;
}
