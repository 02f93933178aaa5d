import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Records in kk/ru/en: a blocked entity's name, authority, requester and legal basis, and a blocklist entry's legal
 * basis, each become three columns (`_en`, `_ru`, `_kk`); the English text they held is kept as `_en`.
 * Licence history: every status change is an append-only row of `licence_events`; existing licences get their grant
 * (and their end, or a suspension of unknown date) as first events. A licence may name no grant date, no activities,
 * or an unknown status, where its source says nothing of them.
 * Official domains carry their own source; those recorded before say that nothing confirms them.
 * Firm names are stored NFC and are unique per jurisdiction, ignoring case; licences can be found by number.
 */
export class LocalisedRecordsLicenceHistoryDomainSources1796200000000 implements MigrationInterface {
  name = 'LocalisedRecordsLicenceHistoryDomainSources1796200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // Localised texts.
    for (const column of ['name', 'authority', 'requested_by', 'legal_basis']) {
      await queryRunner.query(`ALTER TABLE "blocked_entities" RENAME COLUMN "${column}" TO "${column}_en"`);
      await queryRunner.query(`ALTER TABLE "blocked_entities" ADD "${column}_ru" text`);
      await queryRunner.query(`ALTER TABLE "blocked_entities" ADD "${column}_kk" text`);
    }
    await queryRunner.query(
      `ALTER TABLE "blocked_entities" ADD CONSTRAINT "ck_blocked_entities_requested_by" ` +
        `CHECK ("requested_by_en" IS NOT NULL OR ("requested_by_ru" IS NULL AND "requested_by_kk" IS NULL))`,
    );
    await queryRunner.query(`ALTER TABLE "blocklist_entries" RENAME COLUMN "legal_basis" TO "legal_basis_en"`);
    await queryRunner.query(`ALTER TABLE "blocklist_entries" ADD "legal_basis_ru" text`);
    await queryRunner.query(`ALTER TABLE "blocklist_entries" ADD "legal_basis_kk" text`);

    // Sources of official domains.
    await queryRunner.query(`ALTER TABLE "firm_domains" ADD "source_url" text`);
    await queryRunner.query(`ALTER TABLE "firm_domains" ADD "source_document" text`);
    await queryRunner.query(`ALTER TABLE "firm_domains" ADD "source_read_on" date`);
    await queryRunner.query(`ALTER TABLE "firm_domains" ADD "source_confidence" text`);
    await queryRunner.query(`
      UPDATE "firm_domains" SET
        "source_document" = 'Recorded before official domains carried their own source: no source on record states that the firm uses this domain.',
        "source_read_on" = CURRENT_DATE,
        "source_confidence" = 'unconfirmed'`);
    await queryRunner.query(`ALTER TABLE "firm_domains" ALTER COLUMN "source_read_on" SET NOT NULL`);
    await queryRunner.query(`ALTER TABLE "firm_domains" ALTER COLUMN "source_confidence" SET NOT NULL`);
    await queryRunner.query(
      `ALTER TABLE "firm_domains" ADD CONSTRAINT "ck_firm_domains_source_confidence" CHECK ("source_confidence" IN ('verified', 'third-party', 'unconfirmed'))`,
    );
    await queryRunner.query(
      `ALTER TABLE "firm_domains" ADD CONSTRAINT "ck_firm_domains_source_present" CHECK ("source_url" IS NOT NULL OR "source_document" IS NOT NULL)`,
    );

    // Licences: what a source may leave unknown. The precision is filled before the history trigger starts guarding it.
    await queryRunner.query(`ALTER TABLE "licences" ADD "granted_on_precision" text`);
    await queryRunner.query(`UPDATE "licences" SET "granted_on_precision" = 'day'`);
    await queryRunner.query(`ALTER TABLE "licences" ALTER COLUMN "granted_on" DROP NOT NULL`);
    await queryRunner.query(
      `ALTER TABLE "licences" ADD CONSTRAINT "ck_licences_granted_precision" CHECK (("granted_on" IS NULL) = ("granted_on_precision" IS NULL) AND ("granted_on_precision" IS NULL OR "granted_on_precision" IN ('day', 'month', 'year')))`,
    );
    await queryRunner.query(`ALTER TABLE "licences" DROP CONSTRAINT "ck_licences_activities"`);
    await queryRunner.query(`ALTER TABLE "licences" DROP CONSTRAINT "ck_licences_status"`);
    await queryRunner.query(
      `ALTER TABLE "licences" ADD CONSTRAINT "ck_licences_status" CHECK ("status" IN ('active', 'suspended', 'revoked', 'expired', 'unknown'))`,
    );
    await queryRunner.query(`ALTER TABLE "licences" DROP CONSTRAINT "ck_licences_ended"`);
    await queryRunner.query(
      `ALTER TABLE "licences" ADD CONSTRAINT "ck_licences_ended" CHECK (("status" IN ('active', 'suspended', 'unknown')) = ("ended_on" IS NULL))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_licences_number" ON "licences" ("number")`);
    await queryRunner.query(keepHistory(true));

    // Licence history.
    await queryRunner.query(`CREATE TABLE "licence_events" ("id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL, "licence_id" uuid NOT NULL, "event" text NOT NULL, "effective_on" date, "effective_on_precision" text, "reason" text, "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_licence_events_precision" CHECK (("effective_on" IS NULL) = ("effective_on_precision" IS NULL) AND ("effective_on_precision" IS NULL OR "effective_on_precision" IN ('day', 'month', 'year'))), CONSTRAINT "ck_licence_events_event" CHECK ("event" IN ('granted', 'suspended', 'reinstated', 'confirmed', 'revoked', 'expired')), CONSTRAINT "pk_licence_events" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_licence_events_licence_id" ON "licence_events" ("licence_id")`);
    await queryRunner.query(
      `ALTER TABLE "licence_events" ADD CONSTRAINT "fk_licence_events_licence" FOREIGN KEY ("licence_id") REFERENCES "licences"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    // What is known of each existing licence: its grant, then its end on its end date, or a suspension whose date
    // was never recorded. Ids follow that order (the SELECT's), so history reads oldest first.
    await queryRunner.query(`
      INSERT INTO "licence_events" ("licence_id", "event", "effective_on", "effective_on_precision", "recorded_at")
      SELECT id, event, effective_on, CASE WHEN effective_on IS NULL THEN NULL ELSE 'day' END, created_at
      FROM (
        SELECT id, created_at, 0 AS step, 'granted' AS event, granted_on AS effective_on FROM "licences"
        UNION ALL
        SELECT id, created_at, 1, status, ended_on FROM "licences" WHERE status IN ('revoked', 'expired')
        UNION ALL
        SELECT id, created_at, 1, 'suspended', NULL FROM "licences" WHERE status = 'suspended'
      ) AS known
      ORDER BY created_at, id, step`);
    await queryRunner.query(`
      CREATE FUNCTION registry_append_only() RETURNS trigger
      LANGUAGE plpgsql AS $fn$
      BEGIN
        RAISE EXCEPTION '% is append-only (% refused)', TG_TABLE_NAME, TG_OP USING ERRCODE = 'restrict_violation';
      END
      $fn$`);
    await queryRunner.query(
      `CREATE TRIGGER "tr_licence_events_append_only" BEFORE UPDATE OR DELETE ON "licence_events" ` +
        `FOR EACH ROW EXECUTE FUNCTION registry_append_only()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER "tr_licence_events_no_truncate" BEFORE TRUNCATE ON "licence_events" ` +
        `FOR EACH STATEMENT EXECUTE FUNCTION registry_append_only()`,
    );

    // Firm names: one Unicode form, one firm per name in a jurisdiction.
    await queryRunner.query(`
      UPDATE "firms" SET
        "name_en" = normalize("name_en", NFC),
        "name_ru" = normalize("name_ru", NFC),
        "name_kk" = normalize("name_kk", NFC)
      WHERE "name_en" IS NOT NFC NORMALIZED OR "name_ru" IS NOT NFC NORMALIZED OR "name_kk" IS NOT NFC NORMALIZED`);
    await queryRunner.query(`
      DO $do$
      DECLARE clash text;
      BEGIN
        SELECT string_agg(format('%s in %s', name, jurisdiction), '; ') INTO clash
        FROM (SELECT jurisdiction, min(name_en) AS name FROM "firms" GROUP BY jurisdiction, lower(name_en) HAVING count(*) > 1) AS dup;
        IF clash IS NOT NULL THEN
          RAISE EXCEPTION 'Several firms share a name (%): rename all but one of each, then migrate again', clash;
        END IF;
      END
      $do$`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_firms_name" ON "firms" ("jurisdiction", lower("name_en"))`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "uq_firms_name"`);
    await queryRunner.query(`DROP TABLE "licence_events"`);
    await queryRunner.query(`DROP FUNCTION registry_append_only()`);
    await queryRunner.query(keepHistory(false));
    await queryRunner.query(`DROP INDEX "ix_licences_number"`);
    // Only what the old schema can hold goes back: licences of unknown status or grant date cannot.
    await queryRunner.query(`ALTER TABLE "licences" DROP CONSTRAINT "ck_licences_ended"`);
    await queryRunner.query(`ALTER TABLE "licences" ADD CONSTRAINT "ck_licences_ended" CHECK (("status" IN ('active', 'suspended')) = ("ended_on" IS NULL))`);
    await queryRunner.query(`ALTER TABLE "licences" DROP CONSTRAINT "ck_licences_status"`);
    await queryRunner.query(`ALTER TABLE "licences" ADD CONSTRAINT "ck_licences_status" CHECK ("status" IN ('active', 'suspended', 'revoked', 'expired'))`);
    await queryRunner.query(`ALTER TABLE "licences" ADD CONSTRAINT "ck_licences_activities" CHECK (cardinality("activities") > 0)`);
    await queryRunner.query(`ALTER TABLE "licences" DROP CONSTRAINT "ck_licences_granted_precision"`);
    await queryRunner.query(`ALTER TABLE "licences" ALTER COLUMN "granted_on" SET NOT NULL`);
    await queryRunner.query(`ALTER TABLE "licences" DROP COLUMN "granted_on_precision"`);
    await queryRunner.query(`ALTER TABLE "firm_domains" DROP CONSTRAINT "ck_firm_domains_source_present"`);
    await queryRunner.query(`ALTER TABLE "firm_domains" DROP CONSTRAINT "ck_firm_domains_source_confidence"`);
    for (const column of ['source_confidence', 'source_read_on', 'source_document', 'source_url']) {
      await queryRunner.query(`ALTER TABLE "firm_domains" DROP COLUMN "${column}"`);
    }
    await queryRunner.query(`ALTER TABLE "blocklist_entries" DROP COLUMN "legal_basis_kk"`);
    await queryRunner.query(`ALTER TABLE "blocklist_entries" DROP COLUMN "legal_basis_ru"`);
    await queryRunner.query(`ALTER TABLE "blocklist_entries" RENAME COLUMN "legal_basis_en" TO "legal_basis"`);
    await queryRunner.query(`ALTER TABLE "blocked_entities" DROP CONSTRAINT "ck_blocked_entities_requested_by"`);
    for (const column of ['name', 'authority', 'requested_by', 'legal_basis']) {
      await queryRunner.query(`ALTER TABLE "blocked_entities" DROP COLUMN "${column}_kk"`);
      await queryRunner.query(`ALTER TABLE "blocked_entities" DROP COLUMN "${column}_ru"`);
      await queryRunner.query(`ALTER TABLE "blocked_entities" RENAME COLUMN "${column}_en" TO "${column}"`);
    }
  }
}

/**
 * A licence is history: it may be suspended, reinstated or ended, never rewritten, re-opened or deleted. The new
 * version compares the nullable grant date null-safely, guards its precision too, and keeps an ended licence ended
 * by its status.
 */
function keepHistory(current: boolean): string {
  const rewritten = current
    ? `NEW.firm_id <> OLD.firm_id OR NEW.number <> OLD.number OR NEW.regulator <> OLD.regulator
           OR NEW.granted_on IS DISTINCT FROM OLD.granted_on
           OR NEW.granted_on_precision IS DISTINCT FROM OLD.granted_on_precision OR NEW.activities <> OLD.activities`
    : `NEW.firm_id <> OLD.firm_id OR NEW.number <> OLD.number OR NEW.regulator <> OLD.regulator
           OR NEW.granted_on <> OLD.granted_on OR NEW.activities <> OLD.activities`;
  const reopened = current
    ? `OLD.status IN ('revoked', 'expired') AND (NEW.status <> OLD.status OR NEW.ended_on IS DISTINCT FROM OLD.ended_on)`
    : `OLD.ended_on IS NOT NULL AND NEW.ended_on IS DISTINCT FROM OLD.ended_on`;
  return `
      CREATE OR REPLACE FUNCTION registry_licences_keep_history() RETURNS trigger
      LANGUAGE plpgsql AS $fn$
      BEGIN
        IF TG_OP = 'DELETE' THEN
          RAISE EXCEPTION 'licences are history and cannot be deleted' USING ERRCODE = 'restrict_violation';
        END IF;
        IF ${rewritten} THEN
          RAISE EXCEPTION 'a licence is never rewritten: end it and grant another' USING ERRCODE = 'restrict_violation';
        END IF;
        IF ${reopened} THEN
          RAISE EXCEPTION 'an ended licence stays ended' USING ERRCODE = 'restrict_violation';
        END IF;
        RETURN NEW;
      END
      $fn$`;
}
