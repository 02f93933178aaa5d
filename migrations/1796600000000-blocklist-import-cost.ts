import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What adding a million entries costs, per row, in PostgreSQL (measured with EXPLAIN ANALYZE on a one-statement import
 * of 1,000,000 rows; see test/perf/README.md): 29.7 s before, 12.5 s after.
 * - `ix_blocklist_entries_value` served no query (lookups go by kind and value, through `uq_blocklist_entries_active`)
 *   and `ix_blocklist_entries_added_serial` repeats the first column of `ix_blocklist_entries_added_serial_id`.
 * - The removal serial and the blocked entity are null on almost every row, and only ever looked up by a value: their
 *   indexes now hold the rows that have one (an entry is added with neither serial-to-remove nor, from a file, an entity).
 * - `kind` and `value` compare bytewise (COLLATE "C"): values are canonical ASCII (A-labels, canonical addresses), so
 *   the order is the same as before, and the unique index no longer calls the C library per comparison.
 * - Ids are time-ordered (`uuidv7()`, PostgreSQL 18): new ids go to the right edge of the primary key's index instead
 *   of a random page each.
 * - The serials an entry names are checked once per statement, over all its rows, instead of by a foreign key's
 *   query and row lock per row (3.3 s of a million-row import). What the foreign keys promised still holds: a serial
 *   row can be neither deleted nor renumbered (the log of serials is append-only, like the audit trail), so a serial
 *   found at insert stays; and an entry naming a serial that does not exist is refused with a foreign-key violation.
 */
export class BlocklistImportCost1796600000000 implements MigrationInterface {
  name = 'BlocklistImportCost1796600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "ix_blocklist_entries_value"`);
    await queryRunner.query(`DROP INDEX "ix_blocklist_entries_added_serial"`);
    await queryRunner.query(`DROP INDEX "ix_blocklist_entries_removed_serial"`);
    await queryRunner.query(`DROP INDEX "ix_blocklist_entries_blocked_entity_id"`);
    await queryRunner.query(
      `CREATE INDEX "ix_blocklist_entries_removed_serial" ON "blocklist_entries" ("removed_serial") WHERE "removed_serial" IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_blocklist_entries_blocked_entity_id" ON "blocklist_entries" ("blocked_entity_id") WHERE "blocked_entity_id" IS NOT NULL`,
    );
    await queryRunner.query(
      `ALTER TABLE "blocklist_entries" ALTER COLUMN "kind" TYPE text COLLATE "C", ALTER COLUMN "value" TYPE text COLLATE "C"`,
    );
    await queryRunner.query(`ALTER TABLE "blocklist_entries" ALTER COLUMN "id" SET DEFAULT uuidv7()`);

    await queryRunner.query(`ALTER TABLE "blocklist_entries" DROP CONSTRAINT "fk_blocklist_entries_added_serial"`);
    await queryRunner.query(`ALTER TABLE "blocklist_entries" DROP CONSTRAINT "fk_blocklist_entries_removed_serial"`);
    // The registry's own append-only refusal (migration 1796200000000); what each serial counts may still be written.
    await queryRunner.query(`CREATE TRIGGER "tr_blocklist_serials_append_only" BEFORE UPDATE OF "serial" OR DELETE ON "blocklist_serials"
      FOR EACH ROW EXECUTE FUNCTION registry_append_only()`);
    await queryRunner.query(`CREATE TRIGGER "tr_blocklist_serials_no_truncate" BEFORE TRUNCATE ON "blocklist_serials"
      FOR EACH STATEMENT EXECUTE FUNCTION registry_append_only()`);
    await queryRunner.query(`
      CREATE FUNCTION "blocklist_entries_serials_exist"() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE missing bigint;
      BEGIN
        SELECT n."serial" INTO missing
        FROM (SELECT DISTINCT "added_serial" AS "serial" FROM "changed_rows"
              UNION SELECT DISTINCT "removed_serial" FROM "changed_rows" WHERE "removed_serial" IS NOT NULL) n
        WHERE NOT EXISTS (SELECT 1 FROM "blocklist_serials" s WHERE s."serial" = n."serial")
        LIMIT 1;
        IF FOUND THEN
          RAISE EXCEPTION 'blocklist_entries names serial %, which blocklist_serials does not hold', missing
            USING ERRCODE = 'foreign_key_violation', TABLE = 'blocklist_entries';
        END IF;
        RETURN NULL;
      END $$`);
    await queryRunner.query(`CREATE TRIGGER "tr_blocklist_entries_serials_inserted" AFTER INSERT ON "blocklist_entries"
      REFERENCING NEW TABLE AS "changed_rows" FOR EACH STATEMENT EXECUTE FUNCTION "blocklist_entries_serials_exist"()`);
    await queryRunner.query(`CREATE TRIGGER "tr_blocklist_entries_serials_updated" AFTER UPDATE ON "blocklist_entries"
      REFERENCING NEW TABLE AS "changed_rows" FOR EACH STATEMENT EXECUTE FUNCTION "blocklist_entries_serials_exist"()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER "tr_blocklist_entries_serials_updated" ON "blocklist_entries"`);
    await queryRunner.query(`DROP TRIGGER "tr_blocklist_entries_serials_inserted" ON "blocklist_entries"`);
    await queryRunner.query(`DROP FUNCTION "blocklist_entries_serials_exist"()`);
    await queryRunner.query(`DROP TRIGGER "tr_blocklist_serials_no_truncate" ON "blocklist_serials"`);
    await queryRunner.query(`DROP TRIGGER "tr_blocklist_serials_append_only" ON "blocklist_serials"`);
    await queryRunner.query(`ALTER TABLE "blocklist_entries" ADD CONSTRAINT "fk_blocklist_entries_removed_serial" FOREIGN KEY ("removed_serial") REFERENCES "blocklist_serials"("serial") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "blocklist_entries" ADD CONSTRAINT "fk_blocklist_entries_added_serial" FOREIGN KEY ("added_serial") REFERENCES "blocklist_serials"("serial") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "blocklist_entries" ALTER COLUMN "id" SET DEFAULT gen_random_uuid()`);
    await queryRunner.query(`ALTER TABLE "blocklist_entries" ALTER COLUMN "kind" TYPE text, ALTER COLUMN "value" TYPE text`);
    await queryRunner.query(`DROP INDEX "ix_blocklist_entries_blocked_entity_id"`);
    await queryRunner.query(`DROP INDEX "ix_blocklist_entries_removed_serial"`);
    await queryRunner.query(`CREATE INDEX "ix_blocklist_entries_blocked_entity_id" ON "blocklist_entries" ("blocked_entity_id")`);
    await queryRunner.query(`CREATE INDEX "ix_blocklist_entries_removed_serial" ON "blocklist_entries" ("removed_serial")`);
    await queryRunner.query(`CREATE INDEX "ix_blocklist_entries_added_serial" ON "blocklist_entries" ("added_serial")`);
    await queryRunner.query(`CREATE INDEX "ix_blocklist_entries_value" ON "blocklist_entries" ("value")`);
  }
}
