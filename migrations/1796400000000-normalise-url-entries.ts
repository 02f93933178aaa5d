import type { MigrationInterface, QueryRunner } from 'typeorm';
import { canonicaliseEntryValue } from '../src/domain-names/entry-value.js';

/**
 * URL entries are now stored with their path normalised (src/domain-names/url-path.ts: no trailing slash, no doubled
 * slashes, no `;params`, unreserved escapes decoded), the form the check compares. Entries in force written before are
 * rewritten to it, so that a new entry for the same page is recognised as already in force. No publication of the
 * blocklist exists yet, so rewriting a value in place changes nothing an ISP holds. Where two entries in force meet in
 * one form, the older keeps it and the newer is left as written: it still matches the pages it matched.
 */
export class NormaliseUrlEntries1796400000000 implements MigrationInterface {
  name = 'NormaliseUrlEntries1796400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const rows: { id: string; value: string }[] = await queryRunner.query(
      `SELECT "id", "value" FROM "blocklist_entries" WHERE "kind" = 'url' AND "removed_serial" IS NULL ORDER BY "added_serial", "id"`,
    );
    const taken = new Set(rows.map((row) => row.value));
    for (const row of rows) {
      const { value, displayValue } = canonicaliseEntryValue('url', row.value);
      if (value === row.value || taken.has(value)) continue;
      taken.add(value);
      await queryRunner.query(`UPDATE "blocklist_entries" SET "value" = $2, "display_value" = $3 WHERE "id" = $1`, [
        row.id,
        value,
        displayValue,
      ]);
    }
  }

  async down(): Promise<void> {
    // The earlier spellings are not kept: the normalised form matches every page they matched.
  }
}
