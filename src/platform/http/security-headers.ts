// Security headers that follow how the browser reached the service. Over TLS: HSTS and a CSP that upgrades insecure
// requests. Over plain http neither: a browser would fetch /docs' own scripts and styles over https, which the service
// does not serve, and show a blank page (HSTS over http is ignored anyway).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import helmet from 'helmet';

const DIRECTIVES = {
  defaultSrc: ["'self'"],
  // Swagger UI at /docs styles itself inline and shows data: images.
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", 'data:'],
  scriptSrc: ["'self'"],
  frameAncestors: ["'none'"],
};

const overTls = helmet({ contentSecurityPolicy: { directives: DIRECTIVES } });
const overPlainHttp = helmet({
  contentSecurityPolicy: { directives: { ...DIRECTIVES, upgradeInsecureRequests: null } },
  strictTransportSecurity: false,
  // Both need a secure context; a browser ignores them over http, with a console error.
  crossOriginOpenerPolicy: false,
  originAgentCluster: false,
});

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
  (servedOverTls(request, publicBase) ? overTls : overPlainHttp)(request.raw, reply.raw, (error) => {
    if (error) throw error;
  });
}

export function sendSecurityHeaders(instance: FastifyInstance, publicBaseUrl: string): void {
  const publicBase = new URL(publicBaseUrl);
  instance.addHook('onRequest', async (request, reply) => applySecurityHeaders(request, reply, publicBase));
}
