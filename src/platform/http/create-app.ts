// Builds the HTTP application the same way for the server, the tests and the OpenAPI emitter.
import rateLimit from '@fastify/rate-limit';
import { type DynamicModule, HttpStatus, VersioningType } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { SwaggerModule } from '@nestjs/swagger';
import type { FastifyInstance } from 'fastify';
import { Logger } from 'nestjs-pino';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { AppConfig } from '../../config/app-config.js';
import { localise } from '../i18n/translate.js';
import { buildOpenApiDocument } from '../openapi/openapi.js';
import { PLATFORM_MESSAGES } from './problem-messages.js';
import { DomainError } from './problem.js';
import { sendSecurityHeaders } from './security-headers.js';
import { createValidationPipe } from './validation.js';

/** A client may send its own X-Request-Id (to correlate); anything odd is replaced rather than logged. */
const REQUEST_ID = /^[A-Za-z0-9._:-]{8,128}$/;

export function requestIdFor(raw: IncomingMessage): string {
  const offered = raw.headers['x-request-id'];
  const id = typeof offered === 'string' && REQUEST_ID.test(offered) ? offered : randomUUID();
  // pino-http reads `id` from the raw request, so the log lines and the problem bodies share it.
  (raw as IncomingMessage & { id?: string }).id = id;
  return id;
}

class RateLimitedError extends DomainError {
  constructor(max: number, seconds: number) {
    super('too-many-requests', HttpStatus.TOO_MANY_REQUESTS, localise(PLATFORM_MESSAGES, 'rate-limited', { max, seconds }));
  }
}

export interface CreateAppOptions {
  config: AppConfig;
  /** Build the module graph without instantiating providers (no database): for emitting OpenAPI. */
  preview?: boolean;
}

/** The HTTP application around `root` (the app module, passed in: platform knows no feature). */
export async function createApp(root: DynamicModule, options: CreateAppOptions): Promise<NestFastifyApplication> {
  const { config } = options;
  const adapter = new FastifyAdapter({
    bodyLimit: config.BODY_LIMIT_BYTES,
    trustProxy: config.TRUST_PROXY,
    genReqId: requestIdFor,
    logger: false,
  });
  const instance = adapter.getInstance() as unknown as FastifyInstance;
  const app = await NestFactory.create<NestFastifyApplication>(root, adapter, {
    bufferLogs: true,
    preview: options.preview ?? false,
    abortOnError: false,
  });
  if (!options.preview) app.useLogger(app.get(Logger));
  app.enableVersioning({ type: VersioningType.URI });
  app.useGlobalPipes(createValidationPipe());
  instance.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
  sendSecurityHeaders(instance, config.PUBLIC_BASE_URL);
  // Per client address, in this process; probes are exempt so an orchestrator never trips it.
  await app.register(rateLimit, {
    max: config.RATE_LIMIT_PER_MINUTE,
    timeWindow: 60_000,
    allowList: (request) => request.url.startsWith('/health/'),
    errorResponseBuilder: (_request, context) => new RateLimitedError(context.max, Math.ceil(context.ttl / 1000)),
  });
  SwaggerModule.setup('docs', app, () => buildOpenApiDocument(app, config), {
    jsonDocumentUrl: 'openapi.json',
    yamlDocumentUrl: 'openapi.yaml',
    customSiteTitle: 'kz-crypto-registry API',
  });
  return app;
}
