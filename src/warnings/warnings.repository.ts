import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource, type EntityManager, In } from 'typeorm';
import { KAZAKHSTAN_TIME_ZONE } from '../platform/calendar/kazakhstan-day.js';
import { whereEveryWordMatches } from '../platform/database/like.js';
import { type NameHit, nameHits } from '../platform/database/name-similarity.js';
import type { WarningState } from './warnings.dto.js';
import { WarningEntity } from './warning.entity.js';

export type NewWarning = Omit<WarningEntity, 'id' | 'version' | 'createdAt' | 'updatedAt'>;

@Injectable()
export class WarningsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async search(filter: { foldedQuery?: string; state?: WarningState; limit: number; offset: number }): Promise<{ warnings: WarningEntity[]; total: number }> {
    const qb = this.dataSource
      .getRepository(WarningEntity)
      .createQueryBuilder('warning')
      // Newest first, undated ones (no source gives the date) after the dated; id (time-ordered) breaks ties.
      .orderBy('warning.issued_on', 'DESC', 'NULLS LAST')
      .addOrderBy('warning.id', 'ASC')
      .skip(filter.offset)
      .take(filter.limit);
    if (filter.foldedQuery) whereEveryWordMatches(qb, 'warning.search_text', filter.foldedQuery);
    if (filter.state === 'in-force') qb.andWhere('warning.withdrawn_on IS NULL');
    if (filter.state === 'withdrawn') qb.andWhere('warning.withdrawn_on IS NOT NULL');
    const [warnings, total] = await qb.getManyAndCount();
    return { warnings, total };
  }

  getById(id: string, manager: EntityManager = this.dataSource.manager): Promise<WarningEntity | null> {
    return manager.getRepository(WarningEntity).findOneBy({ id });
  }

  /** Every warning, in force or withdrawn (for the check: a few hundred at most). */
  getAll(): Promise<WarningEntity[]> {
    return this.dataSource.getRepository(WarningEntity).find();
  }

  count(manager: EntityManager): Promise<number> {
    return manager.getRepository(WarningEntity).count();
  }

  /** Warnings with a brand or alias close to each folded query (pg_trgm on search_text). */
  nameHits(foldedQueries: readonly string[]): Promise<NameHit[]> {
    return nameHits(this.dataSource.manager, 'warnings', foldedQueries);
  }

  /** Warnings that name one of these domains (A-labels), with the domains they name. */
  async domainHits(domains: string[]): Promise<{ id: string; domains: string[] }[]> {
    if (domains.length === 0) return [];
    return this.dataSource.query(`SELECT id, domains FROM warnings WHERE domains && $1::text[]`, [domains]);
  }

  getByIds(ids: string[]): Promise<WarningEntity[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.dataSource.getRepository(WarningEntity).findBy({ id: In(ids) });
  }

  /** The first day a warning was issued, or recorded where no source gives the day; null when there is none. */
  async earliestDay(): Promise<string | null> {
    const rows: { day: string | null }[] = await this.dataSource.query(
      `SELECT to_char(min(coalesce(issued_on, (created_at AT TIME ZONE '${KAZAKHSTAN_TIME_ZONE}')::date)), 'YYYY-MM-DD') AS day FROM warnings`,
    );
    return rows[0]?.day ?? null;
  }

  async create(manager: EntityManager, warning: NewWarning): Promise<string> {
    const rows: { id: string }[] = await manager
      .createQueryBuilder()
      .insert()
      .into(WarningEntity)
      .values(warning)
      .returning('id')
      .execute()
      .then((r) => r.raw);
    return rows[0]!.id;
  }

  /** Applies `patch` only if the warning is still at `version`; false when someone changed it first. */
  async updateIfVersion(manager: EntityManager, id: string, version: number, patch: Partial<NewWarning>): Promise<boolean> {
    const result = await manager
      .createQueryBuilder()
      .update(WarningEntity)
      .set({ ...patch, version: () => 'version + 1' })
      .where('id = :id AND version = :version', { id, version })
      .execute();
    return (result.affected ?? 0) === 1;
  }
}
