import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import type { RegistryChangesService } from '../../platform/database/registry-changes.service.js';
import type { BlocklistPublicationEntity } from './publication.entity.js';
import type { PublicationEvents } from './publication-events.js';
import type { PublicationSigner } from './publication-ports.js';
import type { PublicationRenderer } from './publication-renderer.js';
import { PublicationExpiredProblem } from './publications.errors.js';
import type { PublicationsRepository } from './publications.repository.js';
import { PublicationsService } from './publications.service.js';

const T0 = Date.parse('2026-12-02T12:00:00Z');
const refused = () => Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });

const publication = (serial: number, expiresAt: Date): BlocklistPublicationEntity =>
  ({
    serial: String(serial),
    expiresAt,
    publishedAt: new Date(T0 - 3600_000),
    manifest: Buffer.from(`{"serial":${serial}}`),
    manifestSha256: 'a'.repeat(64),
    signature: Buffer.alloc(64),
    jws: 'jws',
    files: [],
  }) as unknown as BlocklistPublicationEntity;

/** A repository whose every read answers what `state` says now: the publication, an error, or nothing ever. */
function fakeRepository(state: { latest: BlocklistPublicationEntity | null; fails: Error | 'hang' | null; reads: number }) {
  const read = <T>(value: () => T): Promise<T> => {
    state.reads += 1;
    if (state.fails === 'hang') return new Promise<T>(() => undefined);
    return state.fails ? Promise.reject(state.fails) : Promise.resolve(value());
  };
  return {
    latest: () => read(() => state.latest),
    newestSerials: () => read(() => (state.latest ? [Number(state.latest.serial)] : [])),
    bySerial: (serial: number) => read(() => (state.latest && Number(state.latest.serial) === serial ? state.latest : null)),
  } as unknown as PublicationsRepository;
}

function service(state: Parameters<typeof fakeRepository>[0]): PublicationsService {
  return new PublicationsService(
    fakeRepository(state),
    { dir: '/nonexistent' } as unknown as PublicationRenderer,
    { onPublished: () => () => undefined } as unknown as PublicationEvents,
    { subscribe: () => () => undefined } as unknown as RegistryChangesService,
    {} as PublicationSigner,
    { PUBLICATION_RETAIN: 10, HTTP_REQUEST_TIMEOUT_MS: 60_000, PUBLICATION_MAX_DELTA_ENTRIES: 1000, PUBLICATION_DELTA_CACHE_MB: 1 },
  );
}

describe('PublicationsService while the database cannot be read', () => {
  beforeEach(() => {
    jest.useFakeTimers({ now: T0 });
  });
  afterEach(() => {
    jest.useRealTimers();
  });

  it('serves the latest it holds with its Age, byte for byte, until the publication expires, then 503 with Retry-After', async () => {
    const expiresAt = new Date(T0 + 60_000);
    const state = { latest: publication(7, expiresAt), fails: null as Error | 'hang' | null, reads: 0 };
    const publications = service(state);
    const fresh = await publications.latestManifest('json', undefined);
    expect(fresh).toMatchObject({ status: 200, body: state.latest.manifest });
    expect(fresh.headers).not.toHaveProperty('age');

    state.fails = refused();
    jest.setSystemTime(T0 + 12_500);
    expect(await publications.latestManifest('json', undefined)).toEqual({ ...fresh, headers: { ...fresh.headers, age: '12' } });
    expect(await publications.manifest(7, 'sig', undefined)).toMatchObject({ status: 200, headers: { age: '12', 'cache-control': 'public, max-age=31536000, immutable' } });
    expect(await publications.latestManifest('json', '"' + 'a'.repeat(64) + '"')).toMatchObject({ status: 304, headers: { age: '12' } });

    jest.setSystemTime(expiresAt.getTime());
    const expired = await publications.latestManifest('json', undefined).catch((e: unknown) => e);
    expect(expired).toBeInstanceOf(PublicationExpiredProblem);
    expect(expired).toMatchObject({ status: 503, code: 'publication-expired', headers: { 'retry-after': '10' }, extensions: { serial: 7, expiresAt: expiresAt.toISOString() } });

    // The database back: the latest read again, no Age.
    state.fails = null;
    const back = await publications.latestManifest('json', undefined);
    expect(back.headers).not.toHaveProperty('age');
  });

  it('after one failed read answers at once from memory, one read trying again in the background (a frozen database costs one request its bound)', async () => {
    const state = { latest: publication(3, new Date(T0 + 3600_000)), fails: null as Error | 'hang' | null, reads: 0 };
    const publications = service(state);
    await publications.latestManifest('json', undefined);
    state.fails = refused();
    jest.setSystemTime(T0 + 2000);
    await publications.latestManifest('json', undefined);
    state.fails = 'hang';
    const readsBefore = state.reads;
    jest.setSystemTime(T0 + 5000);
    const answers = await Promise.all([0, 1, 2].map(() => publications.latestManifest('json', undefined)));
    for (const answer of answers) expect(answer.headers.age).toBe('5');
    // One refresh (latest and the window) for the three requests, not one each.
    expect(state.reads - readsBefore).toBe(2);
  });

  it('does not hide an error that is not the database\'s, nor serve a serial it does not hold', async () => {
    const state = { latest: publication(5, new Date(T0 + 3600_000)), fails: null as Error | 'hang' | null, reads: 0 };
    const publications = service(state);
    await publications.latestManifest('json', undefined);
    jest.setSystemTime(T0 + 2000);
    state.fails = new TypeError('a bug');
    await expect(publications.latestManifest('json', undefined)).rejects.toThrow('a bug');
    state.fails = refused();
    await expect(publications.manifest(4, 'json', undefined)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });

  it('does not say "not published yet" from memory: with nothing published when it last read, the database\'s error', async () => {
    const state = { latest: null as BlocklistPublicationEntity | null, fails: null as Error | 'hang' | null, reads: 0 };
    const publications = service(state);
    await expect(publications.latestManifest('json', undefined)).rejects.toMatchObject({ code: 'publication-not-found' });
    jest.setSystemTime(T0 + 2000);
    state.fails = refused();
    await expect(publications.latestManifest('json', undefined)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    await expect(publications.latestManifest('json', undefined)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });
});
