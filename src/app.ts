// The registry's HTTP application: the app module inside the platform's HTTP stack (server, tests, OpenAPI emitter).
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppModule, type AppOptions } from './app.module.js';
import { createApp } from './platform/http/create-app.js';
import { PROBLEM_TYPES } from './problem-types.js';
import { webViews } from './web/web.module.js';

export function createRegistryApp(options: AppOptions & { preview?: boolean }): Promise<NestFastifyApplication> {
  return createApp(AppModule.register(options), { config: options.config, preview: options.preview, problemTypes: PROBLEM_TYPES, views: webViews() });
}
