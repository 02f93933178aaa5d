import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { parseConfig } from '../../src/config/app-config.js';
import { DemoDataLoader } from '../../src/demo/demo-data.loader.js';
import { findFreePort, startEmbeddedPostgres } from '../../src/platform/database/embedded-postgres.js';
import { createApp } from '../../src/platform/http/create-app.js';
import { ADMIN_URL_ENV, adminQuery, TEMPLATE_ENV, withDatabase } from './database.js';

export default async function globalSetup(): Promise<void> {
  let adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) {
    const port = await findFreePort();
    const server = await startEmbeddedPostgres({
      dir: `.data/test-${port}`,
      port,
      database: 'postgres',
      persistent: false,
    });
    (globalThis as { __EMBEDDED_PG__?: typeof server }).__EMBEDDED_PG__ = server;
    adminUrl = server.url;
  }
  const template = `kz_template_${randomBytes(4).toString('hex')}`;
  process.env[ADMIN_URL_ENV] = adminUrl;
  process.env[TEMPLATE_ENV] = template;
  await adminQuery(`CREATE DATABASE "${template}"`);

  // Migrate and load the demo data through the real application, then close it so the template has no sessions.
  const config = parseConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' });
  const app = await createApp({ config, databaseUrl: withDatabase(adminUrl, template) });
  await app.init();
  await app.get(DemoDataLoader).loadIfEmpty();
  await app.close();
}
