// The citizens' pages in a real headless Chromium (Debian's, driven by playwright-core; never a downloaded browser),
// on the built server with the demo data: a search typed and submitted, the language switch, `/` by the browser's
// language, the report form with JavaScript off, keyboard focus, and axe-core (injected from npm) finding no serious
// or critical violation on any page. Screenshots of the home, result and statistics pages in each language are
// written to test-results/screenshots/ (git-ignored).
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { type Browser, type Page, chromium } from 'playwright-core';
import { cloneTemplate } from '../setup/database.js';
import { startServer, type SpawnedServer } from '../setup/spawned-server.js';

const SCREENSHOTS = 'test-results/screenshots';
const LANGS = ['kk', 'ru', 'en'] as const;
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

let server: SpawnedServer;
let dropDatabase: () => Promise<void>;
let browser: Browser;

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const database = await cloneTemplate();
  dropDatabase = database.drop;
  server = await startServer({ NODE_ENV: 'test', DATABASE_URL: database.url, LOAD_DEMO_DATA: 'true', LOG_LEVEL: 'silent' });
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-background-networking'],
  });
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await dropDatabase?.();
});

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** axe-core run in the page (evaluated through the DevTools protocol, so the page's CSP does not stop it). */
async function seriousViolations(page: Page): Promise<string[]> {
  await page.evaluate(AXE);
  // A string, evaluated in the page (the test's own TypeScript has no DOM types).
  const violations = (await page.evaluate(`axe.run(document, { resultTypes: ['violations'] }).then((r) => r.violations)`)) as Violation[];
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

async function newPage(options: { locale?: string; javaScriptEnabled?: boolean } = {}): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1200, height: 900 }, locale: options.locale ?? 'en-GB', javaScriptEnabled: options.javaScriptEnabled ?? true });
  return context.newPage();
}

describe.each(LANGS)('in %s', (lang) => {
  it('a citizen types a blocked link, gets the verdict and its legal basis; home, result and statistics pass axe', async () => {
    const page = await newPage();
    await page.goto(`${server.base}/${lang}`);
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe(lang);
    await page.screenshot({ path: `${SCREENSHOTS}/home-${lang}.png`, fullPage: true });
    expect(await seriousViolations(page)).toEqual([]);

    // Typed and submitted with the keyboard, as a citizen would.
    await page.getByRole('textbox', { name: /./ }).first().fill('https://www.coinbase.com/login');
    await page.keyboard.press('Enter');
    await page.waitForURL(`**/${lang}/check?q=*`);
    expect(new URL(page.url()).searchParams.get('q')).toBe('https://www.coinbase.com/login');
    await expect(page.locator('[data-verdict]').getAttribute('data-verdict')).resolves.toBe('blocked');
    const verdict = { kk: 'Қазақстанда бұғатталған', ru: 'Заблокирован в Казахстане', en: 'Blocked in Kazakhstan' }[lang];
    await expect(page.locator('#verdict-title').innerText()).resolves.toBe(verdict);
    await page.screenshot({ path: `${SCREENSHOTS}/result-${lang}.png`, fullPage: true });
    expect(await seriousViolations(page)).toEqual([]);

    await page.goto(`${server.base}/${lang}/statistics`);
    await expect(page.locator('svg.bars').count()).resolves.toBeGreaterThanOrEqual(4);
    await page.screenshot({ path: `${SCREENSHOTS}/statistics-${lang}.png`, fullPage: true });
    expect(await seriousViolations(page)).toEqual([]);
    await page.context().close();
  }, 60_000);

  it('the lists of firms, blocked entities and warnings pass axe', async () => {
    const page = await newPage();
    for (const path of ['firms', 'blocked', 'warnings', 'check?q=binance.com', `check?q=${encodeURIComponent('bіnance.com')}`, 'check?q=']) {
      await page.goto(`${server.base}/${lang}/${path}`);
      expect({ path, violations: await seriousViolations(page) }).toEqual({ path, violations: [] });
    }
    await page.context().close();
  }, 60_000);
});

it('the language switch keeps the question and changes the page language', async () => {
  const page = await newPage();
  await page.goto(`${server.base}/en/check?q=binance.com`);
  await page.getByRole('link', { name: 'Русский' }).click();
  await page.waitForURL('**/ru/check?q=binance.com');
  await expect(page.locator('html').getAttribute('lang')).resolves.toBe('ru');
  await expect(page.locator('#verdict-title').innerText()).resolves.toBe('Лицензирован');
  await page.getByRole('link', { name: 'Қазақша' }).click();
  await page.waitForURL('**/kk/check?q=binance.com');
  await expect(page.locator('html').getAttribute('lang')).resolves.toBe('kk');
  await page.context().close();
}, 30_000);

it('/ opens in the browser\'s language', async () => {
  const page = await newPage({ locale: 'kk-KZ' });
  await page.goto(`${server.base}/`);
  expect(new URL(page.url()).pathname).toBe('/kk');
  await page.context().close();
}, 30_000);

it('the keyboard reaches the skip link first, and focus is visible', async () => {
  const page = await newPage();
  await page.goto(`${server.base}/en`);
  await page.keyboard.press('Tab');
  await expect(page.evaluate(`document.activeElement.getAttribute('href')`)).resolves.toBe('#main');
  const outline = await page.evaluate(`getComputedStyle(document.activeElement).outlineStyle`);
  expect(outline).toBe('solid');
  await page.context().close();
}, 30_000);

it('a report is sent from the result page with JavaScript off', async () => {
  const page = await newPage({ javaScriptEnabled: false });
  await page.goto(`${server.base}/ru/check?q=${encodeURIComponent('https://binance-kz.com/login')}`);
  await page.getByLabel('Что произошло (необязательно)').fill('Прислали в Telegram');
  await page.getByRole('button', { name: 'Отправить сообщение' }).click();
  await page.waitForURL('**/ru/report');
  await expect(page.locator('h1').innerText()).resolves.toBe('Спасибо: ваше сообщение записано');
  await page.context().close();
}, 30_000);

it('a name query (Байбит) finds the licensed firm', async () => {
  const page = await newPage();
  await page.goto(`${server.base}/ru/check?q=${encodeURIComponent('Байбит')}`);
  await expect(page.locator('[data-verdict]').getAttribute('data-verdict')).resolves.toBe('licensed');
  await expect(page.locator('main').innerText()).resolves.toContain('Bybit');
  await page.context().close();
}, 30_000);

it.each(LANGS)('in %s, a look-alike link shows the warning naming the imitated brand', async (lang) => {
  const page = await newPage();
  await page.goto(`${server.base}/${lang}`);
  await page.getByRole('textbox', { name: /./ }).first().fill('https://binance-kz.com/login');
  await page.keyboard.press('Enter');
  await page.waitForURL(`**/${lang}/check?q=*`);
  await expect(page.locator('[data-verdict]').getAttribute('data-verdict')).resolves.toBe('lookalike');
  const imitates = { kk: 'Binance брендіне еліктейді', ru: 'Подделка под Binance', en: 'Imitates Binance' }[lang];
  await expect(page.locator('.lookalikes').innerText()).resolves.toContain(imitates);
  await expect(page.locator('.lookalikes').innerText()).resolves.toContain('binance.com');
  expect(await seriousViolations(page)).toEqual([]);
  await page.screenshot({ path: `${SCREENSHOTS}/lookalike-${lang}.png`, fullPage: true });
  await page.context().close();
}, 30_000);
