// A repeated check (the same q in the same language, its answer kept for the index in force) answered before Nest's
// routing, the way the latest manifest's revalidation is: the hottest public route's commonest request skips the
// router, the guard and the pipe, and gets the controller's very answer and headers. Anything else (a first asking, a
// request with a key, which is the guard's to read, a query the hand-check refuses, an index still catching up with a
// write) goes on to the controller.
import { Injectable, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { answerBeforeRouting } from '../platform/http/answer-before-routing.js';
import { withAnswerHeaders } from './check-reply.js';
import { checkQuery } from './check.dto.js';
import { CheckService } from './check.service.js';

@Injectable()
export class KeptAnswers implements OnModuleInit {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly checks: CheckService,
  ) {}

  onModuleInit(): void {
    answerBeforeRouting(this.adapterHost, ['/v1/check'], (request, reply) => {
      if (request.headers.authorization !== undefined) return false;
      let kept;
      try {
        kept = this.checks.keptAnswer(checkQuery(request.query), request.headers['accept-language']);
      } catch {
        // The controller refuses it, in the one error shape.
        return false;
      }
      if (!kept) return false;
      withAnswerHeaders(reply, kept.lang).send(kept.json);
      return true;
    });
  }
}
