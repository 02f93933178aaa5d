// The listener Prometheus scrapes: its own port and address (METRICS_PORT, METRICS_HOST), apart from the API, so the
// metrics are not public unless an operator binds them where the public can reach. GET /metrics and nothing else.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface MetricsListener {
  url: string;
  close(): Promise<void>;
}

export interface MetricsSource {
  contentType: string;
  render(): Promise<string>;
}

/** Listens on host:port; rejects (EADDRINUSE and the like) when it cannot, so the service does not start without it. */
export function listenForScrapes(host: string, port: number, source: MetricsSource, onError: (error: unknown) => void): Promise<MetricsListener> {
  const server = createServer((request, response) => {
    const path = (request.url ?? '').split('?')[0];
    if (path !== '/metrics') {
      response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not found: metrics are at /metrics\n');
      return;
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain; charset=utf-8' }).end('Method not allowed\n');
      return;
    }
    source.render().then(
      (body) => {
        response.writeHead(200, { 'content-type': source.contentType, 'cache-control': 'no-store' });
        response.end(request.method === 'HEAD' ? undefined : body);
      },
      (error: unknown) => {
        onError(error);
        response.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' }).end('The metrics could not be collected (see the log)\n');
      },
    );
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      const { address, port: bound } = server.address() as AddressInfo;
      resolve({
        url: `http://${address.includes(':') ? `[${address}]` : address}:${bound}/metrics`,
        // A scraper keeps its connection open between scrapes: closed with the listener, not waited for.
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}
