import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `/v1/blocklist/entries` pages by keyset on (added_serial, id) at a pinned serial: this index serves each page from
 * where the last one ended, at a million entries as at ten.
 */
export class BlocklistKeysetIndex1796500000000 implements MigrationInterface {
  name = 'BlocklistKeysetIndex1796500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX "ix_blocklist_entries_added_serial_id" ON "blocklist_entries" ("added_serial", "id")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "ix_blocklist_entries_added_serial_id"`);
  }
}
