// Prometheus metrics (issue 13, item 7) from the built server: on METRICS_PORT only, never on the API's port; the
// request histogram by route template, moved by exactly the requests made; the gauges equal to what the database
// holds; and without METRICS_PORT, no listener at all.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { findFreePort } from '../../src/platform/database/embedded-postgres.js';
import { cloneTemplate } from '../setup/database.js';
import { listeningPorts } from '../setup/listening-ports.js';
import { type SpawnedServer, startServer } from '../setup/spawned-server.js';
import { testSigningKeyFile } from '../setup/signing-key.js';

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** The text exposition format's samples (comments left out). */
function samples(text: string): Sample[] {
  return text
    .split('\n')
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => {
      const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
      if (!match) throw new Error(`Not a sample line: ${line}`);
      const labels = Object.fromEntries([...(match[2] ?? '').matchAll(/([a-zA-Z_]+)="((?:[^"\\]|\\.)*)"/g)].map((m) => [m[1]!, m[2]!]));
      return { name: match[1]!, labels, value: Number(match[3]) };
    });
}

const value = (all: Sample[], name: string, labels: Record<string, string> = {}): number | undefined =>
  all.find((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v) && Object.keys(s.labels).length === Object.keys(labels).length)
    ?.value;

const RATE_LIMIT = 30;
const CUSTOM = [
  'http_request_duration_seconds',
  'kz_registry_check_index_age_seconds',
  'kz_registry_check_index_serial',
  'kz_registry_db_pool_connections',
  'kz_registry_db_pool_idle_connections',
  'kz_registry_db_pool_waiting_requests',
  'kz_registry_publication_age_seconds',
  'kz_registry_publication_serial',
];

let server: SpawnedServer;
let metricsPort: number;
let databaseUrl: string;
/** The service's own credentials, as production runs it. */
let serviceUrl: string;
let drop: () => Promise<void>;
let dir: string;

async function query<T>(sql: string): Promise<T> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return (await client.query(sql)).rows[0] as T;
  } finally {
    await client.end();
  }
}

async function scrape(): Promise<{ status: number; contentType: string | null; text: string }> {
  const response = await fetch(`http://127.0.0.1:${metricsPort}/metrics`);
  return { status: response.status, contentType: response.headers.get('content-type'), text: await response.text() };
}

beforeAll(async () => {
  ({ url: databaseUrl, serviceUrl, drop } = await cloneTemplate());
  dir = await mkdtemp(join(tmpdir(), 'kz-metrics-'));
  metricsPort = await findFreePort();
  server = await startServer({
    NODE_ENV: 'production',
    SIGNING_KEY_FILE: testSigningKeyFile(),
    DATABASE_URL: serviceUrl,
    LOAD_DEMO_DATA: 'false',
    LOG_LEVEL: 'info',
    METRICS_PORT: String(metricsPort),
    PUBLISHER: 'true',
    PUBLISH_DEBOUNCE_MS: '100',
    PUBLICATIONS_DIR: join(dir, 'publications'),
    RATE_LIMIT_PER_MINUTE: String(RATE_LIMIT),
  });
  // The publisher publishes the demo blocklist's serial soon after start.
  for (let tries = 0; tries < 100; tries++) {
    const { serial } = await query<{ serial: string | null }>('SELECT max(serial) AS serial FROM blocklist_publications');
    if (serial !== null) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}, 60_000);

afterAll(async () => {
  await server?.stop();
  await drop?.();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('metrics on METRICS_PORT', () => {
  it('listen on METRICS_PORT beside PORT and on nothing else; the API port answers /metrics with a 404 problem', async () => {
    const apiPort = Number(new URL(server.base).port);
    expect(await listeningPorts(server.pid)).toEqual([apiPort, metricsPort].sort((a, b) => a - b));
    const onApi = await fetch(`${server.base}/metrics`);
    expect(onApi.status).toBe(404);
    expect(onApi.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await onApi.json()).toMatchObject({ status: 404, code: 'not-found' });
    expect(server.output()).toContain(`"url":"http://127.0.0.1:${metricsPort}/metrics","msg":"Metrics listening"`);
    const elsewhere = await fetch(`http://127.0.0.1:${metricsPort}/`);
    expect(elsewhere.status).toBe(404);
    await elsewhere.text();
  });

  it('name the registry\'s metrics and prom-client\'s process metrics, the histogram labelled by method, route template and status only', async () => {
    const { status, contentType, text } = await scrape();
    expect(status).toBe(200);
    expect(contentType).toBe('text/plain; version=0.0.4; charset=utf-8');
    const names = [...text.matchAll(/^# TYPE (\S+) (\S+)$/gm)].map((m) => `${m[1]} ${m[2]}`);
    const types = Object.fromEntries(names.map((n) => n.split(' ') as [string, string]));
    expect(names.filter((n) => /^(http_|kz_registry_)/.test(n)).map((n) => n.split(' ')[0]).sort()).toEqual(CUSTOM);
    expect(types).toMatchObject({
      http_request_duration_seconds: 'histogram',
      kz_registry_check_index_serial: 'gauge',
      kz_registry_publication_age_seconds: 'gauge',
      kz_registry_db_pool_connections: 'gauge',
      process_cpu_user_seconds_total: 'counter',
      process_resident_memory_bytes: 'gauge',
      nodejs_eventloop_lag_seconds: 'gauge',
      nodejs_heap_size_used_bytes: 'gauge',
      nodejs_gc_duration_seconds: 'histogram',
    });
    // The readiness probes startServer made are already in it.
    const all = samples(text);
    const requests = all.filter((s) => s.name.startsWith('http_request_duration_seconds'));
    expect(requests.length).toBeGreaterThan(0);
    for (const sample of requests) {
      const expected = sample.name.endsWith('_bucket') ? ['le', 'method', 'route', 'status_code'] : ['method', 'route', 'status_code'];
      expect(Object.keys(sample.labels).sort()).toEqual(expected);
    }
    expect(value(all, 'http_request_duration_seconds_count', { method: 'GET', route: '/health/ready', status_code: '200' })).toBeGreaterThanOrEqual(1);
  });

  it('count each request under its route template and status, by exactly the requests made, the raw path never a label', async () => {
    const firms = (await (await fetch(`${server.base}/v1/firms`)).json()) as { items: { id: string }[] };
    const id = firms.items[0]!.id;
    const unknown = '0190f3f4-0000-7000-8000-000000000000';
    const before = samples((await scrape()).text);
    const statuses: number[] = [];
    for (const path of [`/v1/firms/${id}`, `/v1/firms/${id}`, `/v1/firms/${id}`, `/v1/firms/${unknown}`, `/v1/firms/${unknown}`, '/no/such/path', '/no/such/path']) {
      const response = await fetch(`${server.base}${path}`);
      await response.arrayBuffer();
      statuses.push(response.status);
    }
    expect(statuses).toEqual([200, 200, 200, 404, 404, 404, 404]);
    const after = samples((await scrape()).text);
    const moved = (labels: Record<string, string>) =>
      (value(after, 'http_request_duration_seconds_count', labels) ?? 0) - (value(before, 'http_request_duration_seconds_count', labels) ?? 0);
    expect({
      found: moved({ method: 'GET', route: '/v1/firms/:id', status_code: '200' }),
      notFound: moved({ method: 'GET', route: '/v1/firms/:id', status_code: '404' }),
      unmatched: moved({ method: 'GET', route: 'unmatched', status_code: '404' }),
    }).toEqual({ found: 3, notFound: 2, unmatched: 2 });
    // The +Inf bucket and the sum agree with the count.
    expect(value(after, 'http_request_duration_seconds_bucket', { le: '+Inf', method: 'GET', route: '/v1/firms/:id', status_code: '200' })).toBe(
      value(after, 'http_request_duration_seconds_count', { method: 'GET', route: '/v1/firms/:id', status_code: '200' }),
    );
    const routes = new Set(after.filter((s) => s.labels.route !== undefined).map((s) => s.labels.route));
    expect([...routes].filter((r) => r!.includes(id) || r!.includes(unknown) || r!.includes('/no/such'))).toEqual([]);
  });

  it('give the serial and the publication the database holds, the check index current, and the pool in use', async () => {
    const { head } = await query<{ head: string }>('SELECT serial AS head FROM blocklist_head WHERE id = 1');
    const latest = await query<{ serial: string; published_at: Date }>(
      'SELECT serial, published_at FROM blocklist_publications ORDER BY serial DESC LIMIT 1',
    );
    const all = samples((await scrape()).text);
    const now = Date.now();
    expect({
      checkIndexSerial: value(all, 'kz_registry_check_index_serial'),
      checkIndexAge: value(all, 'kz_registry_check_index_age_seconds'),
      publicationSerial: value(all, 'kz_registry_publication_serial'),
      waiting: value(all, 'kz_registry_db_pool_waiting_requests'),
    }).toEqual({ checkIndexSerial: Number(head), checkIndexAge: 0, publicationSerial: Number(latest.serial), waiting: 0 });
    expect(Number(latest.serial)).toBe(Number(head));
    const age = value(all, 'kz_registry_publication_age_seconds')!;
    expect(Math.abs(age - (now - latest.published_at.getTime()) / 1000)).toBeLessThan(2);
    const total = value(all, 'kz_registry_db_pool_connections')!;
    expect(total).toBeGreaterThanOrEqual(1);
    expect(total).toBeLessThanOrEqual(10);
    expect(value(all, 'kz_registry_db_pool_idle_connections')).toBeLessThanOrEqual(total);
  });

  it('count the rate limit\'s refusals as 429s of the route refused, as many as the client got', async () => {
    const before = samples((await scrape()).text);
    const statuses: number[] = [];
    for (let i = 0; i < RATE_LIMIT + 5; i++) {
      const response = await fetch(`${server.base}/v1/warnings`);
      await response.arrayBuffer();
      statuses.push(response.status);
    }
    const refused = statuses.filter((s) => s === 429).length;
    expect(refused).toBeGreaterThanOrEqual(5);
    expect(statuses.filter((s) => s !== 429 && s !== 200)).toEqual([]);
    const after = samples((await scrape()).text);
    const moved = (status: string) =>
      (value(after, 'http_request_duration_seconds_count', { method: 'GET', route: '/v1/warnings', status_code: status }) ?? 0) -
      (value(before, 'http_request_duration_seconds_count', { method: 'GET', route: '/v1/warnings', status_code: status }) ?? 0);
    expect({ refused: moved('429'), answered: moved('200') }).toEqual({ refused, answered: statuses.length - refused });
  });
});

describe('without METRICS_PORT', () => {
  it('nothing listens but the API', async () => {
    const plain = await startServer({
      NODE_ENV: 'production',
      SIGNING_KEY_FILE: testSigningKeyFile(),
      DATABASE_URL: serviceUrl,
      LOAD_DEMO_DATA: 'false',
      LOG_LEVEL: 'info',
      METRICS_HOST: '127.0.0.1',
    });
    try {
      expect(await listeningPorts(plain.pid)).toEqual([Number(new URL(plain.base).port)]);
      expect(plain.output()).not.toContain('Metrics listening');
    } finally {
      expect(await plain.stop()).toBe(0);
    }
  }, 30_000);
});
