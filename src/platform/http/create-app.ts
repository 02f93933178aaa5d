// Builds the HTTP application the same way for the server, the tests and the OpenAPI emitter.
import fastifyCors from '@fastify/cors';
import fastifyView, { type FastifyViewOptions } from '@fastify/view';
import { type DynamicModule, HttpStatus, Logger as NestLogger, VersioningType } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Redis } from 'ioredis';
import { Logger } from 'nestjs-pino';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { AppConfig } from '../../config/app-config.js';
import { localise } from '../i18n/translate.js';
import { requestLogger } from '../logging/request-log.js';
import { MetricsService } from '../metrics/metrics.service.js';
import type { RequestObserver } from '../metrics/request-metrics.js';
import { buildOpenApiDocument } from '../openapi/openapi.js';
import { REDIS } from '../redis/redis.module.js';
import { documentPlatformRefusals } from './api-problems.decorator.js';
import { registerCsvBodies, registerFormBodies, registerJsonOnly } from './body-parsers.js';
import { problemClientErrorHandler } from './client-errors.js';
import { corsFor, isAdminPath } from './cors.js';
import { MAX_PARAM_LENGTH } from './http-limits.js';
import { DOCS_PATH, OPENAPI_JSON_PATH, registerHome } from './home.js';
import { type ProblemTypes, registerProblemPages } from './problem-pages.js';
import { answerError } from './problem.filter.js';
import { PLATFORM_MESSAGES } from './problem-messages.js';
import { DomainError } from './problem.js';
import { bucketOf, KEYED_RATE_LIMITS, type KeyedRateLimits, registerRateLimits } from './rate-limit.js';
import { answerLateRequests } from './request-deadline.js';
import { refuseUnstorableText, unstorableInUrl } from './request-text.js';
import { answerUnrouted, trackRoutes } from './routing.js';
import { DrainingFastifyAdapter } from './connection-drain.js';
import { applySecurityHeaders } from './security-headers.js';
import { createValidationPipe } from './validation.js';

/** A client may send its own X-Request-Id (to correlate); anything odd is replaced rather than logged. */
const REQUEST_ID = /^[A-Za-z0-9._:-]{8,128}$/;

export function requestIdFor(raw: IncomingMessage): string {
  const offered = raw.headers['x-request-id'];
  return typeof offered === 'string' && REQUEST_ID.test(offered) ? offered : randomUUID();
}

/** HTTP/1.1 requires Host (RFC 9112 section 3.2); Node would refuse it with an empty 400 of its own. */
class MissingHostError extends DomainError {
  constructor() {
    super('missing-host', HttpStatus.BAD_REQUEST, localise(PLATFORM_MESSAGES, 'missing-host'));
  }
}

/** TRUST_PROXY for Fastify: a hop count becomes "the first n hops from this server" (what Fastify does with a number). */
function trustedHops(trust: AppConfig['TRUST_PROXY']): boolean | string[] | ((address: string, hop: number) => boolean) {
  return typeof trust === 'number' ? (_address, hop) => hop < trust : trust;
}

export interface CreateAppOptions {
  config: AppConfig;
  /** Build the module graph without instantiating providers (no database): for emitting OpenAPI. */
  preview?: boolean;
  /** The page behind each problem `type` URI (`/problems/<code>`). */
  problemTypes: ProblemTypes;
  /** @fastify/view's options (engine, templates, layout) for the server-rendered pages. */
  views?: FastifyViewOptions;
}

/** The HTTP application around `root` (the app module, passed in: platform knows no feature). */
export async function createApp(root: DynamicModule, options: CreateAppOptions): Promise<NestFastifyApplication> {
  const { config } = options;
  const publicBase = new URL(config.PUBLIC_BASE_URL);
  const adapter = new DrainingFastifyAdapter({
    bodyLimit: config.BODY_LIMIT_BYTES,
    // Only the hops TRUST_PROXY names may say who the client is (request.ip, the rate limit's key) and whether it
    // came over TLS (request.protocol, the security headers).
    trustProxy: trustedHops(config.TRUST_PROXY),
    genReqId: requestIdFor,
    logger: false,
    routerOptions: { maxParamLength: MAX_PARAM_LENGTH },
    // The HTTP server's own refusals and the router's are problem+json too, with a request id.
    clientErrorHandler: problemClientErrorHandler(config.PUBLIC_BASE_URL),
    frameworkErrors: (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
      reply.header('x-request-id', request.id);
      applySecurityHeaders(request, reply, publicBase);
      answerError(error, request, reply, config);
    },
    // While closing, a request on an open connection is answered in full, with Connection: close (connection-drain.ts).
    return503OnClosing: false,
    // A request must arrive in full within HTTP_BODY_TIMEOUT_MS, else 408 (Node reads it when the server is made,
    // hence twice; it looks for late requests once a second rather than its default 30).
    requestTimeout: config.HTTP_BODY_TIMEOUT_MS,
    http: { requireHostHeader: false, requestTimeout: config.HTTP_BODY_TIMEOUT_MS, connectionsCheckingInterval: 1000 },
    // No Nest middleware anywhere (logging.module.ts has none): without middie, no middleware runner per request.
    skipMiddie: true,
  });
  const instance = adapter.getInstance() as unknown as FastifyInstance;
  const allowedMethods = trackRoutes(instance, (error, request, reply) => answerError(error, request, reply, config));
  refuseUnstorableText(instance);
  const app = await NestFactory.create<NestFastifyApplication>(root, adapter, {
    bufferLogs: true,
    preview: options.preview ?? false,
    abortOnError: false,
    // JSON only: registered below in place of Nest's JSON and form parsers and Fastify's text/plain one.
    bodyParser: false,
  });
  // Closing (app.close(), on SIGTERM): no new connection is taken from its start (the adapter's beforeClose); Nest's
  // destroy hooks release long-polls; every request already on a connection is answered (connection-drain.ts); the
  // pool closes after.
  const drain = adapter.connections;
  instance.addHook('preClose', async () => {
    const cut = await drain.drain(instance.server, config.SHUTDOWN_TIMEOUT_MS);
    if (cut > 0) new NestLogger('Shutdown').warn({ cut, deadlineMs: config.SHUTDOWN_TIMEOUT_MS }, 'Cut connections still open at SHUTDOWN_TIMEOUT_MS');
  });
  let log: ((request: FastifyRequest, reply: FastifyReply) => void) | null = null;
  let observe: RequestObserver | null = null;
  if (!options.preview) {
    app.useLogger(app.get(Logger));
    log = requestLogger(config);
    observe = app.get(MetricsService).observeRequest;
  }
  // What every finished request gets, in one hook (a hook each cost a hop per request): the drain's bookkeeping, the
  // log line, and the metrics' observation, whose route label is the template Fastify matched (`/v1/firms/:id`),
  // never the path a client sent.
  instance.addHook('onResponse', (request, reply, done) => {
    drain.finished(reply.raw);
    log?.(request, reply);
    observe?.(request.method, request.routeOptions.url, reply.statusCode, reply.elapsedTime / 1000);
    done();
  });
  app.enableVersioning({ type: VersioningType.URI });
  app.useGlobalPipes(createValidationPipe());
  // Registered on Fastify itself rather than through app.enableCors(), whose adapter copies the CORS headers onto the
  // raw response for middleware (there is none), which costs every response a slower write of all its headers.
  await app.register(fastifyCors, { delegator: corsFor });
  registerJsonOnly(instance, config.BODY_LIMIT_BYTES);
  registerFormBodies(instance, config.BODY_LIMIT_BYTES);
  registerCsvBodies(instance, config.BODY_LIMIT_BYTES);
  if (options.views) await app.register(fastifyView, options.views);
  answerLateRequests(instance, config.HTTP_REQUEST_TIMEOUT_MS);
  // Per client address (or verified key with a limit of its own), in this process or with REDIS_URL across replicas
  // (the app's one client, platform/redis, which the root module imports); probes are exempt so an orchestrator never
  // trips it. No Redis for the OpenAPI emitter, which serves nothing.
  const redis = options.preview ? undefined : (app.get<Redis | null>(REDIS, { strict: false }) ?? undefined);
  const limits = await registerRateLimits(instance, redis);
  const keyed = options.preview ? undefined : app.get<KeyedRateLimits>(KEYED_RATE_LIMITS, { strict: false });
  const route = (request: FastifyRequest, reply: FastifyReply, done: (error?: Error) => void) => {
    const unrouted = answerUnrouted(request, reply, allowedMethods);
    if (unrouted === 'answered') return;
    done(unrouted ?? unstorableInUrl(request));
  };
  // What every request gets, answers and problems alike, in one hook (after CORS, which the adapter runs first): an
  // async hook per concern cost a promise and a hop each, which issue 9 measured on every check. The rate limit's
  // store is the one await (a promise from @fastify/rate-limit, resolved at once by its in-memory store).
  instance.addHook('onRequest', (request, reply, done) => {
    reply.header('x-request-id', request.id);
    applySecurityHeaders(request, reply, publicBase);
    // Operators' answers (keys among them) are never kept by a browser or a proxy, errors included.
    if (isAdminPath(request.url)) reply.header('cache-control', 'no-store');
    drain.admit(reply.raw);
    if (request.raw.httpVersion === '1.1' && request.headers.host === undefined) return done(new MissingHostError());
    if (request.url.startsWith('/health/')) return route(request, reply, done);
    const bucket = bucketOf(request, config.RATE_LIMIT_PER_MINUTE, keyed);
    const counted = bucket instanceof Promise ? bucket.then((b) => limits.count(request, reply, b)) : limits.count(request, reply, bucket);
    counted
      .then((limited) => (limited ? done(limited) : route(request, reply, done)), done)
      // A throw inside routing would otherwise be an unhandled rejection, which ends the process.
      .catch((error: Error) => reply.sent || done(error));
  });

  let document: OpenAPIObject | undefined;
  const openApi = () => (document ??= documentPlatformRefusals(buildOpenApiDocument(app, config)));
  SwaggerModule.setup(DOCS_PATH.slice(1), app, openApi, {
    jsonDocumentUrl: OPENAPI_JSON_PATH.slice(1),
    yamlDocumentUrl: 'openapi.yaml',
    customSiteTitle: 'kz-crypto-registry API',
  });
  registerHome(instance, openApi);
  registerProblemPages(instance, options.problemTypes);
  return app;
}
