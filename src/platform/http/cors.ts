// CORS for the public reads (a page on another site may call /v1/check), never for the operators' API: an admin
// response carries no Access-Control-Allow-Origin, so no browser page elsewhere can read it.
import type { FastifyCorsOptions } from '@fastify/cors';
import type { FastifyRequest } from 'fastify';

/** Where the operators' API lives: no CORS, and nothing of it stored by any cache. */
export const ADMIN_PATH = '/v1/admin';

export function isAdminPath(url: string): boolean {
  // Asked of every request: no split, no allocation.
  if (!url.startsWith(ADMIN_PATH)) return false;
  const next = url[ADMIN_PATH.length];
  return next === undefined || next === '/' || next === '?';
}

const PUBLIC_READS: FastifyCorsOptions = {
  origin: '*',
  // Joined here: @fastify/cors joins a list on every request.
  methods: 'GET, HEAD',
  allowedHeaders: 'Accept, Accept-Language, If-None-Match, X-Request-Id',
  exposedHeaders: 'Content-Language, ETag, RateLimit, RateLimit-Policy, Retry-After, X-Request-Id',
  maxAge: 86_400,
  // A preflight then goes on to the platform's OPTIONS answer (204 with Allow); any OPTIONS counts as one.
  preflightContinue: true,
  strictPreflight: false,
};

const NONE: FastifyCorsOptions = { origin: false };

/** The options delegate of @fastify/cors: per request, by path. */
export function corsFor(request: FastifyRequest, callback: (error: Error | null, options: FastifyCorsOptions) => void): void {
  callback(null, isAdminPath(request.url) ? NONE : PUBLIC_READS);
}
