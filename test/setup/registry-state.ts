// What the admin API has written, counted straight from the tables: a refused request must leave every count as it was.
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DataSource } from 'typeorm';

export interface RegistryCounts {
  /** blocklist_head.serial: the serial the public API reports. */
  serial: number;
  entries: number;
  serials: number;
  auditEvents: number;
  auditHeadSeq: number;
  idempotencyKeys: number;
  apiKeys: number;
}

export async function registryCounts(app: NestFastifyApplication): Promise<RegistryCounts> {
  const [row]: RegistryCounts[] = await app.get(DataSource).query(`
    SELECT (SELECT serial FROM blocklist_head WHERE id = 1)::int AS "serial",
           (SELECT count(*) FROM blocklist_entries)::int AS "entries",
           (SELECT count(*) FROM blocklist_serials)::int AS "serials",
           (SELECT count(*) FROM audit_events)::int AS "auditEvents",
           (SELECT seq FROM audit_head WHERE id = 1)::int AS "auditHeadSeq",
           (SELECT count(*) FROM idempotency_keys)::int AS "idempotencyKeys",
           (SELECT count(*) FROM api_keys)::int AS "apiKeys"`);
  return row!;
}

/** Tables of the public schema whose rows, as JSON text, contain `needle` (a secret must be in none). */
export async function tablesContaining(app: NestFastifyApplication, needle: string): Promise<string[]> {
  const db = app.get(DataSource);
  const tables: { name: string }[] = await db.query(
    `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`,
  );
  const hits: string[] = [];
  for (const { name } of tables) {
    const [found]: { n: number }[] = await db.query(
      `SELECT count(*)::int AS n FROM "${name.replaceAll('"', '""')}" AS r WHERE strpos(row_to_json(r)::text, $1) > 0`,
      [needle],
    );
    if (found!.n > 0) hits.push(name);
  }
  return hits;
}
