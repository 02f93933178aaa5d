import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { ReceiptEntity } from './receipt.entity.js';

export interface NewReceipt {
  id: string;
  bankKeyId: string | null;
  kind: ReceiptEntity['kind'];
  serial: number;
  keyId: string;
  issuedAt: Date;
  jws: string;
}

@Injectable()
export class ReceiptsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** One INSERT, in the caller's transaction when it passes one (the table has no default and returns nothing). */
  async add(receipt: NewReceipt, manager: EntityManager = this.dataSource.manager): Promise<void> {
    await manager.query(
      `INSERT INTO "verification_receipts" ("id", "bank_key_id", "kind", "serial", "key_id", "issued_at", "jws") VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [receipt.id, receipt.bankKeyId, receipt.kind, receipt.serial, receipt.keyId, receipt.issuedAt, receipt.jws],
    );
  }

  /** The receipt issued to this key; null when there is none, or it is another key's or anonymous. */
  getByIdForBank(id: string, bankKeyId: string): Promise<ReceiptEntity | null> {
    return this.dataSource.getRepository(ReceiptEntity).findOneBy({ id, bankKeyId });
  }

  /** Whether the registry holds a receipt with this id and exactly this JWS. */
  async holds(id: string, jws: string): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(`SELECT 1 FROM "verification_receipts" WHERE "id" = $1 AND "jws" = $2`, [id, jws]);
    return rows.length > 0;
  }
}
