// Serves publications: manifests (latest and per serial, with their signatures), files (pre-compressed, rendered again
// from the history when this replica lacks them) and deltas. Latest is read from memory, refreshed at most once a
// second, and at once when a publication commits (this process's, or another replica's as its notification arrives),
// so a conditional GET on latest costs no query and no replica serves the previous manifest as latest for long. While
// the database cannot be read, what is held in memory (the latest publication, its files, the deltas built) is served with an
// `Age` header until the latest's `expiresAt`, as the check answers from its index.
import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import { access, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import { databaseFault } from '../../platform/database/database-faults.js';
import { RegistryChangesService } from '../../platform/database/registry-changes.service.js';
import { ValidationProblem } from '../../platform/http/problem.js';
import { deltaBytesAsync } from './canonical-set.js';
import { sha256Hex } from './manifest.js';
import type { BlocklistPublicationEntity } from './publication.entity.js';
import { PublicationEvents } from './publication-events.js';
import { PUBLICATION_SIGNER, type PublicationSigner } from './publication-ports.js';
import { PublicationRenderer } from './publication-renderer.js';
import { publicationFolder, tidyPublications } from './publication-writer.js';
import {
  DeltaTooLargeProblem,
  deltaRangeMessage,
  EncodingNotAcceptableProblem,
  PublicationFileNotFoundProblem,
  PublicationFilesUnavailableProblem,
  PublicationExpiredProblem,
  PublicationGoneProblem,
  PublicationNotFoundProblem,
  SerialAheadProblem,
} from './publications.errors.js';
import { PublicationsRepository } from './publications.repository.js';
import { fileEtag, IMMUTABLE, noneMatch, preferredEncoding, REVALIDATE, type Served } from './served.js';

export type ManifestVariant = 'json' | 'sig' | 'jws';

const MEDIA: Record<ManifestVariant, string> = { json: 'application/json', sig: 'application/octet-stream', jws: 'application/jose' };
/** How old the in-memory latest may be before a request asks the database again. */
const LATEST_TTL_MS = 1000;
/**
 * How often waiting long-polls ask the database for a publication another replica made: the notification of its
 * insert releases them sooner; this covers a change listener that is reconnecting.
 */
const WAIT_POLL_MS = 1000;
const SUFFIX: Record<string, string> = { br: '.br', gzip: '.gz', identity: '' };
/** Retry-After of a publication past its expiry while the database cannot be read (the check's is the same). */
const EXPIRED_RETRY_AFTER_SECONDS = 10;

interface Current {
  latest: BlocklistPublicationEntity | null;
  /** Serials whose files and deltas are kept, newest first. */
  window: number[];
  readAt: number;
  /**
   * A publication was heard of since this was read: the next request reads the database again rather than answer
   * with it, though it stays what is held (with its age) while the database cannot be read.
   */
  superseded?: boolean;
}

/** What was read: `ageSeconds` is null when the database confirmed it just now, else how long ago it last did. */
interface Read extends Current {
  ageSeconds: number | null;
}

@Injectable()
export class PublicationsService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(PublicationsService.name);
  private current: Current | null = null;
  private refreshing: Promise<Current> | null = null;
  private readonly waiters = new Set<{ after: number; wake: (latest: BlocklistPublicationEntity | null) => void }>();
  private poll: NodeJS.Timeout | null = null;
  private readonly rendering = new Map<number, Promise<void>>();
  private readonly unrenderable = new Set<string>();
  private readonly deltas: LRUCache<string, { bytes: Buffer; signature: Buffer }>;
  private readonly unsubscribe: (() => void)[] = [];
  /** Counts the publications heard: a read that started before one is not kept as current. */
  private forgotten = 0;
  /**
   * Set when the last read of the database failed: requests are then answered from memory at once while one read at
   * a time tries again in the background, so a frozen database costs one request the statement bound, not each.
   */
  private failing = false;

  constructor(
    private readonly repository: PublicationsRepository,
    private readonly renderer: PublicationRenderer,
    private readonly events: PublicationEvents,
    private readonly changes: RegistryChangesService,
    @Inject(PUBLICATION_SIGNER) private readonly signer: PublicationSigner,
    @Inject(APP_CONFIG)
    private readonly config: Pick<AppConfig, 'PUBLICATION_RETAIN' | 'HTTP_REQUEST_TIMEOUT_MS' | 'PUBLICATION_MAX_DELTA_ENTRIES' | 'PUBLICATION_DELTA_CACHE_MB'>,
  ) {
    // Bounded by bytes, not by count: one delta may be megabytes.
    this.deltas = new LRUCache({
      max: 1024,
      maxSize: config.PUBLICATION_DELTA_CACHE_MB * 1024 * 1024,
      sizeCalculation: (delta) => delta.bytes.length + delta.signature.length,
    });
  }

  /** At start, before anything is written: the retention applied, and every `.tmp/` folder a crash left deleted. */
  async onModuleInit(): Promise<void> {
    try {
      const keep = new Set(await this.repository.newestSerials(this.config.PUBLICATION_RETAIN));
      const removed = await tidyPublications(this.renderer.dir, keep, 'all');
      if (removed.length > 0) this.logger.log({ removed }, 'Deleted folders of publications past the retained window and left by a crash');
    } catch (error) {
      this.logger.warn({ err: error }, 'Could not tidy the publications folder; it is tried again after the next publication');
    }
    this.unsubscribe.push(
      this.events.onPublished(() => this.forgetLatest()),
      this.changes.subscribe((event) => {
        // Another replica published (its insert's notification), or the listener is back and one may have meanwhile.
        if (event.type === 'listening' || (event.type === 'change' && !event.local && (event.table === null || event.table === 'blocklist_publications'))) {
          this.forgetLatest();
        }
      }),
    );
  }

  onModuleDestroy(): void {
    for (const unsubscribe of this.unsubscribe) unsubscribe();
    this.stopPolling();
    for (const waiter of this.waiters) waiter.wake(null);
    this.waiters.clear();
  }

  /** The latest manifest (or its signature, or JWS); with `waitSeconds`, a matching If-None-Match waits for a newer one. */
  async latestManifest(variant: ManifestVariant, ifNoneMatch: string | undefined, waitSeconds?: number): Promise<Served> {
    const read = await this.read();
    let latest = read.latest;
    if (!latest) throw new PublicationNotFoundProblem(null);
    if (noneMatch(ifNoneMatch, etagOf(latest))) {
      const newer = waitSeconds ? await this.waitForNewer(Number(latest.serial), this.waitMs(waitSeconds)) : null;
      if (!newer) return aged({ status: 304, headers: { etag: etagOf(latest), 'cache-control': REVALIDATE } }, read.ageSeconds);
      return manifestAnswer(newer, variant, REVALIDATE);
    }
    return aged(manifestAnswer(latest, variant, REVALIDATE), read.ageSeconds);
  }

  /**
   * The 304 headers when If-None-Match names the latest manifest as held in memory and fresh; null otherwise (ask
   * latestManifest, which reads the database when the memory is stale).
   */
  notModifiedLatest(ifNoneMatch: string | undefined): Record<string, string> | null {
    const current = this.current;
    if (!current?.latest || !fresh(current)) return null;
    const etag = etagOf(current.latest);
    return noneMatch(ifNoneMatch, etag) ? { etag, 'cache-control': REVALIDATE } : null;
  }

  async manifest(serial: number, variant: ManifestVariant, ifNoneMatch: string | undefined): Promise<Served> {
    const { publication, ageSeconds } = await this.bySerial(serial);
    if (!publication) throw await this.missing(serial);
    if (noneMatch(ifNoneMatch, etagOf(publication))) return aged({ status: 304, headers: { etag: etagOf(publication), 'cache-control': IMMUTABLE } }, ageSeconds);
    return aged(manifestAnswer(publication, variant, IMMUTABLE), ageSeconds);
  }

  /** A file of a retained publication, in the encoding Accept-Encoding prefers among those written beside it. */
  async file(serial: number, name: string, headers: { 'accept-encoding'?: string; 'if-none-match'?: string }): Promise<Served> {
    const { publication, ageSeconds } = await this.bySerial(serial);
    if (!publication) throw await this.missing(serial);
    const listed = publication.files.find((f) => f.name === name);
    if (!listed) throw new PublicationFileNotFoundProblem(serial, name);
    const { window } = await this.read();
    if (!window.includes(serial)) throw new PublicationGoneProblem(serial, Math.min(...window));
    const encoding = preferredEncoding(headers['accept-encoding']);
    if (!encoding) throw new EncodingNotAcceptableProblem();
    // The tag of the coding this request gets: a cache that holds another coding's bytes gets them again, not a 304.
    const etag = fileEtag(listed.sha256, encoding);
    const common = { etag, 'cache-control': IMMUTABLE, vary: 'Accept-Encoding' };
    if (noneMatch(headers['if-none-match'], etag)) return aged({ status: 304, headers: common }, ageSeconds);
    await this.ensureFile(publication, name);
    const path = join(publicationFolder(this.renderer.dir, serial), name) + SUFFIX[encoding];
    const size = encoding === 'identity' ? listed.size : (await stat(path)).size;
    return aged({
      status: 200,
      headers: {
        ...common,
        'content-type': listed.mediaType,
        'content-length': String(size),
        ...(encoding === 'identity' ? {} : { 'content-encoding': encoding }),
      },
      file: path,
    }, ageSeconds);
  }

  /**
   * For the metrics: the latest publication's serial and when it was published, as this process holds it (kept
   * current by requests and by publications' notifications; an older copy is read again in the background). A scrape
   * never waits for the database once something is held: a database that stopped answering must not time out the
   * whole scrape, pool gauges included, just when they matter.
   */
  async latestPublished(): Promise<{ serial: number; publishedAt: Date } | null> {
    const current = this.current;
    if (current && !fresh(current)) this.refreshInBackground();
    const latest = current ? current.latest : await this.read().then((read) => read.latest, () => null);
    return latest && { serial: Number(latest.serial), publishedAt: latest.publishedAt };
  }

  /** The delta from publication `from` to the latest, naming its immutable URL. */
  async delta(from: number): Promise<Served> {
    const { latest, window, ageSeconds } = await this.read();
    if (!latest) throw new PublicationNotFoundProblem(null);
    const to = Number(latest.serial);
    if (from > to) throw new SerialAheadProblem(from, to);
    const delta = await this.deltaBetween(from, latest, window);
    return aged({
      status: 200,
      headers: {
        'content-type': 'application/json',
        'content-location': `/v1/blocklist/deltas/${from}-${to}.json`,
        etag: `"${sha256Hex(delta.bytes)}"`,
        'cache-control': REVALIDATE,
      },
      body: delta.bytes,
    }, ageSeconds);
  }

  /** The immutable delta between two publications (or its detached signature). */
  async deltaFile(from: number, to: number, signature: boolean): Promise<Served> {
    if (from > to) throw new ValidationProblem([{ field: 'name', messages: [deltaRangeMessage(from, to)] }]);
    const { latest, window, ageSeconds } = await this.read();
    if (!latest) throw new PublicationNotFoundProblem(null);
    if (to > Number(latest.serial)) throw new SerialAheadProblem(to, Number(latest.serial));
    const { publication: target } = await this.bySerial(to);
    if (!target) throw await this.missing(to);
    const delta = await this.deltaBetween(from, target, window);
    const headers = { etag: `"${sha256Hex(delta.bytes)}${signature ? '-sig' : ''}"`, 'cache-control': IMMUTABLE };
    return aged(
      signature
        ? { status: 200, headers: { ...headers, 'content-type': 'application/octet-stream' }, body: delta.signature }
        : { status: 200, headers: { ...headers, 'content-type': 'application/json' }, body: delta.bytes },
      ageSeconds,
    );
  }

  private async deltaBetween(from: number, target: BlocklistPublicationEntity, window: number[]): Promise<{ bytes: Buffer; signature: Buffer }> {
    if (window.length === 0 || from < Math.min(...window)) throw new PublicationGoneProblem(from, Math.min(...window));
    const to = Number(target.serial);
    const key = `${from}-${to}`;
    const cached = this.deltas.get(key);
    if (cached) return cached;
    const source = await this.repository.bySerial(from);
    if (!source) throw new PublicationNotFoundProblem(from);
    // Counted before anything is read: a delta past the bound is never built (the latest whole is smaller to load).
    const count = await this.repository.countChangedBetween(from, to);
    if (count > this.config.PUBLICATION_MAX_DELTA_ENTRIES) throw new DeltaTooLargeProblem(from, to, count, this.config.PUBLICATION_MAX_DELTA_ENTRIES);
    const changed = await this.repository.changedBetween(from, to);
    const bytes = await deltaBytesAsync(changed.added, changed.removed, {
      from,
      fromSetSha256: source.setSha256,
      to,
      toSetSha256: target.setSha256,
      type: 'kz-crypto-registry/blocklist-delta',
      version: 1,
    });
    const result = { bytes, signature: this.signer.sign(bytes, to).signature };
    this.deltas.set(key, result);
    return result;
  }

  /** Why `serial` has no publication: ahead of the latest (409), or not published (404). */
  private async missing(serial: number): Promise<Error> {
    const { latest } = await this.read();
    if (!latest || serial > Number(latest.serial)) return new SerialAheadProblem(serial, latest ? Number(latest.serial) : null);
    return new PublicationNotFoundProblem(serial);
  }

  /**
   * Renders again, from the history and the publication's snapshot of its blocked entities, the files this replica
   * lacks, and serves `name` only if its bytes match the manifest (a file that does not is remembered, and answered
   * 503, rather than rendered on every request). Files on disk are never removed or rendered again.
   */
  private async ensureFile(publication: BlocklistPublicationEntity, name: string): Promise<void> {
    const serial = Number(publication.serial);
    const folder = publicationFolder(this.renderer.dir, serial);
    // Twice: a render under way when this request came may have started before `name` went missing.
    for (let attempt = 0; attempt < 2; attempt += 1) {
      if (await present(folder, name)) return;
      if (this.unrenderable.has(`${serial}/${name}`)) throw new PublicationFilesUnavailableProblem(serial);
      try {
        await (this.rendering.get(serial) ?? this.renderMissing(publication, folder));
      } catch (error) {
        this.logger.error({ err: error, serial }, 'Could not render a publication\'s files');
        throw new PublicationFilesUnavailableProblem(serial);
      }
    }
    if (!(await present(folder, name))) throw new PublicationFilesUnavailableProblem(serial);
  }

  private renderMissing(publication: BlocklistPublicationEntity, folder: string): Promise<void> {
    const serial = Number(publication.serial);
    const pending = (async () => {
      const names = new Set<string>();
      for (const file of publication.files) {
        if (!this.unrenderable.has(`${serial}/${file.name}`) && !(await present(folder, file.name))) names.add(file.name);
      }
      if (names.size === 0) return;
      // Publications made before the snapshot was kept: the blocked entities as they are now.
      const entities = publication.blockedEntities ?? (await this.repository.blockedEntitiesAt(serial));
      const { mismatched } = await this.renderer.render(serial, publication.publishedAt, publication.expiresAt, entities, { files: publication.files, names });
      for (const file of mismatched) this.unrenderable.add(`${serial}/${file}`);
      const rendered = [...names].filter((n) => !mismatched.includes(n));
      if (mismatched.length > 0) this.logger.error({ serial, mismatched, rendered }, 'Rendered a publication\'s files again from the history: these differ from its manifest and are not served');
      else this.logger.log({ serial, rendered }, 'Rendered a publication\'s missing files again from the history; every hash matches its manifest');
    })().finally(() => this.rendering.delete(serial));
    this.rendering.set(serial, pending);
    return pending;
  }

  private waitMs(seconds: number): number {
    const bound = this.config.HTTP_REQUEST_TIMEOUT_MS;
    // Answered (304) before the request timeout would answer 503 instead.
    return bound > 0 ? Math.min(seconds * 1000, bound - 1000) : seconds * 1000;
  }

  private waitForNewer(after: number, ms: number): Promise<BlocklistPublicationEntity | null> {
    return new Promise((resolve) => {
      const waiter = {
        after,
        wake: (latest: BlocklistPublicationEntity | null) => {
          clearTimeout(timer);
          this.waiters.delete(waiter);
          if (this.waiters.size === 0) this.stopPolling();
          resolve(latest);
        },
      };
      const timer = setTimeout(() => waiter.wake(null), ms);
      this.waiters.add(waiter);
      this.poll ??= setInterval(() => void this.pollForNewer(), WAIT_POLL_MS);
    });
  }

  /** While long-polls wait: a publication another replica committed releases them within a second. */
  private async pollForNewer(): Promise<void> {
    try {
      const serial = await this.repository.latestSerial();
      const known = this.current?.latest ? Number(this.current.latest.serial) : null;
      if (serial !== null && serial !== known) this.wake((await this.refresh()).latest);
    } catch (error) {
      this.logger.warn({ err: error }, 'Could not look for a newer publication');
    }
  }

  private wake(latest: BlocklistPublicationEntity | null): void {
    if (!latest) return;
    for (const waiter of [...this.waiters]) if (Number(latest.serial) > waiter.after) waiter.wake(latest);
  }

  private stopPolling(): void {
    if (this.poll) clearInterval(this.poll);
    this.poll = null;
  }

  /**
   * Superseded at once: the next request reads the new latest, not a copy from before it (which stays held for an
   * outage); long-polls are woken.
   */
  private forgetLatest(): void {
    this.forgotten += 1;
    if (this.current) this.current = { ...this.current, superseded: true };
    // After a read already under way, which may have seen the database from before the publication.
    const underWay = this.refreshing?.catch(() => undefined) ?? Promise.resolve();
    void underWay
      .then(() => this.refresh())
      .then((current) => this.wake(current.latest), (error: Error) => this.logger.warn({ err: error }, 'Could not read the new publication'));
  }

  /**
   * The latest and the window: from memory within LATEST_TTL_MS of the last read, else from the database; while the
   * database cannot be read, the copy held (with its age) until the latest's `expiresAt`, then 503 with Retry-After.
   */
  private async read(): Promise<Read> {
    const current = this.current;
    if (current && fresh(current)) return { ...current, ageSeconds: null };
    if (current?.latest && this.failing && !expired(current)) {
      this.refreshInBackground();
      return this.held(current);
    }
    try {
      return { ...(await this.refresh()), ageSeconds: null };
    } catch (error) {
      // Nothing published when last read is no answer to give without the database: it may have published since.
      if (!current?.latest || !databaseFault(error)) throw error;
      return this.held(current);
    }
  }

  private held(current: Current): Read {
    if (current.latest && expired(current)) {
      throw new PublicationExpiredProblem(Number(current.latest.serial), current.latest.expiresAt, EXPIRED_RETRY_AFTER_SECONDS);
    }
    return { ...current, ageSeconds: Math.floor((Date.now() - current.readAt) / 1000) };
  }

  /**
   * A publication by serial from the database; while it cannot be read, the latest held in memory when that is the
   * one asked for (within its expiry, as read() says), with its age. Any other serial waits for the database.
   */
  private async bySerial(serial: number): Promise<{ publication: BlocklistPublicationEntity | null; ageSeconds: number | null }> {
    const heldLatest = (error: unknown) => {
      const current = this.current;
      if (!current?.latest || Number(current.latest.serial) !== serial) throw error;
      const read = this.held(current);
      return { publication: read.latest, ageSeconds: read.ageSeconds };
    };
    if (this.failing && this.current?.latest && Number(this.current.latest.serial) === serial && !expired(this.current)) {
      this.refreshInBackground();
      return heldLatest(null);
    }
    try {
      return { publication: await this.repository.bySerial(serial), ageSeconds: null };
    } catch (error) {
      if (!databaseFault(error)) throw error;
      this.failing = true;
      return heldLatest(error);
    }
  }

  /** One read of the database under way (its failure already recorded as `failing`), answered by no one. */
  private refreshInBackground(): void {
    this.refresh().catch(() => undefined);
  }

  private refresh(): Promise<Current> {
    this.refreshing ??= (async () => {
      const forgotten = this.forgotten;
      try {
        const [latest, window] = await Promise.all([this.repository.latest(), this.repository.newestSerials(this.config.PUBLICATION_RETAIN)]);
        const current = { latest, window, readAt: Date.now() };
        if (this.forgotten === forgotten) this.current = current;
        this.failing = false;
        return current;
      } catch (error) {
        if (databaseFault(error)) this.failing = true;
        throw error;
      } finally {
        this.refreshing = null;
      }
    })();
    return this.refreshing;
  }
}

/** Whether what is held may answer without asking the database: read within LATEST_TTL_MS, no publication since. */
const fresh = (current: Current): boolean => !current.superseded && Date.now() - current.readAt < LATEST_TTL_MS;

/** Whether the latest publication held is past its expiry, so that it may no longer be served from memory. */
const expired = (current: Current): boolean => current.latest !== null && Date.now() >= current.latest.expiresAt.getTime();

/** Whether `name` and its compressed copies are all in `folder`. */
async function present(folder: string, name: string): Promise<boolean> {
  const found = await Promise.all(['', '.gz', '.br'].map((suffix) => access(join(folder, name + suffix)).then(() => true, () => false)));
  return found.every(Boolean);
}

const etagOf = (publication: BlocklistPublicationEntity): string => `"${publication.manifestSha256}"`;

/** `Age` (RFC 9111 §5.1) on an answer from memory: seconds since the database last confirmed it current. */
function aged(served: Served, ageSeconds: number | null): Served {
  return ageSeconds === null ? served : { ...served, headers: { ...served.headers, age: String(ageSeconds) } };
}

function manifestAnswer(publication: BlocklistPublicationEntity, variant: ManifestVariant, cacheControl: string): Served {
  const body = variant === 'json' ? publication.manifest : variant === 'sig' ? publication.signature : publication.jws;
  return {
    status: 200,
    headers: {
      'content-type': MEDIA[variant],
      etag: etagOf(publication),
      'cache-control': cacheControl,
    },
    body,
  };
}
