import type { MigrationInterface, QueryRunner } from 'typeorm';

const TABLES = ['firms', 'firm_domains', 'licences', 'blocked_entities', 'blocklist_entries'];

/**
 * Every source says whether its record is demo data, so that an answer resting on one can say so in words. Existing
 * rows are official (false), except those carrying a DEMO- identifier, which only the demo data has.
 */
export class DemoProvenance1796400100000 implements MigrationInterface {
  name = 'DemoProvenance1796400100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const table of TABLES) {
      await queryRunner.query(`ALTER TABLE "${table}" ADD "source_demo" boolean NOT NULL DEFAULT false`);
    }
    await queryRunner.query(`UPDATE "firms" SET "source_demo" = true WHERE "bin" LIKE 'DEMO-%' OR "lei" LIKE 'DEMO-%'`);
    await queryRunner.query(`UPDATE "licences" SET "source_demo" = true WHERE "number" LIKE 'DEMO-%'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of TABLES) await queryRunner.query(`ALTER TABLE "${table}" DROP COLUMN "source_demo"`);
  }
}
