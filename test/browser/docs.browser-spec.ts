// /docs in a real browser, at a host name that is not localhost, over plain http: Chromium treats only localhost as
// a secure context, so there a CSP with upgrade-insecure-requests (or HSTS) would send Swagger UI's own scripts and
// styles to https, which the service does not serve, and the page would stay blank.
// The built server (`node dist/src/main.js`), as deployed.
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { type Browser, chromium } from 'playwright-core';
import { cloneTemplate } from '../setup/database.js';
import { startServer, type SpawnedServer } from '../setup/spawned-server.js';
import { testSigningKeyFile } from '../setup/signing-key.js';

const HOST = 'registry.test';
let server: SpawnedServer;
let dropDatabase: () => Promise<void>;
let browser: Browser;
let base: string;

beforeAll(async () => {
  const database = await cloneTemplate();
  dropDatabase = database.drop;
  server = await startServer({ NODE_ENV: 'production', SIGNING_KEY_FILE: testSigningKeyFile(), DATABASE_URL: database.url, LOAD_DEMO_DATA: 'false', LOG_LEVEL: 'silent' });
  base = server.base.replace('127.0.0.1', HOST);
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-background-networking', `--host-resolver-rules=MAP ${HOST} 127.0.0.1`],
  });
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await dropDatabase?.();
});

it('shows the operations of /docs at a non-localhost host over http, every asset loaded from the service', async () => {
  const page = await browser.newPage();
  const failed: string[] = [];
  page.on('requestfailed', (r) => failed.push(`${r.url()} ${r.failure()?.errorText}`));
  page.on('response', (r) => {
    if (r.status() >= 400) failed.push(`${r.url()} ${r.status()}`);
  });
  await page.goto(`${base}/docs`);
  await page.waitForSelector('.opblock-summary-path', { timeout: 20_000 });
  const paths = await page.locator('.opblock-summary-path').allInnerTexts();
  expect(paths.map((p) => p.replace(/\u200b/g, '').trim())).toEqual(
    expect.arrayContaining(['/v1/check', '/v1/firms', '/v1/blocked-entities', '/v1/blocklist/entries', '/v1/admin/api-keys']),
  );
  expect(failed).toEqual([]);
  // The description Swagger UI shows comes from the document the built server serves.
  await expect(page.locator('.info .title').innerText()).resolves.toContain('kz-crypto-registry');
  await page.close();
}, 60_000);
