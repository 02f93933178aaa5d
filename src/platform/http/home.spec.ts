import { describe, expect, it } from '@jest/globals';
import type { OpenAPIObject } from '@nestjs/swagger';
import { entryPoints } from './home.js';

const document = {
  openapi: '3.0.0',
  info: { title: 't', version: '1' },
  paths: {
    '/v1/check': {
      get: {
        summary: 'Check a domain or link',
        security: [],
        parameters: [
          { name: 'q', in: 'query', required: true, schema: { example: 'https://www.coinbase.com/login' } },
          { name: 'lang', in: 'query', required: false, schema: { example: 'kk' } },
        ],
      },
    },
    '/v1/firms/{id}': { get: { summary: 'Get a firm', security: [], parameters: [{ name: 'id', in: 'path', required: true }] } },
    '/v1/admin/audit-events': { get: { summary: 'Audit', security: [{ apiKey: [] }] } },
    '/v1/admin/firms': { post: { summary: 'Create', security: [{ apiKey: [] }] } },
  },
} as unknown as OpenAPIObject;

describe('entryPoints', () => {
  it('lists the public GET operations, each with a URL to try when its required parameters have examples', () => {
    expect(entryPoints(document)).toEqual([
      {
        method: 'GET',
        path: '/v1/check',
        template: '/v1/check?q={q}',
        summary: 'Check a domain or link',
        example: '/v1/check?q=https%3A%2F%2Fwww.coinbase.com%2Flogin',
      },
      { method: 'GET', path: '/v1/firms/{id}', template: '/v1/firms/{id}', summary: 'Get a firm' },
    ]);
  });
});
