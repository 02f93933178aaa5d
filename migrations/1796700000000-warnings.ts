import type { MigrationInterface, QueryRunner } from 'typeorm';

const SCOPES_BEFORE = ['firms:write', 'blocks:write', 'blocklist:write', 'audit:read', 'keys:admin'];
const SCOPES_AFTER = [...SCOPES_BEFORE, 'warnings:write'];
const scopesCheck = (scopes: string[]) =>
  `cardinality("scopes") > 0 AND "scopes" <@ ARRAY[${scopes.map((s) => `'${s}'`).join(', ')}]::text[]`;

/**
 * Regulators' public warnings about unlicensed brands (issue 11) as records of their own, announced to the check index
 * like the other records it reads; and the scope that writes them.
 */
export class Warnings1796700000000 implements MigrationInterface {
  name = 'Warnings1796700000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "warnings" ("id" uuid NOT NULL DEFAULT uuidv7(), "brands" text array NOT NULL, ` +
        `"aliases" text array NOT NULL DEFAULT '{}', "domains" text array NOT NULL DEFAULT '{}', "search_text" text NOT NULL, ` +
        `"issued_on" date, "issuer" text NOT NULL, "title_en" text NOT NULL, "title_ru" text, "title_kk" text, ` +
        `"summary_en" text NOT NULL, "summary_ru" text, "summary_kk" text, "source_url" text, "source_document" text, ` +
        `"source_read_on" date NOT NULL, "source_confidence" text NOT NULL, "source_demo" boolean NOT NULL DEFAULT false, ` +
        `"withdrawn_on" date, "withdrawal_reason" text, "version" integer NOT NULL DEFAULT '1', ` +
        `"created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), ` +
        `CONSTRAINT "ck_warnings_version" CHECK ("version" > 0), ` +
        `CONSTRAINT "ck_warnings_source_confidence" CHECK ("source_confidence" IN ('verified', 'third-party', 'unconfirmed')), ` +
        `CONSTRAINT "ck_warnings_source_present" CHECK ("source_url" IS NOT NULL OR "source_document" IS NOT NULL), ` +
        `CONSTRAINT "ck_warnings_withdrawal_reason" CHECK ("withdrawal_reason" IS NULL OR "withdrawn_on" IS NOT NULL), ` +
        `CONSTRAINT "ck_warnings_withdrawn" CHECK ("withdrawn_on" IS NULL OR "issued_on" IS NULL OR "withdrawn_on" >= "issued_on"), ` +
        `CONSTRAINT "ck_warnings_brands" CHECK (cardinality("brands") > 0), ` +
        `CONSTRAINT "pk_warnings" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TRIGGER "tr_warnings_notify" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "warnings" ` +
        `FOR EACH STATEMENT EXECUTE FUNCTION registry_notify_change()`,
    );
    await queryRunner.query(`ALTER TABLE "api_keys" DROP CONSTRAINT "ck_api_keys_scopes"`);
    await queryRunner.query(`ALTER TABLE "api_keys" ADD CONSTRAINT "ck_api_keys_scopes" CHECK (${scopesCheck(SCOPES_AFTER)})`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`UPDATE "api_keys" SET "scopes" = array_remove("scopes", 'warnings:write')`);
    await queryRunner.query(`ALTER TABLE "api_keys" DROP CONSTRAINT "ck_api_keys_scopes"`);
    await queryRunner.query(`ALTER TABLE "api_keys" ADD CONSTRAINT "ck_api_keys_scopes" CHECK (${scopesCheck(SCOPES_BEFORE)})`);
    await queryRunner.query(`DROP TABLE "warnings"`);
  }
}
