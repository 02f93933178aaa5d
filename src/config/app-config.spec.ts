import { describe, expect, it } from '@jest/globals';
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

  it('accepts a postgres URL and booleans in either spelling', () => {
    const config = parseConfig({ DATABASE_URL: 'postgresql://u:p@db:5432/registry', LOAD_DEMO_DATA: '0', TRUST_PROXY: 'true' });
    expect(config).toMatchObject({ LOAD_DEMO_DATA: false, TRUST_PROXY: true });
  });

  it('loads no demo data in production unless asked, and loads it elsewhere by default', () => {
    expect(parseConfig({ NODE_ENV: 'production' }).LOAD_DEMO_DATA).toBe(false);
    expect(parseConfig({ NODE_ENV: 'production', LOAD_DEMO_DATA: 'true' }).LOAD_DEMO_DATA).toBe(true);
    expect(parseConfig({ NODE_ENV: 'development' }).LOAD_DEMO_DATA).toBe(true);
    expect(parseConfig({}).LOAD_DEMO_DATA).toBe(true);
  });
});
