import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import type { AuditService } from '../../audit/audit.service.js';
import type { AppConfig } from '../../config/app-config.js';
import type { RegistryChangesService, RegistryEvent } from '../../platform/database/registry-changes.service.js';
import type { TransactionRunner } from '../../platform/database/transactions.js';
import type { BlocklistService } from '../blocklist.service.js';
import type { BlocklistPublicationEntity } from './publication.entity.js';
import { PublicationEvents } from './publication-events.js';
import type { PublicationSigner } from './publication-ports.js';
import type { PublicationRenderer } from './publication-renderer.js';
import type { PublicationsRepository } from './publications.repository.js';
import { PublisherService } from './publisher.service.js';

const DEBOUNCE_MS = 100;

/** A publisher whose lock another replica holds for the first `busy` attempts; the head is already published. */
function publisher(busy: number) {
  const attempts: boolean[] = [];
  const published = { serial: '7', publishedAt: new Date(), expiresAt: new Date(Date.now() + 24 * 3600_000), blockedEntities: null } as BlocklistPublicationEntity;
  const repository = {
    withPublisherLock: async <T>(work: () => Promise<T>) => {
      const ran = attempts.length >= busy;
      attempts.push(ran);
      return ran ? { ran: true as const, result: await work() } : { ran: false as const };
    },
    latest: async () => published,
  } as unknown as PublicationsRepository;
  const blocklist = { headSerial: async () => 7 } as unknown as BlocklistService;
  const listeners: ((event: RegistryEvent) => void)[] = [];
  const changes = { subscribe: (listener: (event: RegistryEvent) => void) => (listeners.push(listener), () => undefined) } as unknown as RegistryChangesService;
  const config = {
    PUBLISHER: true,
    PUBLISH_DEBOUNCE_MS: DEBOUNCE_MS,
    PUBLICATION_EXPIRY_HOURS: 24,
    PUBLICATION_MIN_POLL_SECONDS: 60,
    PUBLICATION_RETAIN: 100,
    PUBLICATIONS_DIR: '/nonexistent',
  } as Pick<AppConfig, 'PUBLISHER' | 'PUBLISH_DEBOUNCE_MS' | 'PUBLICATION_EXPIRY_HOURS' | 'PUBLICATION_MIN_POLL_SECONDS' | 'PUBLICATION_RETAIN' | 'PUBLICATIONS_DIR'>;
  const service = new PublisherService(
    repository,
    {} as PublicationRenderer,
    blocklist,
    {} as AuditService,
    {} as TransactionRunner,
    changes,
    new PublicationEvents(),
    {} as PublicationSigner,
    config,
  );
  return { service, attempts };
}

describe('PublisherService with the lock held by another replica', () => {
  beforeEach(() => {
    jest.useFakeTimers();
  });
  afterEach(() => {
    jest.useRealTimers();
  });

  it('tries again every second while the lock is taken, and stops once it holds it and finds nothing due', async () => {
    const { service, attempts } = publisher(3);
    service.onApplicationBootstrap();
    await jest.advanceTimersByTimeAsync(DEBOUNCE_MS);
    expect(attempts).toEqual([false]);
    await jest.advanceTimersByTimeAsync(1000);
    expect(attempts).toEqual([false, false]);
    await jest.advanceTimersByTimeAsync(2000);
    expect(attempts).toEqual([false, false, false, true]);
    // Nothing more until the sweep (a minute) or a change.
    await jest.advanceTimersByTimeAsync(50_000);
    expect(attempts).toEqual([false, false, false, true]);
    await service.onModuleDestroy();
  });

  it('does not try again when it held the lock the first time', async () => {
    const { service, attempts } = publisher(0);
    service.onApplicationBootstrap();
    await jest.advanceTimersByTimeAsync(DEBOUNCE_MS + 5000);
    expect(attempts).toEqual([true]);
    await service.onModuleDestroy();
  });
});
