// Requests supertest cannot send (raw bytes outside ASCII in the request line, oversized or repeated headers, a body
// sent in pieces), written to a socket of a listening app, and the answer parsed just enough to assert on.
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { connect, type AddressInfo, type Socket } from 'node:net';

export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export async function listen(app: NestFastifyApplication): Promise<number> {
  await app.listen({ port: 0, host: '127.0.0.1' });
  return (app.getHttpServer().address() as AddressInfo).port;
}

/** The responses in `text` (HTTP/1.1, Content-Length framed), in order. */
export function parseResponses(text: string): RawResponse[] {
  const responses: RawResponse[] = [];
  let rest = Buffer.from(text, 'latin1');
  while (rest.length > 0) {
    const end = rest.indexOf('\r\n\r\n');
    if (end < 0) break;
    const [statusLine = '', ...lines] = rest.subarray(0, end).toString('latin1').split('\r\n');
    const headers = Object.fromEntries(
      lines.map((line) => [line.slice(0, line.indexOf(':')).toLowerCase(), line.slice(line.indexOf(':') + 1).trim()]),
    );
    const length = Number(headers['content-length'] ?? 0);
    const body = rest.subarray(end + 4, end + 4 + length).toString('utf8');
    responses.push({ status: Number(statusLine.split(' ')[1]), headers, body });
    rest = rest.subarray(end + 4 + length);
  }
  return responses;
}

/** Writes each chunk in turn (waiting `pauseMs` between them), then reads until the server closes or `idleMs` passes. */
export function exchange(port: number, chunks: (string | Buffer)[], pauseMs = 0, idleMs = 1500, between?: () => unknown): Promise<RawResponse[]> {
  return new Promise((resolve, reject) => {
    const socket: Socket = connect(port, '127.0.0.1');
    const received: Buffer[] = [];
    let timer: NodeJS.Timeout | undefined;
    const done = () => {
      clearTimeout(timer);
      socket.destroy();
      resolve(parseResponses(Buffer.concat(received).toString('latin1')));
    };
    const idle = () => {
      clearTimeout(timer);
      timer = setTimeout(done, idleMs);
    };
    socket.on('data', (data) => {
      received.push(data);
      idle();
    });
    socket.on('close', done);
    socket.on('error', (error: NodeJS.ErrnoException) => (error.code === 'ECONNRESET' ? done() : reject(error)));
    socket.on('connect', async () => {
      for (const [i, chunk] of chunks.entries()) {
        if (i > 0) {
          await new Promise((r) => setTimeout(r, pauseMs));
          if (i === 1) await between?.();
        }
        socket.write(chunk);
      }
      idle();
    });
  });
}
