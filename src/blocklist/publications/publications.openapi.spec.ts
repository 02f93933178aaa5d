// The OpenAPI document describes the publications' caching contract: the headers each route sends and reads, every
// media type a file is served in, and examples rendered by the formats themselves.
import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BLOCKLIST_FORMATS } from '../formats/blocklist-formats.js';
import { sampleFiles } from './publication-examples.js';

type Operation = {
  parameters?: { in: string; name: string }[];
  responses: Record<string, { headers?: Record<string, unknown>; content?: Record<string, { examples?: Record<string, { value: string }> }> }>;
};
const document = JSON.parse(readFileSync(join(import.meta.dirname, '../../../openapi/openapi.json'), 'utf8')) as { paths: Record<string, { get: Operation }> };
const op = (path: string) => document.paths[path]!.get;
const headerParams = (o: Operation) => (o.parameters ?? []).filter((p) => p.in === 'header').map((p) => p.name).sort();
const headersOf = (o: Operation, status: string) => Object.keys(o.responses[status]?.headers ?? {}).sort();

describe('the OpenAPI document of publications', () => {
  it('documents a file\'s headers, each media type it is served in, and examples as rendered (the RPZ as served)', () => {
    const file = op('/v1/blocklist/{serial}/{fileName}');
    expect(headerParams(file)).toEqual(['Accept-Encoding', 'If-None-Match']);
    expect(headersOf(file, '200')).toEqual(['Age', 'Cache-Control', 'Content-Encoding', 'ETag', 'Vary']);
    expect(headersOf(file, '304')).toEqual(['Age', 'Cache-Control', 'ETag', 'Vary']);
    expect(headersOf(file, '410')).toEqual(['Link']);
    expect(headersOf(file, '503')).toEqual(['Retry-After']);
    expect(Object.keys(file.responses)).toEqual(expect.arrayContaining(['406']));
    const content = file.responses['200']!.content!;
    expect(Object.keys(content).sort()).toEqual([...new Set(BLOCKLIST_FORMATS.map((f) => f.mediaType))].sort());
    const rpz = content['text/dns']!.examples!.blocklist_rpz!.value;
    expect(rpz).toBe(sampleFiles().find((f) => f.fileName === 'blocklist.rpz')!.text);
    expect(rpz).toContain('@ SOA kz-crypto-registry.rpz. hostmaster.kz-crypto-registry.rpz. 42 ');
    expect(rpz).toContain('\n@ NS localhost.\n');
  });

  it('documents the manifests\' and deltas\' headers: ETag, Cache-Control, If-None-Match, Content-Location, Link on 410, Age while served from memory', () => {
    for (const path of ['/v1/blocklist/latest/manifest.json', '/v1/blocklist/latest/manifest.json.sig', '/v1/blocklist/latest/manifest.jws',
      '/v1/blocklist/{serial}/manifest.json', '/v1/blocklist/{serial}/manifest.json.sig', '/v1/blocklist/{serial}/manifest.jws']) {
      expect([path, headerParams(op(path)), headersOf(op(path), '200'), headersOf(op(path), '304')]).toEqual([path, ['If-None-Match'], ['Age', 'Cache-Control', 'ETag'], ['Age', 'Cache-Control', 'ETag']]);
    }
    expect(headersOf(op('/v1/blocklist/deltas'), '200')).toEqual(['Age', 'Cache-Control', 'Content-Location', 'ETag']);
    expect(headersOf(op('/v1/blocklist/deltas'), '410')).toEqual(['Link']);
    expect(headersOf(op('/v1/blocklist/deltas/{name}'), '200')).toEqual(['Age', 'Cache-Control', 'ETag']);
    expect(headersOf(op('/v1/blocklist/deltas/{name}'), '410')).toEqual(['Link']);
  });
});
