// Anonymous single verifications are limited per address (VERIFICATIONS_PER_MINUTE), tighter than the API's general
// limit: a verification is a few queries and a signature, and a bank doing real volume has a key. Runs after the
// API-key guard, so a request with a bank key is known here and not counted. Counted in the platform's store (shared
// by the replicas with REDIS_URL), its state in the same RateLimit fields as a second policy, `verifications`.
import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { AuthenticatedRequest } from '../auth/actor.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { addressBucket } from '../platform/http/rate-limit.js';

@Injectable()
export class AnonymousVerificationLimit implements CanActivate {
  constructor(
    @Inject(APP_CONFIG) private readonly config: Pick<AppConfig, 'VERIFICATIONS_PER_MINUTE'>,
    private readonly adapterHost: HttpAdapterHost,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const http = context.switchToHttp();
    const request = http.getRequest<AuthenticatedRequest>();
    if (request.apiKey) return true;
    const limits = this.adapterHost.httpAdapter.getInstance<FastifyInstance>().rateLimits;
    const bucket = addressBucket(request.ip, this.config.VERIFICATIONS_PER_MINUTE, 'verifications');
    const limited = await limits.count(request, http.getResponse<FastifyReply>(), bucket);
    if (limited) throw limited;
    return true;
  }
}
