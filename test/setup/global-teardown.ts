import { ADMIN_URL_ENV, adminQuery, TEMPLATE_ENV } from './database.js';

export default async function globalTeardown(): Promise<void> {
  const server = (globalThis as { __EMBEDDED_PG__?: { stop(): Promise<void> } }).__EMBEDDED_PG__;
  if (server) {
    await server.stop();
    return;
  }
  // An external server (DATABASE_URL) keeps running: leave it as it was.
  if (process.env[ADMIN_URL_ENV] && process.env[TEMPLATE_ENV]) {
    await adminQuery(`DROP DATABASE IF EXISTS "${process.env[TEMPLATE_ENV]}" WITH (FORCE)`);
  }
}
