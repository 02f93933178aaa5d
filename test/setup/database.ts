// Test databases: each test file clones its own database from a migrated, demo-loaded template
// (CREATE DATABASE ... TEMPLATE), so files never see each other's writes.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { DataSource } from 'typeorm';
import { ENTITIES } from '../../src/entities.js';
import { createDataSource } from '../../src/platform/database/data-source.js';
import { parseConfig } from '../../src/config/app-config.js';
import { DemoDataLoader } from '../../src/demo/demo-data.loader.js';
import { createRegistryApp } from '../../src/app.js';

/** Fixed key for the advisory lock that lets one worker build the template while the others wait. */
const TEMPLATE_LOCK = 4_711_002;

export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.href;
}

interface Settings {
  /** A superuser's: creates databases, and the tests' own SQL (tampering included) runs as it. */
  admin: string;
  template: string;
  /** The schema owner's (migrations) and the service's (the app), set up by global-setup.mjs. */
  owner: string;
  ownerUrl: string;
  serviceUrl: string;
}

function settings(): Settings {
  const { KZ_TEST_ADMIN_URL: admin, KZ_TEST_TEMPLATE_DB: template, KZ_TEST_OWNER: owner, KZ_TEST_OWNER_URL: ownerUrl, KZ_TEST_SERVICE_URL: serviceUrl } = process.env;
  if (!admin || !template || !owner || !ownerUrl || !serviceUrl) throw new Error('The e2e global setup did not run.');
  return { admin, template, owner, ownerUrl, serviceUrl };
}

async function withAdmin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: settings().admin });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

async function ensureTemplate(client: pg.Client): Promise<void> {
  const { template, owner, ownerUrl, serviceUrl } = settings();
  await client.query('SELECT pg_advisory_lock($1)', [TEMPLATE_LOCK]);
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [template]);
    if (found.rowCount) return;
    await client.query(`CREATE DATABASE "${template}" OWNER "${owner}"`);
    const config = parseConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' });
    const app = await createRegistryApp({
      config,
      databaseUrl: withDatabase(serviceUrl, template),
      migrationDatabaseUrl: withDatabase(ownerUrl, template),
    });
    await app.init();
    await app.get(DemoDataLoader).loadIfEmpty();
    // Closed before anyone clones: a template must have no open sessions.
    await app.close();
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [TEMPLATE_LOCK]);
  }
}

export interface TestDatabase {
  /** A superuser's URL of the clone, for a test's own SQL and for servers a test spawns with DATABASE_URL. */
  url: string;
  /** The service role's (owns nothing, holds registry_service's grants): what an in-process test app serves as. */
  serviceUrl: string;
  /** The schema owner's: what an in-process test app migrates as. */
  ownerUrl: string;
  drop: () => Promise<void>;
}

/** A fresh database cloned from the template (its objects the owner role's); its URLs and a drop function. */
export async function cloneTemplate(): Promise<TestDatabase> {
  const { admin, template, owner, ownerUrl, serviceUrl } = settings();
  const name = `kz_test_${process.env.KZ_TEST_RUN}_${randomBytes(6).toString('hex')}`;
  await withAdmin(async (client) => {
    await ensureTemplate(client);
    await client.query(`CREATE DATABASE "${name}" TEMPLATE "${template}" OWNER "${owner}"`);
  });
  return {
    url: withDatabase(admin, name),
    serviceUrl: withDatabase(serviceUrl, name),
    ownerUrl: withDatabase(ownerUrl, name),
    drop: () => withAdmin((client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`).then(() => undefined)),
  };
}

/**
 * The app's entities on a superuser's connection to `url` (TestApp.databaseUrl): for a test of what the database itself
 * refuses whoever connects (triggers, constraints), beyond what the service's role may not even try.
 */
export async function superuserDataSource(url: string): Promise<DataSource> {
  const dataSource = createDataSource(url, ENTITIES);
  await dataSource.initialize();
  return dataSource;
}
