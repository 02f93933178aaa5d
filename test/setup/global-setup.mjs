// One PostgreSQL for the whole run: embedded (free port, thrown away afterwards) unless DATABASE_URL names a server.
// Plain ESM importing the built launcher: jest loads global setup outside its module mapper. `npm test` builds first.
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';

const LAUNCHER = new URL('../../dist/src/platform/database/embedded-postgres.js', import.meta.url);
const ROLES = new URL('../../dist/src/platform/database/database-roles.js', import.meta.url);

export default async function globalSetup() {
  if (!existsSync(LAUNCHER)) throw new Error('dist/ is missing: run `npm run build` before jest (npm test does).');
  let adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) {
    const { findFreePort, startEmbeddedPostgres } = await import(LAUNCHER.href);
    const port = await findFreePort();
    const server = await startEmbeddedPostgres({ dir: `.data/test-${port}`, port, database: 'postgres', persistent: false });
    globalThis.__EMBEDDED_PG__ = server;
    adminUrl = server.url;
  }
  process.env.KZ_TEST_ADMIN_URL = adminUrl;
  // The first test file to need it builds the template (migrations + demo data through the real app).
  // Every database this run makes carries its id, so the teardown drops those and nothing of another run's.
  const run = randomBytes(4).toString('hex');
  process.env.KZ_TEST_RUN = run;
  process.env.KZ_TEST_TEMPLATE_DB = `kz_template_${run}`;
  // As production runs: the template's schema is migrated by an owner role, test apps serve as a service role (a
  // member of registry_service). Named per run, so runs sharing a server never reset each other's passwords.
  const { asRole, ensureRoles } = await import(ROLES.href);
  const owner = { name: `kz_owner_${run}`, password: randomBytes(18).toString('base64url') };
  const service = { name: `kz_service_${run}`, password: randomBytes(18).toString('base64url') };
  await ensureRoles(adminUrl, owner, service);
  process.env.KZ_TEST_OWNER = owner.name;
  process.env.KZ_TEST_OWNER_URL = asRole(adminUrl, owner);
  process.env.KZ_TEST_SERVICE_URL = asRole(adminUrl, service);
}
