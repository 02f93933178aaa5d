// One log line per request, written when its response is finished: errors and slow requests always, with their
// request id; the others sampled at info (LOG_REQUEST_SAMPLE_RATE) and the rest at debug.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { PinoLogger } from 'nestjs-pino';
import type { AppConfig } from '../../config/app-config.js';

export type RequestLogLevel = 'error' | 'warn' | 'info' | 'debug';

export interface RequestLogPolicy {
  /** At or above this many milliseconds a request is logged at warn, whatever its status. */
  slowMs: number;
  /** The share (0 to 1) of the other requests logged at info; the rest go at debug. */
  sampleRate: number;
}

/** Decides the level of each finished request; deterministic (every n-th ordinary request), so tests can pin it. */
export class RequestLogSampler {
  private credit = 0;

  constructor(private readonly policy: RequestLogPolicy) {}

  levelFor(status: number, ms: number, probe: boolean): RequestLogLevel | null {
    if (status >= 500) return 'error';
    if (ms >= this.policy.slowMs) return 'warn';
    // Orchestrators call the probes every few seconds: only their failures and slowness are news.
    if (probe) return null;
    this.credit += this.policy.sampleRate;
    // The epsilon lets 100 steps of 0.01 add up to one.
    if (this.credit >= 1 - 1e-9) {
      this.credit -= 1;
      return 'info';
    }
    return 'debug';
  }
}

/** Query strings can carry anything a client typed, keys included: log the path only. */
export function stripQuery(url: string | undefined): string {
  const path = url ?? '';
  const query = path.indexOf('?');
  return query === -1 ? path : path.slice(0, query);
}

/** Writes a finished request's line, if the sampler says it is due one (called from the app's onResponse hook). */
export function requestLogger(config: Pick<AppConfig, 'LOG_SLOW_REQUEST_MS' | 'LOG_REQUEST_SAMPLE_RATE'>): (request: FastifyRequest, reply: FastifyReply) => void {
  // The root logger of nestjs-pino (logging.module.ts): the same destination and redaction as Nest's own lines.
  const logger = PinoLogger.root;
  const sampler = new RequestLogSampler({ slowMs: config.LOG_SLOW_REQUEST_MS, sampleRate: config.LOG_REQUEST_SAMPLE_RATE });
  return (request, reply) => {
    const level = sampler.levelFor(reply.statusCode, reply.elapsedTime, request.url.startsWith('/health/'));
    if (level && logger.isLevelEnabled(level)) {
      logger[level](
        {
          req: { id: request.id, method: request.method, url: stripQuery(request.url) },
          res: { statusCode: reply.statusCode },
          responseTime: Math.round(reply.elapsedTime),
        },
        'request completed',
      );
    }
  };
}
