import { describe, expect, it } from '@jest/globals';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, parseConfig } from './app-config.js';

describe('parseConfig', () => {
  it('has a default for everything but the database, which is optional', () => {
    const config = parseConfig({});
    expect(config).toMatchObject({ PORT: 3000, LOAD_DEMO_DATA: true, EMBEDDED_PG_PORT: 54329, LOG_LEVEL: 'info' });
    expect(config.DATABASE_URL).toBeUndefined();
  });

  it('treats an empty variable as unset', () => {
    expect(parseConfig({ DATABASE_URL: '', PORT: '' }).PORT).toBe(3000);
  });

  it('lists every invalid variable at once, by name', () => {
    try {
      parseConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', LOAD_DEMO_DATA: 'maybe', LOG_LEVEL: 'loud' });
      throw new Error('expected ConfigError');
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const issues = (error as ConfigError).issues.join('\n');
      for (const name of ['PORT', 'DATABASE_URL', 'LOAD_DEMO_DATA', 'LOG_LEVEL']) expect(issues).toContain(name);
      expect((error as ConfigError).message).toMatch(/^Invalid configuration:/);
    }
  });

  it('serves no metrics unless METRICS_PORT is set, on loopback unless METRICS_HOST says otherwise, never on PORT', () => {
    const defaults = parseConfig({});
    expect([defaults.METRICS_PORT, defaults.METRICS_HOST]).toEqual([undefined, '127.0.0.1']);
    expect(parseConfig({ METRICS_PORT: '9464', METRICS_HOST: '0.0.0.0' })).toMatchObject({ METRICS_PORT: 9464, METRICS_HOST: '0.0.0.0' });
    expect(() => parseConfig({ METRICS_PORT: '3000' })).toThrow('METRICS_PORT: must differ from PORT: metrics are served apart from the API');
    expect(() => parseConfig({ METRICS_PORT: '0' })).toThrow(/METRICS_PORT/);
  });

  it('takes a redis:// or rediss:// REDIS_URL for shared rate limits, none by default, and refuses any other URL', () => {
    expect(parseConfig({}).REDIS_URL).toBeUndefined();
    expect(parseConfig({ REDIS_URL: 'redis://127.0.0.1:6379/2' }).REDIS_URL).toBe('redis://127.0.0.1:6379/2');
    expect(parseConfig({ REDIS_URL: 'rediss://user:secret@cache.internal:6380' }).REDIS_URL).toBe('rediss://user:secret@cache.internal:6380');
    for (const bad of ['http://cache:6379', 'cache:6379', 'redis']) {
      expect(() => parseConfig({ REDIS_URL: bad })).toThrow(/REDIS_URL/);
    }
  });

  it('accepts a postgres URL and booleans in either spelling', () => {
    const config = parseConfig({ DATABASE_URL: 'postgresql://u:p@db:5432/registry', LOAD_DEMO_DATA: '0' });
    expect(config).toMatchObject({ LOAD_DEMO_DATA: false, TRUST_PROXY: false });
  });

  it('takes the owner\'s MIGRATION_DATABASE_URL beside the service\'s DATABASE_URL, never alone', () => {
    const both = { DATABASE_URL: 'postgres://registry_app:p@db/registry', MIGRATION_DATABASE_URL: 'postgres://registry_owner:q@db/registry' };
    expect(parseConfig(both)).toMatchObject(both);
    expect(() => parseConfig({ MIGRATION_DATABASE_URL: both.MIGRATION_DATABASE_URL })).toThrow(
      'MIGRATION_DATABASE_URL: needs DATABASE_URL as well (the embedded PostgreSQL makes its own owner and service roles)',
    );
    expect(() => parseConfig({ ...both, MIGRATION_DATABASE_URL: 'mysql://x' })).toThrow(/MIGRATION_DATABASE_URL/);
  });

  it.each([
    ['false', false],
    ['0', false],
    ['1', 1],
    ['2', 2],
    ['127.0.0.1', ['127.0.0.1']],
    ['127.0.0.1, 10.0.0.0/8', ['127.0.0.1', '10.0.0.0/8']],
    ['::1,fd00::/8,loopback', ['::1', 'fd00::/8', 'loopback']],
  ])('reads TRUST_PROXY=%s as the proxy hops to trust', (value, expected) => {
    expect(parseConfig({ TRUST_PROXY: value }).TRUST_PROXY).toEqual(expected);
  });

  it.each([
    ['true', /would trust any X-Forwarded-For/],
    ['yes', /not: yes/],
    ['10.0.0.0/33', /not: 10.0.0.0\/33/],
    ['127.1', /not: 127.1/],
    ['10.0.0.1,example.com', /not: example.com/],
  ])('refuses TRUST_PROXY=%s, saying what it accepts', (value, message) => {
    expect(() => parseConfig({ TRUST_PROXY: value })).toThrow(message);
  });

  it('loads no demo data in production unless asked, and loads it elsewhere by default', () => {
    const key = join(mkdtempSync(join(tmpdir(), 'config-')), 'key.pem');
    writeFileSync(key, generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }));
    const production = { NODE_ENV: 'production', SIGNING_KEY_FILE: key };
    expect(parseConfig(production).LOAD_DEMO_DATA).toBe(false);
    expect(parseConfig({ ...production, LOAD_DEMO_DATA: 'true' }).LOAD_DEMO_DATA).toBe(true);
    expect(parseConfig({ NODE_ENV: 'development' }).LOAD_DEMO_DATA).toBe(true);
    expect(parseConfig({}).LOAD_DEMO_DATA).toBe(true);
  });

  it('bounds the database and HTTP waits by default, and lets each be turned off with 0 but start-up and connecting', () => {
    expect(parseConfig({})).toMatchObject({
      DATABASE_CONNECT_TIMEOUT_MS: 5000,
      DATABASE_STATEMENT_TIMEOUT_MS: 10_000,
      DATABASE_LOCK_TIMEOUT_MS: 5000,
      DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS: 30_000,
      DATABASE_STARTUP_TIMEOUT_MS: 30_000,
      HTTP_BODY_TIMEOUT_MS: 30_000,
      HTTP_REQUEST_TIMEOUT_MS: 60_000,
    });
    const off = parseConfig({
      DATABASE_STATEMENT_TIMEOUT_MS: '0',
      DATABASE_LOCK_TIMEOUT_MS: '0',
      DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS: '0',
      HTTP_BODY_TIMEOUT_MS: '0',
      HTTP_REQUEST_TIMEOUT_MS: '0',
    });
    expect(off).toMatchObject({ DATABASE_STATEMENT_TIMEOUT_MS: 0, HTTP_REQUEST_TIMEOUT_MS: 0 });
    expect(() => parseConfig({ DATABASE_CONNECT_TIMEOUT_MS: '0', DATABASE_STARTUP_TIMEOUT_MS: '0', HTTP_REQUEST_TIMEOUT_MS: '500' })).toThrow(
      /DATABASE_CONNECT_TIMEOUT_MS: expected at least 100 ms[\s\S]*DATABASE_STARTUP_TIMEOUT_MS: expected at least 100 ms[\s\S]*HTTP_REQUEST_TIMEOUT_MS: expected 0 \(off\) or at least 1000 ms/,
    );
  });
});
