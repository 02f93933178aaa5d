// The revalidation of `latest` (If-None-Match naming the latest manifest, no `wait`), answered 304 before Nest's
// routing: the one request every ISP resolver makes every minute. The same answer as the controller's, from the
// same in-memory latest; anything else (a newer publication, a long-poll, a stale cache) goes on to the controller.
import { Injectable, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import { PublicationsService } from './publications.service.js';

const LATEST_ROUTES = new Set(['/v1/blocklist/latest/manifest.json', '/v1/blocklist/latest/manifest.json.sig', '/v1/blocklist/latest/manifest.jws']);

@Injectable()
export class LatestRevalidation implements OnModuleInit {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly publications: PublicationsService,
  ) {}

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter?.getInstance<FastifyInstance>();
    if (!fastify) return;
    fastify.addHook('onRequest', (request, reply, done) => {
      if (request.method !== 'GET' || !LATEST_ROUTES.has(request.routeOptions.url ?? '')) return done();
      if ((request.query as { wait?: unknown }).wait !== undefined) return done();
      const notModified = this.publications.notModifiedLatest(request.headers['if-none-match']);
      if (!notModified) return done();
      reply.code(304).headers(notModified).send();
    });
  }
}
