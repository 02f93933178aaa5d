// What the router leaves unanswered: a path that exists answers another method with 405 and `Allow`, OPTIONS with
// 204 and `Allow` (after CORS has had its say), and a path that does not exist with a 404 problem.
import { HttpStatus } from '@nestjs/common';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { localise } from '../i18n/translate.js';
import { PLATFORM_MESSAGES } from './problem-messages.js';
import { DomainError } from './problem.js';

type FastifyErrorHandler = (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => void;

export class RouteNotFoundError extends DomainError {
  constructor(method: string, path: string) {
    super('not-found', HttpStatus.NOT_FOUND, localise(PLATFORM_MESSAGES, 'route-not-found', { method, path }));
  }
}

export class MethodNotAllowedError extends DomainError {
  constructor(method: string, path: string, allowed: string[]) {
    const list = allowed.join(', ');
    super('method-not-allowed', HttpStatus.METHOD_NOT_ALLOWED, localise(PLATFORM_MESSAGES, 'method-not-allowed', { method, path, allowed: list }), {}, { allow: list });
  }
}

/** A route pattern (`/v1/firms/:id`, `/docs/*`) as a regular expression over request paths. */
export function routePattern(url: string): RegExp {
  const source = url
    .split(/(:[A-Za-z0-9_]+|\*)/)
    .map((part) => (part === '*' ? '.*' : part.startsWith(':') ? '[^/]+' : part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${source}$`);
}

/**
 * The methods routes answer for each path: collected as routes are added, so it must be called before any is. Every
 * route also gets `errorHandler` for what its hooks throw: a route added before Nest sets its own handler (Swagger's,
 * the CORS preflight route, `/`) would otherwise answer with Fastify's default JSON.
 */
export function trackRoutes(instance: FastifyInstance, errorHandler: FastifyErrorHandler): (path: string) => string[] {
  const routes: { method: string; pattern: RegExp }[] = [];
  instance.addHook('onRoute', (route) => {
    route.errorHandler ??= errorHandler;
    // The catch-all OPTIONS route of @fastify/cors answers preflights on any path: it says nothing about a path.
    if (route.url === '*') return;
    const pattern = routePattern(route.url);
    for (const method of [route.method].flat()) routes.push({ method, pattern });
  });
  return (path) => {
    const methods = new Set(routes.filter((r) => r.pattern.test(path)).map((r) => r.method));
    if (methods.size > 0) methods.add('OPTIONS');
    return [...methods].sort();
  };
}

/**
 * What to do with a request no route of its method took: a 404 or 405 problem, or for OPTIONS a 204 with `Allow`
 * (sent here); undefined for a routed request. Called by the platform's request hook, after the security headers
 * and the rate limit.
 */
export function answerUnrouted(
  request: FastifyRequest,
  reply: FastifyReply,
  allowedMethods: (path: string) => string[],
): DomainError | 'answered' | undefined {
  const generic = request.is404 || (request.method === 'OPTIONS' && request.routeOptions.url === '*');
  if (!generic) return undefined;
  const path = request.url.split('?')[0] ?? '/';
  const allowed = allowedMethods(path);
  if (allowed.length === 0) return new RouteNotFoundError(request.method, path);
  if (request.method === 'OPTIONS') {
    reply.code(204).header('allow', allowed.join(', ')).send();
    return 'answered';
  }
  return new MethodNotAllowedError(request.method, path, allowed);
}
