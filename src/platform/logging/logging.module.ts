// Structured JSON logs (pino): Nest's own lines through nestjs-pino, each request by one hook (request-log.ts);
// secrets are redacted before they are written.
import { Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { pino } from 'pino';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import { pinoOptions } from './pino-options.js';

@Module({
  imports: [
    LoggerModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        // No per-request middleware: it ran for every request (6 % of a check's CPU, 3 % more for Nest's middleware
        // runner, in issue 9's profile) to give each line of a request its id, and a request logs one line, written
        // by the onResponse hook of request-log.ts with the id in it.
        forRoutes: [],
        pinoHttp: [
          // The lines are written as they are logged: pino-http's request serializers are not needed.
          { ...pinoOptions(config), wrapSerializers: false },
          // Buffered: a write to stdout per line would block the event loop under load when every request is
          // logged. pino flushes it on exit (process.exit included); a SIGKILL loses the last few kilobytes.
          pino.destination({ dest: 1, sync: false }),
        ],
      }),
    }),
  ],
})
export class LoggingModule {}
