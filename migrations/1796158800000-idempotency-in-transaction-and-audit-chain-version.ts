import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Idempotency records are now written inside the write's transaction, so a committed row always has its status; rows
 * without one are claims left by requests that died mid-way, which would answer 409 for ever: they go. Audit events
 * name the version of the content their hash covers; every event so far was hashed as version 1.
 */
export class IdempotencyInTransactionAndAuditChainVersion1796158800000 implements MigrationInterface {
  name = 'IdempotencyInTransactionAndAuditChainVersion1796158800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM "idempotency_keys" WHERE "status" IS NULL`);
    await queryRunner.query(`ALTER TABLE "idempotency_keys" ALTER COLUMN "status" SET NOT NULL`);
    await queryRunner.query(`CREATE INDEX "ix_idempotency_keys_created_at" ON "idempotency_keys" ("created_at")`);
    // ADD COLUMN with a default fills existing rows without an UPDATE, so the append-only trigger is not involved.
    await queryRunner.query(`ALTER TABLE "audit_events" ADD "chain_version" smallint NOT NULL DEFAULT 1`);
    await queryRunner.query(`ALTER TABLE "audit_events" ALTER COLUMN "chain_version" DROP DEFAULT`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "audit_events" DROP COLUMN "chain_version"`);
    await queryRunner.query(`DROP INDEX "ix_idempotency_keys_created_at"`);
    await queryRunner.query(`ALTER TABLE "idempotency_keys" ALTER COLUMN "status" DROP NOT NULL`);
  }
}
