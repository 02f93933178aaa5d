import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Publications of the blocklist (src/blocklist/publications/): one row per published serial, written once, never
 * changed; the database refuses UPDATE, as it does for the audit trail, so a published manifest cannot be rewritten.
 */
export class BlocklistPublications1796500010000 implements MigrationInterface {
  name = 'BlocklistPublications1796500010000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "blocklist_publications" (
      "serial" bigint NOT NULL,
      "previous_serial" bigint,
      "published_at" TIMESTAMP WITH TIME ZONE NOT NULL,
      "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
      "set_sha256" text NOT NULL,
      "entry_count" integer NOT NULL,
      "audit_seq" bigint NOT NULL,
      "audit_hash" text NOT NULL,
      "key_id" text NOT NULL,
      "manifest" bytea NOT NULL,
      "manifest_sha256" text NOT NULL,
      "signature" bytea NOT NULL,
      "jws" text NOT NULL,
      "files" jsonb NOT NULL,
      CONSTRAINT "ck_blocklist_publications_previous" CHECK ("previous_serial" IS NULL OR "previous_serial" < "serial"),
      CONSTRAINT "ck_blocklist_publications_hashes" CHECK ("set_sha256" ~ '^[0-9a-f]{64}$' AND "manifest_sha256" ~ '^[0-9a-f]{64}$'),
      CONSTRAINT "pk_blocklist_publications" PRIMARY KEY ("serial"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_blocklist_publications_previous_serial" ON "blocklist_publications" ("previous_serial")`);
    await queryRunner.query(`CREATE FUNCTION "blocklist_publications_immutable"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'blocklist_publications rows are immutable' USING ERRCODE = 'insufficient_privilege'; END $$`);
    await queryRunner.query(`CREATE TRIGGER "tr_blocklist_publications_immutable" BEFORE UPDATE ON "blocklist_publications"
      FOR EACH ROW EXECUTE FUNCTION "blocklist_publications_immutable"()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "blocklist_publications"`);
    await queryRunner.query(`DROP FUNCTION "blocklist_publications_immutable"()`);
  }
}
