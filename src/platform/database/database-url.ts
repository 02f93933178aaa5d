// DATABASE_URL when given; otherwise an embedded PostgreSQL whose data survives restarts in EMBEDDED_PG_DIR.
import type { AppConfig } from '../../config/app-config.js';
import { type EmbeddedDatabase, startEmbeddedPostgres } from './embedded-postgres.js';

export async function resolveDatabase(
  config: Pick<AppConfig, 'DATABASE_URL' | 'EMBEDDED_PG_DIR' | 'EMBEDDED_PG_PORT'>,
  onLog?: (line: string) => void,
): Promise<EmbeddedDatabase & { embedded: boolean }> {
  if (config.DATABASE_URL) return { url: config.DATABASE_URL, stop: async () => undefined, embedded: false };
  const db = await startEmbeddedPostgres({
    dir: config.EMBEDDED_PG_DIR,
    port: config.EMBEDDED_PG_PORT,
    database: 'registry',
    persistent: true,
    onLog,
  });
  return { ...db, embedded: true };
}
