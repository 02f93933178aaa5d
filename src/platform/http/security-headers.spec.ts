import { describe, expect, it } from '@jest/globals';
import helmet from 'helmet';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { headersOf } from './security-headers.js';

/** What helmet sets on a real response of a real server. */
async function onRealResponse(middleware: (req: IncomingMessage, res: ServerResponse, next: () => void) => void) {
  const server = createServer((req, res) => middleware(req, res, () => res.end()));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
    const skip = new Set(['date', 'connection', 'keep-alive', 'content-length', 'transfer-encoding']);
    return Object.fromEntries([...res.headers].filter(([name]) => !skip.has(name)));
  } finally {
    server.close();
  }
}

describe('headersOf', () => {
  it.each([
    ['defaults', helmet()],
    ['a CSP of our own, without HSTS', helmet({ contentSecurityPolicy: { directives: { defaultSrc: ["'self'"], upgradeInsecureRequests: null } }, strictTransportSecurity: false })],
  ])('reads once exactly the headers helmet sets on each response (%s)', async (_label, middleware) => {
    expect(headersOf(middleware)).toEqual(await onRealResponse(middleware));
  });
});
