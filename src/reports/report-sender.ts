// Who sends a report, as both doors (POST /v1/reports and the web form) know them: the address, and the count of its
// hour in the platform's rate-limit store (in Redis with REDIS_URL), whose state the reply's RateLimit fields tell as
// a third policy, `reports`, next to the request's own `per-address` one: a client reading them sees both quotas.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { BucketState } from '../platform/http/rate-limit.js';
import { HOUR_SECONDS } from './report-guard.js';

export interface ReportSender {
  ip: string;
  /** Counts one report in the hour of the address known by `tag`, at most `perHour` an hour. */
  countHour(tag: string, perHour: number): Promise<BucketState | undefined>;
}

export function reportSender(request: FastifyRequest, reply: FastifyReply): ReportSender {
  return {
    ip: request.ip,
    countHour: (tag, perHour) =>
      request.server.rateLimits.stateAfter(request, reply, { policy: 'reports', key: `reports:${tag}`, max: perHour, windowSeconds: HOUR_SECONDS }),
  };
}
