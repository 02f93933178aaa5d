// The real application on a database of its own, through the real Fastify stack.
import 'reflect-metadata';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { type AppConfig, parseConfig } from '../../src/config/app-config.js';
import { createRegistryApp } from '../../src/app.js';
import { cloneTemplate } from './database.js';

export interface TestApp {
  app: NestFastifyApplication;
  /** For supertest: request(t.server). */
  server: NestFastifyApplication['getHttpServer'] extends () => infer S ? S : never;
  /** A superuser's URL of the app's database, for the test's own SQL (the app itself serves as the service role). */
  databaseUrl: string;
  /** The service role's URL the app serves with. */
  serviceUrl: string;
  /** The schema owner's URL the app migrated with. */
  ownerUrl: string;
  close(): Promise<void>;
}

export async function createTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const database = await cloneTemplate();
  const config: AppConfig = parseConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', LOAD_DEMO_DATA: 'false', ...env });
  const app = await createRegistryApp({ config, databaseUrl: database.serviceUrl, migrationDatabaseUrl: database.ownerUrl });
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return {
    app,
    server: app.getHttpServer(),
    databaseUrl: database.url,
    serviceUrl: database.serviceUrl,
    ownerUrl: database.ownerUrl,
    close: async () => {
      await app.close();
      await database.drop();
    },
  };
}
