// Keys for e2e tests, made the way the CLI makes them (actor `cli`).
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Scope } from '../../src/auth/scopes.js';
import { ApiKeysService } from '../../src/api-keys/api-keys.service.js';

export async function createKey(app: NestFastifyApplication, scopes: Scope[], name = 'test key', rateLimitPerMinute?: number): Promise<{ id: string; key: string }> {
  const created = await app.get(ApiKeysService).create({ name, scopes, rateLimitPerMinute }, { keyId: 'cli', requestId: null });
  return { id: created.id, key: created.key };
}
