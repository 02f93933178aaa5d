// Publishes the blocklist: the head serial when it moved (debounced, coalescing serials that arrive meanwhile), or a
// new empty serial when the latest manifest is past half its life (a manifest is never left to expire while the
// service runs). One publisher at a time across replicas (an advisory lock); the files are complete on disk before
// the row that makes them `latest` commits.
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import canonicalize from 'canonicalize';
import { AuditService } from '../../audit/audit.service.js';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import { RegistryChangesService } from '../../platform/database/registry-changes.service.js';
import { TransactionRunner } from '../../platform/database/transactions.js';
import { BlocklistService } from '../blocklist.service.js';
import { isoSeconds, type Manifest, MANIFEST_TYPE, manifestBytes, sha256Hex } from './manifest.js';
import { BlocklistPublicationEntity } from './publication.entity.js';
import { PublicationEvents } from './publication-events.js';
import { PUBLICATION_SIGNER, type PublicationSigner } from './publication-ports.js';
import { PublicationRenderer } from './publication-renderer.js';
import { tidyPublications } from './publication-writer.js';
import { PublicationsRepository } from './publications.repository.js';

type PublisherConfig = Pick<
  AppConfig,
  'PUBLISHER' | 'PUBLISH_DEBOUNCE_MS' | 'PUBLICATION_EXPIRY_HOURS' | 'PUBLICATION_MIN_POLL_SECONDS' | 'PUBLICATION_RETAIN' | 'PUBLICATIONS_DIR'
>;

/** How often the publisher looks whether the latest manifest needs refreshing (or a change went unheard). */
const SWEEP_MS = 60_000;
/**
 * While another replica holds the publisher lock, how often this one tries again. The holder publishes every serial
 * committed before it let go (it hears the same notifications and runs again), so the retry matters when the holder
 * dies mid-publication: its session, and the lock with it, ends with its connection, and the serial it was publishing
 * would otherwise wait for the next change or the sweep (a minute). A try-lock a second while someone publishes.
 */
const LOCK_BUSY_RETRY_MS = 1000;

@Injectable()
export class PublisherService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(PublisherService.name);
  private timer: NodeJS.Timeout | null = null;
  private sweep: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private unsubscribe: (() => void) | null = null;
  private closing = false;

  constructor(
    private readonly repository: PublicationsRepository,
    private readonly renderer: PublicationRenderer,
    private readonly blocklist: BlocklistService,
    private readonly audit: AuditService,
    private readonly transactions: TransactionRunner,
    private readonly changes: RegistryChangesService,
    private readonly events: PublicationEvents,
    @Inject(PUBLICATION_SIGNER) private readonly signer: PublicationSigner,
    @Inject(APP_CONFIG) private readonly config: PublisherConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.PUBLISHER) return;
    this.unsubscribe = this.changes.subscribe((event) => {
      // A blocked entity's edit too: the NDJSON and CSV carry its record (publishDue compares the snapshot).
      const table = event.type === 'change' ? event.table : null;
      if (event.type === 'listening' || table === null || table === 'blocklist_entries' || table === 'blocked_entities') {
        this.schedule();
      }
    });
    this.schedule();
    const halfLifeMs = (this.config.PUBLICATION_EXPIRY_HOURS * 3600_000) / 2;
    this.sweep = setInterval(() => this.schedule(0), Math.min(SWEEP_MS, halfLifeMs / 4)).unref();
  }

  async onModuleDestroy(): Promise<void> {
    this.closing = true;
    this.unsubscribe?.();
    if (this.timer) clearTimeout(this.timer);
    if (this.sweep) clearInterval(this.sweep);
    await this.running;
  }

  /** Publishes after the debounce; changes meanwhile are taken together. */
  private schedule(delayMs = this.config.PUBLISH_DEBOUNCE_MS): void {
    if (this.closing || this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.run();
    }, delayMs).unref();
  }

  /** Publishes what is due now, and again while changes arrived meanwhile; resolves when done. */
  run(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      try {
        do {
          this.again = false;
          if (!(await this.attempt()).ran) this.schedule(LOCK_BUSY_RETRY_MS);
        } while (this.again && !this.closing);
      } catch (error) {
        this.logger.error({ err: error }, 'Publishing the blocklist failed; the next change or sweep tries again');
      } finally {
        this.running = null;
      }
    })();
    return this.running;
  }

  /**
   * Publishes the head serial if it is not published; or an empty serial if the latest is past half its life, or if a
   * blocked entity its entries name was edited since (its NDJSON and CSV would say what the record no longer says).
   */
  async publishDue(now = new Date()): Promise<number | null> {
    const attempt = await this.attempt(now);
    return attempt.ran ? attempt.serial : null;
  }

  /** publishDue, saying whether it ran at all (`ran: false`: another publisher held the lock). */
  private async attempt(now = new Date()): Promise<{ ran: false } | { ran: true; serial: number | null }> {
    const locked = await this.repository.withPublisherLock(async () => {
      const latest = await this.repository.latest();
      let head = await this.blocklist.headSerial();
      if (latest && Number(latest.serial) >= head) {
        const lifeMs = latest.expiresAt.getTime() - latest.publishedAt.getTime();
        const halfGone = now.getTime() - latest.publishedAt.getTime() >= lifeMs / 2;
        if (!halfGone && !(await this.entitiesEdited(latest))) return null;
        head = await this.takeEmptySerial();
      }
      return this.publish(head, latest, now);
    });
    if (!locked.ran) return locked;
    if (locked.result !== null) this.events.published(locked.result);
    return { ran: true, serial: locked.result };
  }

  /** Whether the blocked entities the latest publication's entries name differ now from its snapshot of them. */
  private async entitiesEdited(latest: BlocklistPublicationEntity): Promise<boolean> {
    if (latest.blockedEntities === null) return false;
    const now = await this.repository.blockedEntitiesAt(Number(latest.serial));
    return canonicalize(now) !== canonicalize(latest.blockedEntities);
  }

  /** A serial that changes nothing, so that a fresh manifest can be signed for it (freeze defence). */
  private async takeEmptySerial(): Promise<number> {
    const { serial } = await this.transactions.run((manager) => this.blocklist.apply(manager, [], []));
    this.changes.changed({ table: 'blocklist_entries', serial });
    return serial;
  }

  private async publish(serial: number, previous: BlocklistPublicationEntity | null, now: Date): Promise<number> {
    const started = Date.now();
    const publishedAt = new Date(Math.floor(now.getTime() / 1000) * 1000);
    const expiresAt = new Date(publishedAt.getTime() + this.config.PUBLICATION_EXPIRY_HOURS * 3600_000);
    const entities = await this.repository.blockedEntitiesAt(serial);
    const written = await this.renderer.render(serial, publishedAt, expiresAt, entities);
    // Read at publication: every audit event up to here is checkpointed by the signed manifest.
    const audit = await this.audit.head();
    const { keyId } = this.signer.keyFor(serial);
    const manifest: Manifest = {
      auditHash: audit.hash,
      auditSeq: audit.seq,
      entryCount: written.entryCount,
      expiresAt: isoSeconds(expiresAt),
      files: written.files,
      keyId,
      minPollSeconds: this.config.PUBLICATION_MIN_POLL_SECONDS,
      previousManifestSha256: previous?.manifestSha256 ?? null,
      previousSerial: previous ? Number(previous.serial) : null,
      publishedAt: isoSeconds(publishedAt),
      serial,
      setSha256: written.setSha256,
      type: MANIFEST_TYPE,
      version: 1,
    };
    const bytes = manifestBytes(manifest);
    const { signature } = this.signer.sign(bytes, serial);
    const row = Object.assign(new BlocklistPublicationEntity(), {
      serial: String(serial),
      previousSerial: previous?.serial ?? null,
      publishedAt,
      expiresAt,
      setSha256: written.setSha256,
      entryCount: written.entryCount,
      auditSeq: audit.seq,
      auditHash: audit.hash,
      keyId,
      manifest: bytes,
      manifestSha256: sha256Hex(bytes),
      signature,
      jws: this.signer.compactJws(bytes, serial),
      files: written.files,
      blockedEntities: entities,
    });
    await this.transactions.run((manager) => this.repository.insert(manager, row));
    this.logger.log({ serial, previousSerial: manifest.previousSerial, entries: written.entryCount, ms: Date.now() - started }, 'Published the blocklist');
    await this.removeUnretained();
    return serial;
  }

  /** Deletes the file folders of publications past the retained window (their manifests stay), and their `.tmp/`. */
  private async removeUnretained(): Promise<void> {
    const keep = new Set(await this.repository.newestSerials(this.config.PUBLICATION_RETAIN));
    await tidyPublications(this.config.PUBLICATIONS_DIR, keep, 'unkept');
  }
}
