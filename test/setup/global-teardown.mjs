import pg from 'pg';

export default async function globalTeardown() {
  if (globalThis.__EMBEDDED_PG__) {
    await globalThis.__EMBEDDED_PG__.stop();
    return;
  }
  // An external server (DATABASE_URL) keeps running: drop only what this run made.
  const client = new pg.Client({ connectionString: process.env.KZ_TEST_ADMIN_URL });
  await client.connect();
  try {
    const { rows } = await client.query(
      "SELECT datname FROM pg_database WHERE datname = $1 OR starts_with(datname, $2)",
      [process.env.KZ_TEST_TEMPLATE_DB, `kz_test_${process.env.KZ_TEST_RUN}_`],
    );
    for (const { datname } of rows) await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    // The run's owner and service roles (global-setup.mjs); the group registry_service stays for the next run.
    for (const role of [`kz_owner_${process.env.KZ_TEST_RUN}`, `kz_service_${process.env.KZ_TEST_RUN}`]) {
      await client.query(`DROP ROLE IF EXISTS "${role}"`);
    }
  } finally {
    await client.end();
  }
}
