import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { IdempotencyKeyEntity } from './idempotency-key.entity.js';

@Injectable()
export class IdempotencyRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Claims the key; false when someone already holds it. */
  async claim(apiKeyId: string, key: string, requestHash: string): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(
      `INSERT INTO idempotency_keys (api_key_id, key, request_hash) VALUES ($1, $2, $3)
       ON CONFLICT DO NOTHING RETURNING key`,
      [apiKeyId, key, requestHash],
    );
    return rows.length > 0;
  }

  get(apiKeyId: string, key: string): Promise<IdempotencyKeyEntity | null> {
    return this.dataSource.getRepository(IdempotencyKeyEntity).findOneBy({ apiKeyId, key });
  }

  async complete(apiKeyId: string, key: string, status: number, body: unknown): Promise<void> {
    await this.dataSource.getRepository(IdempotencyKeyEntity).update({ apiKeyId, key }, { status, body: body as object });
  }

  async release(apiKeyId: string, key: string): Promise<void> {
    await this.dataSource.getRepository(IdempotencyKeyEntity).delete({ apiKeyId, key });
  }
}
