// DATABASE_URL (and MIGRATION_DATABASE_URL) when given; otherwise an embedded PostgreSQL whose data survives restarts
// in EMBEDDED_PG_DIR, used through the two roles of database-roles.ts.
import { resolve } from 'node:path';
import type { AppConfig } from '../../config/app-config.js';
import { asRole, EMBEDDED_OWNER, EMBEDDED_SERVICE, ensureRoles, giveDatabaseTo, type RoleUrls } from './database-roles.js';
import { type EmbeddedDatabase, keptPassword, startEmbeddedPostgres } from './embedded-postgres.js';

type ResolvedDatabase = EmbeddedDatabase & RoleUrls & { embedded: boolean };

/**
 * Only DATABASE_URL given: migrations run with it too, as before the two roles, for an operator who manages roles
 * themselves (the start-up warns when that role is more than a service role, see warnIfOverprivileged).
 */
export async function resolveDatabase(
  config: Pick<AppConfig, 'DATABASE_URL' | 'MIGRATION_DATABASE_URL' | 'EMBEDDED_PG_DIR' | 'EMBEDDED_PG_PORT'>,
  onLog?: (line: string) => void,
): Promise<ResolvedDatabase> {
  if (config.DATABASE_URL) {
    const url = config.DATABASE_URL;
    return { url, migrationUrl: config.MIGRATION_DATABASE_URL ?? url, stop: async () => undefined, embedded: false };
  }
  const database = 'registry';
  const db = await startEmbeddedPostgres({ dir: config.EMBEDDED_PG_DIR, port: config.EMBEDDED_PG_PORT, database, persistent: true, onLog });
  try {
    return { ...db, ...(await embeddedRoles(db.url, database, resolve(config.EMBEDDED_PG_DIR))), embedded: true };
  } catch (error) {
    if (!db.joined) await db.stop();
    throw error;
  }
}

/**
 * The owner and service roles on an embedded cluster, from its superuser's `adminUrl`: passwords kept beside the data
 * folder like the superuser's (`dir` null: fresh ones, for a throw-away cluster), the database and a data folder's
 * older tables given to the owner. Repeated on every start, so a folder from before the roles is upgraded in place.
 */
export async function embeddedRoles(adminUrl: string, database: string, dir: string | null): Promise<RoleUrls> {
  const owner = { name: EMBEDDED_OWNER, password: await keptPassword(dir && `${dir}.owner-password`) };
  const service = { name: EMBEDDED_SERVICE, password: await keptPassword(dir && `${dir}.service-password`) };
  await ensureRoles(adminUrl, owner, service);
  await giveDatabaseTo(adminUrl, database, owner.name);
  return { url: asRole(adminUrl, service), migrationUrl: asRole(adminUrl, owner) };
}
