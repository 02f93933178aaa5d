import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Bank verification's lookups (issue 12): warnings' names by trigram (pg_trgm word similarity, as firms' and blocked
 * entities' names already are), and the domains a block decision or a warning names, by array overlap (`&&`), each
 * on an index so a batch of 1,000 items stays a few index scans.
 */
export class VerificationLookups1796800100000 implements MigrationInterface {
  name = 'VerificationLookups1796800100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX "ix_warnings_search_text" ON "warnings" USING gin ("search_text" gin_trgm_ops)`);
    await queryRunner.query(`CREATE INDEX "ix_warnings_domains" ON "warnings" USING gin ("domains")`);
    await queryRunner.query(`CREATE INDEX "ix_blocked_entities_domains" ON "blocked_entities" USING gin ("domains")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "ix_blocked_entities_domains"`);
    await queryRunner.query(`DROP INDEX "ix_warnings_domains"`);
    await queryRunner.query(`DROP INDEX "ix_warnings_search_text"`);
  }
}
