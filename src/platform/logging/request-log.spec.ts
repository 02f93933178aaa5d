import { describe, expect, it } from '@jest/globals';
import { RequestLogSampler, stripQuery } from './request-log.js';

describe('RequestLogSampler', () => {
  it('logs every server error at error and every slow request at warn, whatever the sampling', () => {
    const sampler = new RequestLogSampler({ slowMs: 500, sampleRate: 0 });
    expect(sampler.levelFor(500, 3, false)).toBe('error');
    expect(sampler.levelFor(503, 3, true)).toBe('error');
    expect(sampler.levelFor(200, 500, false)).toBe('warn');
    expect(sampler.levelFor(404, 900, true)).toBe('warn');
    expect(sampler.levelFor(200, 499, false)).toBe('debug');
  });

  it('logs one in a hundred of the other requests at info at 0.01, the same ones every time', () => {
    const levels = () => {
      const sampler = new RequestLogSampler({ slowMs: 500, sampleRate: 0.01 });
      return Array.from({ length: 300 }, (_, i) => sampler.levelFor(i % 2 ? 200 : 404, 1, false));
    };
    const first = levels();
    expect(first.filter((l) => l === 'info')).toHaveLength(3);
    expect(first.filter((l) => l === 'debug')).toHaveLength(297);
    expect(first.indexOf('info')).toBe(99);
    expect(levels()).toEqual(first);
  });

  it('logs every request at info at 1, and leaves the probes out unless they fail or are slow', () => {
    const sampler = new RequestLogSampler({ slowMs: 500, sampleRate: 1 });
    expect([sampler.levelFor(200, 1, false), sampler.levelFor(401, 1, false)]).toEqual(['info', 'info']);
    expect(sampler.levelFor(200, 1, true)).toBeNull();
  });
});

describe('stripQuery', () => {
  it('keeps the path only: a query may hold anything, a key included', () => {
    expect(stripQuery('/v1/check?q=kzr_abc')).toBe('/v1/check');
    expect(stripQuery('/v1/firms')).toBe('/v1/firms');
    expect(stripQuery(undefined)).toBe('');
  });
});
