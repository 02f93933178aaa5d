// Test databases: each test file clones its own database from a migrated, demo-loaded template
// (CREATE DATABASE ... TEMPLATE), so files never see each other's writes.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
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

function settings(): { admin: string; template: string } {
  const admin = process.env.KZ_TEST_ADMIN_URL;
  const template = process.env.KZ_TEST_TEMPLATE_DB;
  if (!admin || !template) throw new Error('The e2e global setup did not run.');
  return { admin, template };
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
  const { admin, template } = settings();
  await client.query('SELECT pg_advisory_lock($1)', [TEMPLATE_LOCK]);
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [template]);
    if (found.rowCount) return;
    await client.query(`CREATE DATABASE "${template}"`);
    const config = parseConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' });
    const app = await createRegistryApp({ config, databaseUrl: withDatabase(admin, template) });
    await app.init();
    await app.get(DemoDataLoader).loadIfEmpty();
    // Closed before anyone clones: a template must have no open sessions.
    await app.close();
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [TEMPLATE_LOCK]);
  }
}

/** A fresh database cloned from the template; returns its URL and a drop function. */
export async function cloneTemplate(): Promise<{ url: string; drop: () => Promise<void> }> {
  const { admin, template } = settings();
  const name = `kz_test_${process.env.KZ_TEST_RUN}_${randomBytes(6).toString('hex')}`;
  await withAdmin(async (client) => {
    await ensureTemplate(client);
    await client.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`);
  });
  return {
    url: withDatabase(admin, name),
    drop: () => withAdmin((client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`).then(() => undefined)),
  };
}
