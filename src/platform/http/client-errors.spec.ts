import { describe, expect, it } from '@jest/globals';
import type { Socket } from 'node:net';
import { problemClientErrorHandler } from './client-errors.js';

/** A socket that keeps what is written to it. */
function fakeSocket(): Socket & { written: string; destroyedWith?: Error } {
  const socket = {
    written: '',
    destroyed: false,
    writable: true,
    write(chunk: string) {
      socket.written += chunk;
      return true;
    },
    destroy(error?: Error) {
      socket.destroyed = true;
      (socket as { destroyedWith?: Error }).destroyedWith = error;
    },
  };
  return socket as unknown as Socket & { written: string };
}

const handler = problemClientErrorHandler('https://registry.example');

describe('problemClientErrorHandler', () => {
  it('answers a request that did not arrive in time with a 408 problem (Node gives no request object to answer it)', () => {
    const socket = fakeSocket();
    handler(Object.assign(new Error('Request timeout'), { code: 'ERR_HTTP_REQUEST_TIMEOUT' }), socket);
    const [head = '', body = ''] = socket.written.split('\r\n\r\n');
    expect(head).toMatch(/^HTTP\/1\.1 408 Request Timeout\r\n/);
    expect(head).toContain('Content-Type: application/problem+json');
    expect(head).toContain(`Content-Length: ${Buffer.byteLength(body)}`);
    const problem = JSON.parse(body);
    expect(problem).toMatchObject({
      type: 'https://registry.example/problems/request-timeout',
      title: 'Request timeout',
      status: 408,
      code: 'request-timeout',
      detail: 'The request did not arrive in full in time.',
    });
    expect(head).toContain(`X-Request-Id: ${problem.requestId}`);
    expect(socket.destroyed).toBe(true);
  });

  it('reads the language from what did arrive', () => {
    const socket = fakeSocket();
    const rawPacket = Buffer.from('GET /v1/check?q=\xff&lang=KK-kz HTTP/1.1\r\nHost: x\r\n', 'latin1');
    handler(Object.assign(new Error('Parse Error'), { code: 'HPE_INVALID_CHARACTER', rawPacket }), socket);
    expect(socket.written).toContain('Content-Language: kk');
    expect(JSON.parse(socket.written.split('\r\n\r\n')[1]!)).toMatchObject({ status: 400, code: 'malformed-request', title: 'Қате сұрау', instance: '/v1/check' });
  });

  it('writes nothing to a connection the client reset', () => {
    const socket = fakeSocket();
    handler(Object.assign(new Error('reset'), { code: 'ECONNRESET' }), socket);
    expect(socket.written).toBe('');
  });

  it('writes no second answer after a request already answered (a 503 for HTTP_REQUEST_TIMEOUT_MS), and closes', () => {
    const socket = Object.assign(fakeSocket(), { _httpMessage: { headersSent: true } });
    handler(Object.assign(new Error('Request timeout'), { code: 'ERR_HTTP_REQUEST_TIMEOUT' }), socket);
    expect(socket.written).toBe('');
    expect(socket.destroyed).toBe(true);
  });
});
