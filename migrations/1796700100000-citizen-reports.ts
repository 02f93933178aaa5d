import type { MigrationInterface, QueryRunner } from 'typeorm';

const SCOPE = 'reports:read';

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
 * Citizens' reports (issue 11): each report without personal data, and the count per canonical target that operators
 * page through (`GET /v1/admin/reports`, most reported first: the index is read backwards). Adds the `reports:read`
 * scope to the API keys' constraint.
 */
export class CitizenReports1796700100000 implements MigrationInterface {
  name = 'CitizenReports1796700100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "reports" ("id" uuid NOT NULL DEFAULT uuidv7(), "target" text NOT NULL, "lang" text NOT NULL, "comment" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_reports" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_reports_target" ON "reports" ("target")`);
    await queryRunner.query(
      `CREATE TABLE "report_targets" ("target" text NOT NULL, "kind" text NOT NULL, "display" text NOT NULL, "report_count" integer NOT NULL, "first_reported_at" TIMESTAMP WITH TIME ZONE NOT NULL, "last_reported_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "pk_report_targets" PRIMARY KEY ("target"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_report_targets_count_target" ON "report_targets" ("report_count", "target")`);
    const scopes = await allowedScopes(queryRunner);
    if (!scopes.includes(SCOPE)) await setScopes(queryRunner, [...scopes, SCOPE]);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`UPDATE "api_keys" SET "scopes" = array_remove("scopes", '${SCOPE}')`);
    await setScopes(queryRunner, (await allowedScopes(queryRunner)).filter((s) => s !== SCOPE));
    await queryRunner.query(`DROP TABLE "report_targets"`);
    await queryRunner.query(`DROP TABLE "reports"`);
  }
}
