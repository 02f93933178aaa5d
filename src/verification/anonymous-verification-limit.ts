// Anonymous single verifications are limited per address (VERIFICATIONS_PER_MINUTE), tighter than the API's general
// limit: a verification is a few queries and a signature, and a bank doing real volume has a key. Runs after the
// API-key guard, so a request with a bank key is known here and not counted.
import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { AuthenticatedRequest } from '../auth/actor.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { RateLimiter } from '../platform/http/rate-limit.js';

@Injectable()
export class AnonymousVerificationLimit implements CanActivate {
  private readonly limiter: RateLimiter;

  constructor(@Inject(APP_CONFIG) config: Pick<AppConfig, 'VERIFICATIONS_PER_MINUTE'>) {
    this.limiter = new RateLimiter({ max: config.VERIFICATIONS_PER_MINUTE, windowMs: 60_000, exempt: () => false });
  }

  canActivate(context: ExecutionContext): boolean {
    const http = context.switchToHttp();
    const request = http.getRequest<AuthenticatedRequest>();
    if (request.apiKey) return true;
    const limited = this.limiter.take(request, http.getResponse<FastifyReply>());
    if (limited) throw limited;
    return true;
  }
}
