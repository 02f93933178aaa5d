import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A publication is announced on the change channel like the records the check reads: every replica forgets its
 * in-memory `latest` when another commits one (issue 13 item 3), instead of serving the one before for up to the
 * second its copy lives, and long-polls waiting for it are answered at once.
 */
export class PublicationNotify1796900300000 implements MigrationInterface {
  name = 'PublicationNotify1796900300000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TRIGGER "tr_blocklist_publications_notify" AFTER INSERT ON "blocklist_publications" ` +
        `FOR EACH STATEMENT EXECUTE FUNCTION registry_notify_change()`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER "tr_blocklist_publications_notify" ON "blocklist_publications"`);
  }
}
