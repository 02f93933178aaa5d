import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An API key's own rate limit (issue 13): requests a minute counted for the key instead of its client address, null
 * (every key so far) for a key counted by its address like an anonymous client.
 */
export class ApiKeyRateLimits1796900400000 implements MigrationInterface {
  name = 'ApiKeyRateLimits1796900400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "api_keys" ADD "rate_limit_per_minute" integer`);
    await queryRunner.query(
      `ALTER TABLE "api_keys" ADD CONSTRAINT "ck_api_keys_rate_limit_per_minute" CHECK ("rate_limit_per_minute" > 0)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "api_keys" DROP CONSTRAINT "ck_api_keys_rate_limit_per_minute"`);
    await queryRunner.query(`ALTER TABLE "api_keys" DROP COLUMN "rate_limit_per_minute"`);
  }
}
