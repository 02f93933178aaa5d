import { describe, expect, it } from '@jest/globals';
import { Registry } from 'prom-client';
import { listenForScrapes } from './metrics-listener.js';
import { requestMetrics } from './request-metrics.js';
import { ScrapedGauge } from './scraped-gauge.js';

describe('requestMetrics', () => {
  it('observes each request under its method, route template and status; a request no route took is "unmatched"', async () => {
    const registry = new Registry();
    const observe = requestMetrics(registry);
    observe('GET', '/v1/firms/:id', 200, 0.0004);
    observe('GET', '/v1/firms/:id', 200, 0.02);
    observe('GET', undefined, 404, 0.001);
    const text = await registry.metrics();
    expect(text).toContain('http_request_duration_seconds_count{method="GET",route="/v1/firms/:id",status_code="200"} 2');
    expect(text).toContain('http_request_duration_seconds_bucket{le="0.0005",method="GET",route="/v1/firms/:id",status_code="200"} 1');
    expect(text).toContain('http_request_duration_seconds_bucket{le="0.025",method="GET",route="/v1/firms/:id",status_code="200"} 2');
    expect(text).toContain('http_request_duration_seconds_count{method="GET",route="unmatched",status_code="404"} 1');
  });
});

describe('ScrapedGauge', () => {
  it('reads its value at each scrape, and writes no sample while there is none', async () => {
    const registry = new Registry();
    let serial: number | null = null;
    new ScrapedGauge(registry, 'kz_test_serial', 'A serial.', async () => serial);
    expect(await registry.metrics()).toBe('# HELP kz_test_serial A serial.\n# TYPE kz_test_serial gauge\n');
    serial = 7;
    expect(await registry.metrics()).toBe('# HELP kz_test_serial A serial.\n# TYPE kz_test_serial gauge\nkz_test_serial 7\n');
  });
});

describe('listenForScrapes', () => {
  it('answers GET /metrics with the text, anything else 404 or 405, and a failed collection 500', async () => {
    let fail = false;
    const errors: unknown[] = [];
    const listener = await listenForScrapes(
      '127.0.0.1',
      0,
      { contentType: 'text/plain; version=0.0.4; charset=utf-8', render: async () => (fail ? Promise.reject(new Error('no')) : 'up 1\n') },
      (error) => errors.push(error),
    );
    try {
      expect(listener.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/metrics$/);
      const ok = await fetch(listener.url);
      expect([ok.status, ok.headers.get('content-type'), await ok.text()]).toEqual([200, 'text/plain; version=0.0.4; charset=utf-8', 'up 1\n']);
      expect((await fetch(listener.url.replace('/metrics', '/'))).status).toBe(404);
      const post = await fetch(listener.url, { method: 'POST' });
      expect([post.status, post.headers.get('allow')]).toEqual([405, 'GET, HEAD']);
      fail = true;
      expect((await fetch(listener.url)).status).toBe(500);
      expect(errors).toHaveLength(1);
    } finally {
      await listener.close();
    }
  });

  it('refuses to start on a port already taken', async () => {
    const first = await listenForScrapes('127.0.0.1', 0, { contentType: 'text/plain', render: async () => '' }, () => undefined);
    try {
      const port = Number(new URL(first.url).port);
      await expect(listenForScrapes('127.0.0.1', port, { contentType: 'text/plain', render: async () => '' }, () => undefined)).rejects.toMatchObject({ code: 'EADDRINUSE' });
    } finally {
      await first.close();
    }
  });
});
