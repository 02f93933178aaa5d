import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource, type EntityManager, In } from 'typeorm';
import { whereEveryWordMatches } from '../platform/database/like.js';
import { type NameHit, nameHits } from '../platform/database/name-similarity.js';
import type { BlockState } from './blocked-entities.dto.js';
import { BlockedEntityEntity } from './blocked-entity.entity.js';

export type NewBlockedEntity = Omit<BlockedEntityEntity, 'id' | 'version' | 'createdAt' | 'updatedAt'>;

@Injectable()
export class BlockedEntitiesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async search(filter: {
    foldedQuery?: string;
    state?: BlockState;
    limit: number;
    offset: number;
  }): Promise<{ entities: BlockedEntityEntity[]; total: number }> {
    const qb = this.dataSource
      .getRepository(BlockedEntityEntity)
      .createQueryBuilder('entity')
      // Newest block first; id breaks ties so pages are stable.
      .orderBy('entity.blocked_on', 'DESC')
      .addOrderBy('entity.id', 'ASC')
      .skip(filter.offset)
      .take(filter.limit);
    if (filter.foldedQuery) whereEveryWordMatches(qb, 'entity.search_text', filter.foldedQuery);
    if (filter.state === 'in-force') qb.andWhere('entity.lifted_on IS NULL');
    if (filter.state === 'lifted') qb.andWhere('entity.lifted_on IS NOT NULL');
    const [entities, total] = await qb.getManyAndCount();
    return { entities, total };
  }

  getById(id: string, manager: EntityManager = this.dataSource.manager): Promise<BlockedEntityEntity | null> {
    return manager.getRepository(BlockedEntityEntity).findOneBy({ id });
  }

  /** Applies `patch` only if the entity is still at `version`; false when someone changed it first. */
  async updateIfVersion(
    manager: EntityManager,
    id: string,
    version: number,
    patch: Partial<NewBlockedEntity>,
  ): Promise<boolean> {
    const result = await manager
      .createQueryBuilder()
      .update(BlockedEntityEntity)
      .set({ ...patch, version: () => 'version + 1' })
      .where('id = :id AND version = :version', { id, version })
      .execute();
    return (result.affected ?? 0) === 1;
  }

  /** Every blocked entity, in force or lifted (for the check: a few thousand records at most). */
  getAll(): Promise<BlockedEntityEntity[]> {
    return this.dataSource.getRepository(BlockedEntityEntity).find();
  }

  async existingIds(manager: EntityManager, ids: string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const found = await manager.getRepository(BlockedEntityEntity).find({ select: { id: true }, where: { id: In(ids) } });
    return new Set(found.map((e) => e.id));
  }

  count(manager: EntityManager): Promise<number> {
    return manager.getRepository(BlockedEntityEntity).count();
  }

  /** Blocked entities with a name close to each folded query (pg_trgm on search_text). */
  nameHits(foldedQueries: readonly string[]): Promise<NameHit[]> {
    return nameHits(this.dataSource.manager, 'blocked_entities', foldedQueries);
  }

  /** Blocked entities whose decision names one of these domains (A-labels), with the domains it names. */
  async domainHits(domains: string[]): Promise<{ id: string; domains: string[] }[]> {
    if (domains.length === 0) return [];
    return this.dataSource.query(`SELECT id, domains FROM blocked_entities WHERE domains && $1::text[]`, [domains]);
  }

  getByIds(ids: string[]): Promise<BlockedEntityEntity[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.dataSource.getRepository(BlockedEntityEntity).findBy({ id: In(ids) });
  }

  /** The first day a block took effect; null when none is recorded. */
  async earliestDay(): Promise<string | null> {
    const rows: { day: string | null }[] = await this.dataSource.query(`SELECT to_char(min(blocked_on), 'YYYY-MM-DD') AS day FROM blocked_entities`);
    return rows[0]?.day ?? null;
  }

  async create(manager: EntityManager, entity: NewBlockedEntity): Promise<string> {
    const saved = await manager.getRepository(BlockedEntityEntity).save(manager.create(BlockedEntityEntity, entity));
    return saved.id;
  }
}
