import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Each publication keeps the blocked entities its NDJSON and CSV carry, as they were when it was published (keyed by
 * id, each as `PublishedBlockedEntity`): a replica that lacks the files renders the same bytes from the history and
 * this snapshot, whatever was edited since. Null for publications made before this column (rendered from the entities
 * as they are now, as before).
 */
export class PublicationBlockedEntities1796500200000 implements MigrationInterface {
  name = 'PublicationBlockedEntities1796500200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "blocklist_publications" ADD COLUMN "blocked_entities" jsonb`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "blocklist_publications" DROP COLUMN "blocked_entities"`);
  }
}
