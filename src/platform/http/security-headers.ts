// Security headers that follow how the browser reached the service. Over TLS: HSTS and a CSP that upgrades insecure
// requests. Over plain http neither: a browser would fetch /docs' own scripts and styles over https, which the service
// does not serve, and show a blank page (HSTS over http is ignored anyway).
import type { FastifyReply, FastifyRequest } from 'fastify';
import helmet from 'helmet';
import type { IncomingMessage, ServerResponse } from 'node:http';

const DIRECTIVES = {
  defaultSrc: ["'self'"],
  // Swagger UI at /docs styles itself inline and shows data: images.
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", 'data:'],
  scriptSrc: ["'self'"],
  frameAncestors: ["'none'"],
};

type Middleware = (req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void) => void;

/**
 * The headers a helmet middleware sets, read once. Helmet builds its CSP string and sets a dozen headers on every
 * request (8 % of a check's CPU in issue 9's profile); these policies depend on nothing in the request (no nonces),
 * so helmet stays the source of their values and a request only copies them.
 */
export function headersOf(middleware: Middleware): Readonly<Record<string, string>> {
  const headers: Record<string, string> = {};
  const res = {
    setHeader: (name: string, value: unknown) => {
      headers[name.toLowerCase()] = String(value);
    },
    removeHeader: () => undefined,
  } as unknown as ServerResponse;
  let done = false;
  middleware({ headers: {} } as IncomingMessage, res, (error) => {
    if (error) throw error;
    done = true;
  });
  if (!done) throw new Error('helmet did not set its headers synchronously');
  return Object.freeze(headers);
}

const OVER_TLS = headersOf(helmet({ contentSecurityPolicy: { directives: DIRECTIVES } }));
const OVER_PLAIN_HTTP = headersOf(
  helmet({
    contentSecurityPolicy: { directives: { ...DIRECTIVES, upgradeInsecureRequests: null } },
    strictTransportSecurity: false,
    // Both need a secure context; a browser ignores them over http, with a console error.
    crossOriginOpenerPolicy: false,
    originAgentCluster: false,
  }),
);

/**
 * The browser used TLS when the request came over TLS, or a trusted proxy says so (`X-Forwarded-Proto: https`, which
 * Fastify reads only from the hops TRUST_PROXY names), or it came by the host of an https PUBLIC_BASE_URL (a proxy in
 * front terminates TLS for that name).
 */
export function servedOverTls(request: Pick<FastifyRequest, 'protocol' | 'host'>, publicBase: URL): boolean {
  if (request.protocol === 'https') return true;
  return publicBase.protocol === 'https:' && request.host?.toLowerCase() === publicBase.host;
}

export function applySecurityHeaders(request: FastifyRequest, reply: FastifyReply, publicBase: URL): void {
  reply.headers(servedOverTls(request, publicBase) ? OVER_TLS : OVER_PLAIN_HTTP);
}
