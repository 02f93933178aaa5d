import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource, type EntityManager, In } from 'typeorm';
import { escapeLike } from '../platform/database/like.js';
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
    if (filter.foldedQuery) {
      qb.andWhere(`entity.search_text LIKE :q ESCAPE '\\'`, { q: `%${escapeLike(filter.foldedQuery)}%` });
    }
    if (filter.state === 'in-force') qb.andWhere('entity.lifted_on IS NULL');
    if (filter.state === 'lifted') qb.andWhere('entity.lifted_on IS NOT NULL');
    const [entities, total] = await qb.getManyAndCount();
    return { entities, total };
  }

  getById(id: string): Promise<BlockedEntityEntity | null> {
    return this.dataSource.getRepository(BlockedEntityEntity).findOneBy({ id });
  }

  getByIds(ids: string[]): Promise<BlockedEntityEntity[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.dataSource.getRepository(BlockedEntityEntity).findBy({ id: In(ids) });
  }

  count(manager: EntityManager): Promise<number> {
    return manager.getRepository(BlockedEntityEntity).count();
  }

  async create(manager: EntityManager, entity: NewBlockedEntity): Promise<string> {
    const saved = await manager.getRepository(BlockedEntityEntity).save(manager.create(BlockedEntityEntity, entity));
    return saved.id;
  }
}
