// HSTS and upgrade-insecure-requests only where the browser came over TLS: over plain http they blank /docs (the
// browser test in test/browser shows it in Chromium).
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { createTestApp, type TestApp } from '../setup/test-app.js';

const tlsHeaders = (res: request.Response) => ({
  hsts: res.headers['strict-transport-security'] ?? null,
  upgrades: /upgrade-insecure-requests/.test(res.headers['content-security-policy'] ?? ''),
});

describe('served over plain http (the default)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  it.each(['/docs', '/v1/firms', '/v1/nothing-here'])('%s carries neither HSTS nor upgrade-insecure-requests, at any host', async (path) => {
    const res = await request(t.server).get(path).set('Host', 'registry.test');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(tlsHeaders(res)).toEqual({ hsts: null, upgrades: false });
  });

  it('a client\'s own X-Forwarded-Proto: https is not believed (no proxy is trusted)', async () => {
    const res = await request(t.server).get('/v1/firms').set('X-Forwarded-Proto', 'https');
    expect(tlsHeaders(res)).toEqual({ hsts: null, upgrades: false });
  });
});

describe('behind a trusted TLS-terminating proxy', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ TRUST_PROXY: '127.0.0.1,::1' });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('X-Forwarded-Proto: https from the proxy turns HSTS and upgrade-insecure-requests on; http leaves them off', async () => {
    const https = await request(t.server).get('/docs').set('X-Forwarded-Proto', 'https');
    expect(tlsHeaders(https)).toEqual({ hsts: 'max-age=31536000; includeSubDomains', upgrades: true });
    const http = await request(t.server).get('/docs').set('X-Forwarded-Proto', 'http');
    expect(tlsHeaders(http)).toEqual({ hsts: null, upgrades: false });
  });
});

describe('with an https PUBLIC_BASE_URL', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ PUBLIC_BASE_URL: 'https://registry.example.kz' });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('a request by that host name came through its TLS front: the headers are on; by another name, off', async () => {
    const front = await request(t.server).get('/v1/firms').set('Host', 'registry.example.kz');
    expect(tlsHeaders(front)).toEqual({ hsts: 'max-age=31536000; includeSubDomains', upgrades: true });
    const internal = await request(t.server).get('/v1/firms').set('Host', '10.0.0.5:3000');
    expect(tlsHeaders(internal)).toEqual({ hsts: null, upgrades: false });
  });
});
