import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { IdempotencyKeyEntity } from './idempotency-key.entity.js';

@Injectable()
export class IdempotencyRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The stored result for this key, unless it is older than `ttlHours` (then it no longer counts). */
  async getLive(apiKeyId: string, key: string, ttlHours: number): Promise<IdempotencyKeyEntity | null> {
    return this.dataSource
      .getRepository(IdempotencyKeyEntity)
      .createQueryBuilder('k')
      .where('k.api_key_id = :apiKeyId AND k.key = :key', { apiKeyId, key })
      .andWhere(`k.created_at > now() - make_interval(hours => :ttl)`, { ttl: ttlHours })
      .getOne();
  }

  /**
   * Claims the key inside the write's transaction: the row is only visible once the write commits, and a concurrent
   * request with the same key waits here until then. An expired record is taken over. False: a live record exists.
   */
  async claim(manager: EntityManager, record: { apiKeyId: string; key: string; requestHash: string; status: number }, ttlHours: number): Promise<boolean> {
    const rows: unknown[] = await manager.query(
      `INSERT INTO idempotency_keys (api_key_id, key, request_hash, status) VALUES ($1, $2, $3, $4)
       ON CONFLICT (api_key_id, key) DO UPDATE
         SET request_hash = EXCLUDED.request_hash, status = EXCLUDED.status, body = NULL, created_at = now()
         WHERE idempotency_keys.created_at <= now() - make_interval(hours => $5)
       RETURNING key`,
      [record.apiKeyId, record.key, record.requestHash, record.status, ttlHours],
    );
    return rows.length > 0;
  }

  async storeBody(manager: EntityManager, apiKeyId: string, key: string, body: unknown): Promise<void> {
    await manager.getRepository(IdempotencyKeyEntity).update({ apiKeyId, key }, { body: body as object });
  }

  /** Deletes records older than `ttlHours`; returns how many. */
  async purge(ttlHours: number): Promise<number> {
    const result = await this.dataSource
      .createQueryBuilder()
      .delete()
      .from(IdempotencyKeyEntity)
      .where(`created_at <= now() - make_interval(hours => :ttl)`, { ttl: ttlHours })
      .execute();
    return result.affected ?? 0;
  }
}
