import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource, type EntityManager, IsNull } from 'typeorm';
import { ApiKeyEntity } from './api-key.entity.js';

@Injectable()
export class ApiKeysRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  getById(id: string, manager: EntityManager = this.dataSource.manager): Promise<ApiKeyEntity | null> {
    return manager.getRepository(ApiKeyEntity).findOneBy({ id });
  }

  list(): Promise<ApiKeyEntity[]> {
    return this.dataSource.getRepository(ApiKeyEntity).find({ order: { createdAt: 'ASC', id: 'ASC' } });
  }

  async insert(manager: EntityManager, key: Omit<ApiKeyEntity, 'createdAt' | 'revokedAt' | 'lastUsedAt'>): Promise<ApiKeyEntity> {
    return manager.getRepository(ApiKeyEntity).save(manager.create(ApiKeyEntity, { ...key, revokedAt: null, lastUsedAt: null }));
  }

  /** Returns false when the key was already revoked (or does not exist). */
  async revoke(manager: EntityManager, id: string, at: Date): Promise<boolean> {
    const result = await manager.getRepository(ApiKeyEntity).update({ id, revokedAt: IsNull() }, { revokedAt: at });
    return (result.affected ?? 0) > 0;
  }

  /** At most one write a minute per key: last-used is for operators, not an access log. */
  async touch(id: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE api_keys SET last_used_at = now()
       WHERE id = $1 AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')`,
      [id],
    );
  }
}
