// Structured JSON logs (pino) with the request id on every line; secrets are redacted before they are written.
import { Module, RequestMethod } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import { pinoOptions } from './pino-options.js';

@Module({
  imports: [
    LoggerModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        // nestjs-pino's default route pattern does not match under Nest 12 on Fastify: name every route explicitly.
        forRoutes: [{ path: '*path', method: RequestMethod.ALL }],
        pinoHttp: {
          ...pinoOptions(config),
          // Fastify made the id (honouring X-Request-Id) and put it on the raw request: reuse it.
          genReqId: (req) => (req as { id?: string }).id ?? 'unknown',
          autoLogging: { ignore: (req) => (req.url ?? '').startsWith('/health') },
          customLogLevel: (_req, res, err) => (err || res.statusCode >= 500 ? 'error' : 'info'),
          serializers: {
            req: (req: { id: string; method: string; url: string }) => ({
              id: req.id,
              method: req.method,
              url: stripQuery(req.url),
            }),
            res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
          },
        },
      }),
    }),
  ],
})
export class LoggingModule {}

/** Query strings can carry anything a client typed, keys included: log the path only. */
export function stripQuery(url: string | undefined): string {
  return (url ?? '').split('?')[0] ?? '';
}
