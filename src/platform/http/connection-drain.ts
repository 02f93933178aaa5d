// Graceful shutdown of the HTTP server: no new connection is taken, every request already on one is answered in
// full, and each connection is closed by the server once it has nothing in flight, without a request in transit
// on it ever being cut.
import { FastifyAdapter } from '@nestjs/platform-fastify';
import type { Server, ServerResponse } from 'node:http';
import { Server as NetServer } from 'node:net';

/** How long a kept-alive connection may stay silent during the drain before it is closed without an answer owed. */
const IDLE_GRACE_MS = 1000;
/** Requests in flight above which the set is swept for those whose client left. */
const PRUNE_MIN = 1024;

/** Resolves after the event loop's next poll for I/O: what the kernel holds for the server (connections, requests) is read. */
const afterPoll = () => new Promise<void>((resolve) => setImmediate(() => setImmediate(resolve)));

/**
 * Node's own `server.close()` (and Fastify's, which calls it) destroys every keep-alive connection idle at that
 * instant, including one whose next request is on the wire but not yet read: its client gets a reset for a request
 * the server had already accepted a connection for. And Node leaves the connections busy at that instant open after
 * their answer (without `Connection: close`), where the client sends its next request into a closing server.
 *
 * So the drain: stop taking connections (net's close, without http's destruction of idle ones); answer every
 * request, those in flight and those still arriving on open connections, with `Connection: close`, so that each
 * connection ends after its answer; and close only what stayed silent for IDLE_GRACE_MS, which no client is about
 * to use.
 */
export class ConnectionDrain {
  private readonly inFlight = new Set<ServerResponse>();
  private pruneAbove = PRUNE_MIN;
  private draining = false;
  private stopped: Promise<void> | null = null;
  /** Settles when the listener has closed and every connection with it. */
  private closed: Promise<void> | null = null;

  /** From the request hook: a request during the drain is answered, and its connection closed after. */
  admit(response: ServerResponse): void {
    if (this.draining) {
      response.setHeader('connection', 'close');
      return;
    }
    this.inFlight.add(response);
    if (this.inFlight.size > this.pruneAbove) this.prune();
  }

  /**
   * Fastify runs no response hook for a request whose client went away before its answer: those are dropped here,
   * now and then, rather than with a 'close' listener on every response.
   */
  private prune(): void {
    for (const response of this.inFlight) if (response.destroyed || response.writableFinished) this.inFlight.delete(response);
    this.pruneAbove = Math.max(PRUNE_MIN, this.inFlight.size * 2);
  }

  /** From the response hook. */
  finished(response: ServerResponse): void {
    this.inFlight.delete(response);
  }

  /**
   * Stops taking connections, once however often it is called; from then on every request is answered with
   * Connection: close. DrainingFastifyAdapter calls it as app.close() begins, before Fastify's own close.
   */
  stopAccepting(server: Server): Promise<void> {
    this.stopped ??= this.closeListener(server);
    return this.stopped;
  }

  private async closeListener(server: Server): Promise<void> {
    if (server.listening) {
      // A busy event loop leaves connections the kernel has already completed in the listen backlog, their requests
      // sent: closing the listener would reset them. A poll first accepts them, and they are answered like the rest.
      // Meanwhile answers keep their connections alive: one that said Connection: close before the listener closed
      // would send its client to a new connection, left in the backlog and reset by the close.
      await afterPoll();
      this.closed = new Promise<void>((resolve) => NetServer.prototype.close.call(server, () => resolve()));
    }
    this.draining = true;
    for (const response of this.inFlight) if (!response.headersSent) response.setHeader('connection', 'close');
    this.inFlight.clear();
  }

  /**
   * Resolves once every connection has closed, with how many were still open after `deadlineMs` and so were cut (a
   * client reading a large answer slowly, or never): the pool must still close before an orchestrator's SIGKILL.
   */
  async drain(server: Server, deadlineMs: number, idleGraceMs = IDLE_GRACE_MS): Promise<number> {
    await this.stopAccepting(server);
    const closed = this.closed;
    if (!closed) return 0;
    // A connection silent for a whole grace has no answer owed and no client about to use it; one that answered a
    // request meanwhile has closed itself. Swept again each grace, for an answer that was already streaming when the
    // drain began (its headers said keep-alive). Each sweep after a poll: timers run before it, and a connection whose
    // request arrived while the loop was busy looks idle until its bytes are read.
    const sweep = setInterval(() => void afterPoll().then(() => server.closeIdleConnections()), idleGraceMs);
    let cut = 0;
    const deadline = setTimeout(
      () =>
        server.getConnections((error, count) => {
          cut = error ? 0 : count;
          server.closeAllConnections();
        }),
      deadlineMs,
    );
    try {
      await closed;
      return cut;
    } finally {
      clearInterval(sweep);
      clearTimeout(deadline);
    }
  }
}

/**
 * Fastify, once closing, answers every request with Connection: close, and runs its preClose hooks (where the drain
 * waits) before it closes the listener: a client sent to a new connection meanwhile would land in the backlog and
 * be reset by the close. So the listener closes first, as app.close() begins: Nest awaits an adapter's beforeClose
 * before any shutdown hook and before the adapter's close (Fastify's).
 */
export class DrainingFastifyAdapter extends FastifyAdapter {
  readonly connections = new ConnectionDrain();

  override async beforeClose(): Promise<void> {
    super.beforeClose();
    await this.connections.stopAccepting(this.getHttpServer() as Server);
  }
}
