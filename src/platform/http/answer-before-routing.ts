// Answers a feature's commonest request straight from memory, before Nest's routing (its router, guard, pipe and
// interceptors), after the platform's own request hook (request id, security headers, rate limit, CORS): the
// latest manifest's revalidation, a repeated check. A request the feature does not answer goes on to its controller.
import type { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/**
 * For GET requests to `routes` (route patterns as registered), `answer` either sends the reply and returns true, or
 * returns false to leave the request to the controller. Nothing is registered where there is no HTTP server (the CLI).
 */
export function answerBeforeRouting(
  adapterHost: HttpAdapterHost,
  routes: readonly string[],
  answer: (request: FastifyRequest, reply: FastifyReply) => boolean,
): void {
  const fastify = adapterHost.httpAdapter?.getInstance<FastifyInstance>();
  if (!fastify) return;
  const answered = new Set(routes);
  fastify.addHook('onRequest', (request, reply, done) => {
    if (request.method !== 'GET' || !answered.has(request.routeOptions.url ?? '') || !answer(request, reply)) done();
  });
}
