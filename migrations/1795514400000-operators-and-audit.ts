import type { MigrationInterface, QueryRunner } from 'typeorm';

/** API keys (hashes only), the hash-chained audit trail, and idempotency records for creating requests. */
export class OperatorsAndAudit1795514400000 implements MigrationInterface {
  name = 'OperatorsAndAudit1795514400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "api_keys" ("id" text NOT NULL, "name" text NOT NULL, "secret_hash" text NOT NULL, "scopes" text array NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "created_by" text NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE, "revoked_at" TIMESTAMP WITH TIME ZONE, "last_used_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "ck_api_keys_secret_hash" CHECK ("secret_hash" ~ '^[0-9a-f]{64}$'), CONSTRAINT "ck_api_keys_scopes" CHECK (cardinality("scopes") > 0 AND "scopes" <@ ARRAY['firms:write', 'blocks:write', 'blocklist:write', 'audit:read', 'keys:admin']::text[]), CONSTRAINT "pk_api_keys" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_api_keys_revoked_at" ON "api_keys"  ("revoked_at")`);
    await queryRunner.query(`CREATE TABLE "audit_events" ("seq" bigint NOT NULL, "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL, "actor" text NOT NULL, "action" text NOT NULL, "target_type" text NOT NULL, "target_id" text NOT NULL, "before" jsonb, "after" jsonb, "request_id" text, "prev_hash" text NOT NULL, "hash" text NOT NULL, CONSTRAINT "ck_audit_events_hashes" CHECK ("hash" ~ '^[0-9a-f]{64}$' AND "prev_hash" ~ '^[0-9a-f]{64}$'), CONSTRAINT "pk_audit_events" PRIMARY KEY ("seq"))`);
    await queryRunner.query(`CREATE INDEX "ix_audit_events_occurred_at" ON "audit_events"  ("occurred_at")`);
    await queryRunner.query(`CREATE INDEX "ix_audit_events_actor" ON "audit_events"  ("actor")`);
    await queryRunner.query(`CREATE INDEX "ix_audit_events_target" ON "audit_events"  ("target_type", "target_id")`);
    await queryRunner.query(`CREATE TABLE "audit_head" ("id" smallint NOT NULL, "seq" bigint NOT NULL, "hash" text NOT NULL, CONSTRAINT "ck_audit_head_singleton" CHECK ("id" = 1), CONSTRAINT "pk_audit_head" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE TABLE "idempotency_keys" ("api_key_id" text NOT NULL, "key" text NOT NULL, "request_hash" text NOT NULL, "status" integer, "body" jsonb, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_idempotency_keys" PRIMARY KEY ("api_key_id", "key"))`);
    // The chain starts from a hash of 64 zeros at seq 0.
    await queryRunner.query(`INSERT INTO "audit_head" ("id", "seq", "hash") VALUES (1, 0, repeat('0', 64))`);
    // The trail is append-only, whoever connects: refuse every change but INSERT.
    await queryRunner.query(`
      CREATE FUNCTION registry_audit_append_only() RETURNS trigger
      LANGUAGE plpgsql AS $fn$
      BEGIN
        RAISE EXCEPTION 'audit_events is append-only (% refused)', TG_OP USING ERRCODE = 'restrict_violation';
      END
      $fn$`);
    await queryRunner.query(
      `CREATE TRIGGER "tr_audit_events_append_only" BEFORE UPDATE OR DELETE ON "audit_events" ` +
        `FOR EACH ROW EXECUTE FUNCTION registry_audit_append_only()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER "tr_audit_events_no_truncate" BEFORE TRUNCATE ON "audit_events" ` +
        `FOR EACH STATEMENT EXECUTE FUNCTION registry_audit_append_only()`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "idempotency_keys"`);
    await queryRunner.query(`DROP TABLE "audit_head"`);
    await queryRunner.query(`DROP TABLE "audit_events"`);
    await queryRunner.query(`DROP FUNCTION registry_audit_append_only()`);
    await queryRunner.query(`DROP TABLE "api_keys"`);
  }
}
