// `/` says what the service is and where to go (JSON for programs; a browser is sent to the citizens' pages, and the
// same map as a page is `/api`): never a 404. Run on the built server, whose OpenAPI document carries the DTOs' doc
// comments (examples, descriptions) that `/` is read from.
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { cloneTemplate } from '../setup/database.js';
import { startServer, type SpawnedServer } from '../setup/spawned-server.js';

let server: SpawnedServer;
let dropDatabase: () => Promise<void>;
beforeAll(async () => {
  const database = await cloneTemplate();
  dropDatabase = database.drop;
  server = await startServer({ NODE_ENV: 'test', DATABASE_URL: database.url, LOAD_DEMO_DATA: 'false', LOG_LEVEL: 'silent' });
}, 60_000);
afterAll(async () => {
  await server?.stop();
  await dropDatabase?.();
});

const get = (path: string, headers: Record<string, string> = {}) => fetch(`${server.base}${path}`, { headers });
const ENTRY_POINTS = ['/v1/check', '/v1/firms', '/v1/blocked-entities', '/v1/blocklist/entries', '/health/live', '/health/ready'];

it('answers JSON to Accept: application/json (and to curl\'s */*): the docs, the OpenAPI document, the entry points', async () => {
  for (const accept of ['application/json', '*/*']) {
    const res = await get('/', { accept });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(res.headers.get('content-language')).toBe('en');
    const body = (await res.json()) as { entryPoints: { path: string }[] };
    expect(body).toMatchObject({ name: 'Kazakhstan crypto market registry', docs: '/docs', openapi: '/openapi.json' });
    const paths = body.entryPoints.map((e) => e.path);
    expect(paths).toEqual(expect.arrayContaining([...ENTRY_POINTS, '/v1/firms/{id}', '/v1/blocked-entities/{id}']));
    expect(paths.filter((p) => p.includes('/admin'))).toEqual([]);
    expect(body.entryPoints.find((e) => e.path === '/v1/check')).toEqual({
      method: 'GET',
      path: '/v1/check',
      template: '/v1/check?q={q}',
      summary: 'Check a domain or link',
      example: '/v1/check?q=https%3A%2F%2Fwww.coinbase.com%2Flogin',
    });
  }
  // What it points at is there.
  expect((await get('/openapi.json')).status).toBe(200);
  expect((await get('/docs')).status).toBe(200);
  expect((await get('/v1/check?q=https%3A%2F%2Fwww.coinbase.com%2Flogin')).status).toBe(200);
});

it('sends a browser at / to the citizens\' page in its language', async () => {
  const res = await fetch(`${server.base}/`, {
    redirect: 'manual',
    headers: { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8', 'accept-language': 'ru-RU,ru;q=0.9' },
  });
  expect(res.status).toBe(302);
  expect(res.headers.get('location')).toBe('/ru');
  expect(res.headers.get('vary')).toContain('Accept-Language');
});

it('answers /api with an HTML page in the browser\'s language, linking the docs and every entry point', async () => {
  const res = await get('/api', {
    accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8',
    'accept-language': 'ru-RU,ru;q=0.9',
  });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
  expect(res.headers.get('content-language')).toBe('ru');
  expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
  const html = await res.text();
  expect(html).toContain('<html lang="ru">');
  expect(html).toContain('<title>Реестр криптовалютного рынка Казахстана</title>');
  expect(html).toContain('<a href="/docs">Документация API</a>');
  expect(html).toContain('<a href="/openapi.json">');
  expect(html).toContain('<form action="/v1/check" method="get">');
  for (const path of ENTRY_POINTS.filter((p) => p !== '/v1/check')) expect(html).toContain(`<a href="${path}"><code>GET ${path}</code></a>`);
  expect(html).toContain('<a href="/v1/check?q=https%3A%2F%2Fwww.coinbase.com%2Flogin">');
});

it('is not an operation of the API contract', async () => {
  const spec = (await (await get('/openapi.json')).json()) as { paths: Record<string, unknown> };
  expect(spec.paths['/']).toBeUndefined();
  expect(spec.paths['/api']).toBeUndefined();
  expect(Object.keys(spec.paths)).toContain('/v1/check');
});
