// The whole-request bound (HTTP_REQUEST_TIMEOUT_MS): a request not answered within it gets a 503 problem instead of
// holding its client for as long as the slowest thing behind it. Fastify 5.12's own `handlerTimeout` would do this,
// but it stops timing a request once its body has been read (it takes the raw request's 'close' for a disconnect:
// fastify/fastify#6725, open), so the requests this matters for most, writes, would run unbounded.
import { HttpStatus } from '@nestjs/common';
import type { FastifyInstance } from 'fastify';
import { localise } from '../i18n/translate.js';
import { PLATFORM_MESSAGES } from './problem-messages.js';
import { DomainError } from './problem.js';

export class ResponseTimeoutError extends DomainError {
  constructor(ms: number) {
    super('response-timeout', HttpStatus.SERVICE_UNAVAILABLE, localise(PLATFORM_MESSAGES, 'response-timeout', { seconds: ms / 1000 }), {}, {
      'retry-after': '5',
    });
  }
}

const DEADLINE = Symbol('request deadline');

/**
 * The work behind a late answer is not cancelled: a write may still commit, which the problem says. The statement and
 * lock bounds of the database, shorter than this one, are what normally end a stuck request.
 */
export function answerLateRequests(instance: FastifyInstance, ms: number): void {
  if (ms <= 0) return;
  instance.decorateRequest(DEADLINE, null);
  instance.addHook('onRequest', (request, reply, done) => {
    const timer = setTimeout(() => {
      if (!reply.sent && !reply.raw.headersSent) reply.send(new ResponseTimeoutError(ms));
    }, ms);
    timer.unref();
    (request as unknown as Record<symbol, NodeJS.Timeout>)[DEADLINE] = timer;
    done();
  });
  instance.addHook('onResponse', (request, _reply, done) => {
    clearTimeout((request as unknown as Record<symbol, NodeJS.Timeout | null>)[DEADLINE] ?? undefined);
    done();
  });
}
