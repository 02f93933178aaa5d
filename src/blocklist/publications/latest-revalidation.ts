// The revalidation of `latest` (If-None-Match naming the latest manifest, no `wait`), answered 304 before Nest's
// routing: the one request every ISP resolver makes every minute. The same answer as the controller's, from the
// same in-memory latest; anything else (a newer publication, a long-poll, a stale cache) goes on to the controller.
import { Injectable, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { answerBeforeRouting } from '../../platform/http/answer-before-routing.js';
import { PublicationsService } from './publications.service.js';

const LATEST_ROUTES = ['/v1/blocklist/latest/manifest.json', '/v1/blocklist/latest/manifest.json.sig', '/v1/blocklist/latest/manifest.jws'];

@Injectable()
export class LatestRevalidation implements OnModuleInit {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly publications: PublicationsService,
  ) {}

  onModuleInit(): void {
    answerBeforeRouting(this.adapterHost, LATEST_ROUTES, (request, reply) => {
      if ((request.query as { wait?: unknown }).wait !== undefined) return false;
      const notModified = this.publications.notModifiedLatest(request.headers['if-none-match']);
      if (!notModified) return false;
      reply.code(304).headers(notModified).send();
      return true;
    });
  }
}
