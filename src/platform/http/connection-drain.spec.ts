import { describe, expect, it } from '@jest/globals';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { spawn } from 'node:child_process';
import { createServer, request as httpRequest, Agent } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createInterface } from 'node:readline';
import { ConnectionDrain, DrainingFastifyAdapter } from './connection-drain.js';

/** A server whose /slow answers after 300 ms, /answer-then-work at once and then holds the loop, and /stuck never finishes, with the drain's two calls where the app's hooks make them. */
async function serve() {
  const drain = new ConnectionDrain();
  const server = createServer((req, res) => {
    drain.admit(res);
    res.on('finish', () => drain.finished(res));
    // /stuck never ends its answer: a client that never reads, a stream that never finishes.
    if (req.url === '/stuck') return void res.write('partial');
    // /answer-then-work answers at once, then holds the loop, as the next request's work would.
    if (req.url === '/answer-then-work') return void (res.end('ok'), holdLoop(300));
    setTimeout(() => res.end('ok'), req.url === '/slow' ? 300 : 0);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { drain, server, port: (server.address() as AddressInfo).port };
}

function get(port: number, path: string, agent: Agent): Promise<{ status: number; connection: string | undefined }> {
  return new Promise((resolve, reject) => {
    httpRequest({ host: '127.0.0.1', port, path, agent }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode!, connection: res.headers.connection }));
    }).on('error', reject).end();
  });
}

/**
 * A client in a process of its own, so that it sends while this process's event loop is held: a line `new` on its
 * stdin sends a GET on a new connection, `open` one on its kept-alive connection, `twice` a GET of
 * /answer-then-work on it and, once answered, another as a load's client does (on the same connection if it was
 * kept alive, else on a new one); it prints each outcome (`open 200 keep-alive`, `new ECONNRESET`).
 */
function clientProcess(port: number) {
  const code = `
    const http = require('node:http');
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const get = (tag, path = '/', then) => http
      .get({ host: '127.0.0.1', port: ${port}, path, agent: tag === 'new' ? false : agent }, (res) => {
        res.resume();
        res.on('end', () => { console.log(tag, res.statusCode, res.headers.connection); then?.(); });
      })
      .on('error', (error) => console.log(tag, error.code));
    require('node:readline').createInterface({ input: process.stdin })
      .on('line', (tag) => tag === 'twice' ? get(tag, '/answer-then-work', () => get(tag)) : get(tag));
    console.log('ready');`;
  const child = spawn(process.execPath, ['-e', code], { stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout! })[Symbol.asyncIterator]();
  return {
    send: (tag: 'new' | 'open' | 'twice') => child.stdin!.write(`${tag}\n`),
    next: async () => String((await lines.next()).value),
    kill: () => child.kill(),
  };
}

/** Holds the event loop, as a batch of verifications does: nothing is read meanwhile, the kernel queues it. */
function holdLoop(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until);
}

/** Runs `use` with a client process (clientProcess) that is ready, and ends the process after. */
async function withClient(port: number, use: (client: ReturnType<typeof clientProcess>) => Promise<void>): Promise<void> {
  const client = clientProcess(port);
  try {
    expect(await client.next()).toBe('ready');
    await use(client);
  } finally {
    client.kill();
  }
}

/**
 * A kept-alive connection, then `twice` sent on it while this loop is held, so that the poll `close` waits for reads
 * it: the two outcomes, and what `close` resolved to. Had the first answer said Connection: close before the listener
 * closed, the next request's new connection would wait in the backlog and be reset by the close.
 */
async function twiceAcrossClose<T>(client: ReturnType<typeof clientProcess>, close: () => Promise<T>): Promise<{ outcomes: string[]; closed: T }> {
  client.send('open');
  expect(await client.next()).toBe('open 200 keep-alive');
  client.send('twice');
  holdLoop(300);
  const closed = close();
  const outcomes = [await client.next(), await client.next()];
  return { outcomes, closed: await closed };
}

describe('ConnectionDrain', () => {
  it('answers the request in flight and one arriving on an open connection, each with Connection: close, and refuses new connections', async () => {
    const { drain, server, port } = await serve();
    const busy = new Agent({ keepAlive: true, maxSockets: 1 });
    const open = new Agent({ keepAlive: true, maxSockets: 1 });
    // A kept-alive connection that the next request will reuse.
    expect(await get(port, '/', open)).toEqual({ status: 200, connection: 'keep-alive' });
    const inFlight = get(port, '/slow', busy);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const drained = drain.drain(server, 10_000, 200);
    // Once the listener is closed (after a poll: see the backlog tests below).
    while (server.listening) await new Promise((resolve) => setImmediate(resolve));
    expect(await get(port, '/', open)).toEqual({ status: 200, connection: 'close' });
    expect(await inFlight).toEqual({ status: 200, connection: 'close' });
    await expect(get(port, '/', new Agent())).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    expect(await drained).toBe(0);
    expect(server.listening).toBe(false);
  });

  it('closes a connection left silent for the grace, which then ends the drain', async () => {
    const { drain, server, port } = await serve();
    const idle = new Agent({ keepAlive: true });
    await get(port, '/', idle);
    const started = performance.now();
    expect(await drain.drain(server, 10_000, 200)).toBe(0);
    const ms = performance.now() - started;
    expect(ms).toBeGreaterThanOrEqual(190);
    expect(ms).toBeLessThan(2000);
    idle.destroy();
  });

  it('cuts what is still open at the deadline and says how many, so that the pool still closes', async () => {
    const { drain, server, port } = await serve();
    const stuck = new Promise<string>((resolve) => {
      httpRequest({ host: '127.0.0.1', port, path: '/stuck' }, (res) => {
        res.resume();
        res.on('error', () => resolve('cut'));
        res.on('aborted', () => resolve('cut'));
        res.on('end', () => resolve('ended'));
      }).on('error', () => resolve('cut')).end();
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    const started = performance.now();
    expect(await drain.drain(server, 300, 100)).toBe(1);
    const ms = performance.now() - started;
    expect(ms).toBeGreaterThanOrEqual(290);
    expect(ms).toBeLessThan(3000);
    expect(await stuck).toBe('cut');
  });

  it('answers a request on a connection still in the listen backlog when the drain begins (the loop was held)', async () => {
    const { drain, server, port } = await serve();
    await withClient(port, async (client) => {
      client.send('new');
      // The client connects and sends while this loop is held; the drain begins before a poll accepts its connection.
      holdLoop(500);
      const drained = drain.drain(server, 10_000, 200);
      expect(await client.next()).toBe('new 200 close');
      expect(await drained).toBe(0);
    });
  });

  it('keeps a connection alive when it answers before the listener closes, so that its client does not reconnect into a closing listener', async () => {
    const { drain, server, port } = await serve();
    await withClient(port, async (client) => {
      // Answered in the poll the drain waits for, before the listener closes: the first request keeps its connection,
      // and the next one on it is answered with Connection: close; nothing is cut.
      expect(await twiceAcrossClose(client, () => drain.drain(server, 10_000, 200))).toEqual({ outcomes: ['twice 200 keep-alive', 'twice 200 close'], closed: 0 });
    });
  });

  it('answers a request that arrived on an idle kept-alive connection while the loop was held past a sweep', async () => {
    const { drain, server, port } = await serve();
    await withClient(port, async (client) => {
      client.send('open');
      expect(await client.next()).toBe('open 200 keep-alive');
      const drained = drain.drain(server, 10_000, 200);
      // Sent at 100 ms and held until 500 by work after the poll (as a request's own work is): the sweep due at 200
      // comes first when the loop is let go, its timers before the poll that reads the request.
      setTimeout(() => {
        client.send('open');
        setImmediate(() => holdLoop(400));
      }, 100);
      expect(await client.next()).toBe('open 200 close');
      expect(await drained).toBe(0);
    });
  });
});

describe('DrainingFastifyAdapter', () => {
  it('closes the listener as app.close() begins, before Fastify answers every request with Connection: close', async () => {
    const adapter = new DrainingFastifyAdapter({ return503OnClosing: false });
    const fastify = adapter.getInstance();
    class Empty {}
    Module({})(Empty);
    const app = await NestFactory.create(Empty, adapter, { logger: false, abortOnError: false });
    // The drain's calls where createApp's hooks make them.
    fastify.addHook('onRequest', (_request, reply, done) => (adapter.connections.admit(reply.raw), done()));
    fastify.addHook('onResponse', (_request, reply, done) => (adapter.connections.finished(reply.raw), done()));
    fastify.addHook('preClose', async () => void (await adapter.connections.drain(fastify.server, 10_000, 200)));
    fastify.get('/', (_request, reply) => void reply.send('ok'));
    fastify.get('/answer-then-work', (_request, reply) => {
      void reply.send('ok');
      holdLoop(300);
    });
    await app.listen(0, '127.0.0.1');
    await withClient((fastify.server.address() as AddressInfo).port, async (client) => {
      // As in the drain's own test above, with Fastify's close after the listener's.
      expect((await twiceAcrossClose(client, () => app.close())).outcomes).toEqual(['twice 200 keep-alive', 'twice 200 close']);
      expect(fastify.server.listening).toBe(false);
    });
  });
});
