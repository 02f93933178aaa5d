// Test databases: one PostgreSQL per run; each test file clones its own database from a migrated, demo-loaded
// template (CREATE DATABASE ... TEMPLATE), so files never see each other's writes.
import { randomBytes } from 'node:crypto';
import pg from 'pg';

export const TEMPLATE_ENV = 'KZ_TEST_TEMPLATE_DB';
export const ADMIN_URL_ENV = 'KZ_TEST_ADMIN_URL';

export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.href;
}

export async function adminQuery(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: process.env[ADMIN_URL_ENV] });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** A fresh database cloned from the template; returns its URL and a drop function. */
export async function cloneTemplate(): Promise<{ url: string; drop: () => Promise<void> }> {
  const template = process.env[TEMPLATE_ENV];
  const admin = process.env[ADMIN_URL_ENV];
  if (!template || !admin) throw new Error('The e2e global setup did not run (no template database).');
  const name = `kz_test_${randomBytes(6).toString('hex')}`;
  await adminQuery(`CREATE DATABASE "${name}" TEMPLATE "${template}"`);
  return {
    url: withDatabase(admin, name),
    drop: () => adminQuery(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
  };
}
