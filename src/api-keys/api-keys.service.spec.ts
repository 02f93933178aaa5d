import { describe, expect, it, jest } from '@jest/globals';
import { Logger } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import type { AuditService } from '../audit/audit.service.js';
import type { ApiKeyEntity } from './api-key.entity.js';
import { generateKey, newKeyId } from './api-key-format.js';
import type { ApiKeysRepository } from './api-keys.repository.js';
import { ApiKeysService, LAST_USED_EVERY_MS } from './api-keys.service.js';

function serviceWith(touch: (id: string) => Promise<void>, overrides: Partial<ApiKeyEntity> = {}) {
  const generated = generateKey();
  const entity: ApiKeyEntity = {
    id: generated.id,
    name: 'reader',
    secretHash: generated.secretHash,
    scopes: ['audit:read'],
    createdAt: new Date('2026-11-01T00:00:00Z'),
    createdBy: 'cli',
    expiresAt: null,
    revokedAt: null,
    lastUsedAt: null,
    rateLimitPerMinute: null,
    ...overrides,
  };
  const touched: string[] = [];
  const reads: string[] = [];
  const keys = {
    getById: async (id: string) => {
      reads.push(id);
      return id === entity.id ? entity : null;
    },
    touch: (id: string) => {
      touched.push(id);
      return touch(id);
    },
  } as unknown as ApiKeysRepository;
  const service = new ApiKeysService({} as DataSource, keys, {} as AuditService);
  return { service, key: generated.key, id: generated.id, touched, reads };
}

describe('ApiKeysService.authenticate', () => {
  it('does not wait for last_used_at: a key is accepted while the write is still pending', async () => {
    let finish!: () => void;
    const { service, key, id, touched } = serviceWith(() => new Promise<void>((done) => (finish = done)));
    await expect(service.authenticate(key, ['audit:read'])).resolves.toEqual({ id, scopes: ['audit:read'] });
    expect(touched).toEqual([id]);
    const shutdown = service.beforeApplicationShutdown();
    finish();
    await shutdown;
  });

  it('accepts the key when recording its use fails (a read-only database), and logs instead of throwing', async () => {
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    try {
      const { service, key, id } = serviceWith(() => Promise.reject(Object.assign(new Error('read-only'), { code: '25006' })));
      await expect(service.authenticate(key, ['audit:read'])).resolves.toEqual({ id, scopes: ['audit:read'] });
      await service.beforeApplicationShutdown();
      expect(warn.mock.calls).toEqual([
        [
          expect.objectContaining({ keyId: id, reason: 'The database is read-only (a standby, or default_transaction_read_only is on).' }),
          'Could not record when the API key was last used',
        ],
      ]);
    } finally {
      warn.mockRestore();
    }
  });

  it('records a key\'s use at most once a minute', async () => {
    const { service, key, id, touched } = serviceWith(async () => undefined);
    const start = new Date('2026-12-01T10:00:00Z');
    const at = (ms: number) => new Date(start.getTime() + ms);
    await service.authenticate(key, [], start);
    await service.authenticate(key, [], at(1000));
    await service.authenticate(key, [], at(LAST_USED_EVERY_MS - 1));
    expect(touched).toEqual([id]);
    await service.authenticate(key, [], at(LAST_USED_EVERY_MS));
    expect(touched).toEqual([id, id]);
  });
});

describe('ApiKeysService.limitOf', () => {
  it('gives a verified key its own limit, reading its row once per KEY_LIMIT_CACHE_MS', async () => {
    const { service, key, id, reads } = serviceWith(async () => undefined, { rateLimitPerMinute: 6000 });
    const start = new Date('2026-12-01T10:00:00Z');
    await expect(service.limitOf(key, start)).resolves.toEqual({ keyId: id, perMinute: 6000 });
    await expect(service.limitOf(key, start)).resolves.toEqual({ keyId: id, perMinute: 6000 });
    expect(reads).toEqual([id]);
  });

  it('gives none to a made-up token, a wrong secret for a real id, an unknown id, or a key without a limit', async () => {
    const { service, key, id, reads } = serviceWith(async () => undefined, { rateLimitPerMinute: 6000 });
    const otherSecret = generateKey(id).key;
    await expect(service.limitOf('kzr_made-up')).resolves.toBeUndefined();
    await expect(service.limitOf(otherSecret)).resolves.toBeUndefined();
    const unknown = generateKey(newKeyId()).key;
    await expect(service.limitOf(unknown)).resolves.toBeUndefined();
    await expect(service.limitOf(unknown)).resolves.toBeUndefined();
    // The well-formed ones were read once each (the unknown one remembered as absent); the real key still works.
    expect(reads).toEqual([id, unknown.slice(4, 16)]);
    await expect(service.limitOf(key)).resolves.toEqual({ keyId: id, perMinute: 6000 });
    const plain = serviceWith(async () => undefined);
    await expect(plain.service.limitOf(plain.key)).resolves.toBeUndefined();
  });

  it('gives none to a revoked or expired key', async () => {
    const revoked = serviceWith(async () => undefined, { rateLimitPerMinute: 6000, revokedAt: new Date('2026-11-02T00:00:00Z') });
    await expect(revoked.service.limitOf(revoked.key)).resolves.toBeUndefined();
    const expired = serviceWith(async () => undefined, { rateLimitPerMinute: 6000, expiresAt: new Date('2026-11-30T00:00:00Z') });
    await expect(expired.service.limitOf(expired.key, new Date('2026-12-01T00:00:00Z'))).resolves.toBeUndefined();
  });
});
