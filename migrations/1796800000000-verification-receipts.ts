import type { MigrationInterface, QueryRunner } from 'typeorm';

const SCOPE = 'verifications:use';

/** The scopes ck_api_keys_scopes allows now (read from the constraint, so other migrations widening it compose). */
async function allowedScopes(queryRunner: QueryRunner): Promise<string[]> {
  const rows: { def: string }[] = await queryRunner.query(
    `SELECT pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE conname = 'ck_api_keys_scopes' AND conrelid = 'api_keys'::regclass`,
  );
  return [...(rows[0]?.def ?? '').matchAll(/'([a-z:-]+)'::text/g)].map((m) => m[1]!);
}

async function setScopes(queryRunner: QueryRunner, scopes: string[]): Promise<void> {
  await queryRunner.query(`ALTER TABLE "api_keys" DROP CONSTRAINT "ck_api_keys_scopes"`);
  await queryRunner.query(
    `ALTER TABLE "api_keys" ADD CONSTRAINT "ck_api_keys_scopes" CHECK (cardinality("scopes") > 0 AND "scopes" <@ ARRAY[${scopes.map((s) => `'${s}'`).join(', ')}]::text[])`,
  );
}

/**
 * Signed receipts of bank verifications (issue 12): each answer the registry gave a bank, as the compact JWS it
 * signed, kept append-only (the registry's own registry_append_only(), as for licence events and the audit trail) so
 * a bank can fetch it again and anyone can ask whether the registry holds it. The id is made by the service before
 * signing (it is inside the signed payload), so the column has no default. Adds the `verifications:use` scope.
 */
export class VerificationReceipts1796800000000 implements MigrationInterface {
  name = 'VerificationReceipts1796800000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "verification_receipts" ("id" uuid NOT NULL, "bank_key_id" text, "kind" text NOT NULL, "serial" bigint NOT NULL, "key_id" text NOT NULL, "issued_at" TIMESTAMP WITH TIME ZONE NOT NULL, "jws" text NOT NULL, CONSTRAINT "ck_verification_receipts_kind" CHECK ("kind" IN ('single', 'batch')), CONSTRAINT "pk_verification_receipts" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_verification_receipts_bank_key_id_issued_at" ON "verification_receipts" ("bank_key_id", "issued_at")`);
    await queryRunner.query(`CREATE TRIGGER "tr_verification_receipts_append_only" BEFORE UPDATE OR DELETE ON "verification_receipts"
      FOR EACH ROW EXECUTE FUNCTION registry_append_only()`);
    await queryRunner.query(`CREATE TRIGGER "tr_verification_receipts_no_truncate" BEFORE TRUNCATE ON "verification_receipts"
      FOR EACH STATEMENT EXECUTE FUNCTION registry_append_only()`);
    const scopes = await allowedScopes(queryRunner);
    if (!scopes.includes(SCOPE)) await setScopes(queryRunner, [...scopes, SCOPE]);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`UPDATE "api_keys" SET "scopes" = array_remove("scopes", '${SCOPE}')`);
    await setScopes(queryRunner, (await allowedScopes(queryRunner)).filter((s) => s !== SCOPE));
    await queryRunner.query(`DROP TABLE "verification_receipts"`);
  }
}
