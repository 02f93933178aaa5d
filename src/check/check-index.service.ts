import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { BlockedEntitiesService } from '../blocked-entities/blocked-entities.service.js';
import { BlocklistService } from '../blocklist/blocklist.service.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { FirmsService } from '../firms/firms.service.js';
import { type RegistryEvent, RegistryChangesService } from '../platform/database/registry-changes.service.js';
import { WarningsService } from '../warnings/warnings.service.js';
import {
  type BlockedEntityIndex,
  blockedEntityIndex,
  type CheckIndex,
  type FirmIndex,
  firmIndex,
  namesAndBrands,
  type WarningIndex,
  warningIndex,
} from './check-index.js';
import { CheckUnavailableError } from './check.errors.js';
import { EntryIndex } from './entry-index.js';
import { PROVENANCE_PENDING } from './entry-store.js';

/** Tables whose change means reloading the firms' part (official domains and their firms' standing). */
const FIRM_TABLES = new Set(['firms', 'firm_domains', 'licences']);
/** Every table the index reads; a notification naming another (a publication) changes nothing it answers. */
const INDEX_TABLES = new Set([...FIRM_TABLES, 'blocked_entities', 'warnings', 'blocklist_entries']);
/** A sync at least this often while listening, in case a notification was lost. */
const SYNC_EVERY_MS = 60_000;
/** While not listening (after a loss that outlasted a restart), a sync this often: the database may answer queries. */
const POLL_UNHEARD_MS = 5_000;
const LOSS_QUIET_MS = 10_000;
/** A full build in the background this often, as a safety net; changes are applied one serial at a time meanwhile. */
const REBUILD_EVERY_MS = 60 * 60_000;
/** More changed entries than this since the index's serial (a bulk import): a full build instead of applying them. */
const MAX_CHANGES_APPLIED = 20_000;
/** A check after a local write waits this long at most for the write to be applied; then it answers, marked stale. */
const READ_YOUR_WRITES_WAIT_MS = 2_000;
/** Changes heard this recently and being applied do not make an answer stale. */
const APPLYING_GRACE_MS = 1_000;
const TICK_MS = 1_000;
/** Slots given their provenance per slice of a full build, between which the event loop runs. */
const BUILD_SLICE = 50_000;
const RETRY_AFTER_SECONDS = 10;

type Reloads = { firms: boolean; blockedEntities: boolean; warnings: boolean };
const ALL: Reloads = { firms: true, blockedEntities: true, warnings: true };
const NONE: Reloads = { firms: false, blockedEntities: false, warnings: false };
const either = (a: Reloads, b: Reloads): Reloads => ({ firms: a.firms || b.firms, blockedEntities: a.blockedEntities || b.blockedEntities, warnings: a.warnings || b.warnings });

export interface CheckIndexState {
  index: CheckIndex;
  /** When the index was last known current, if it may be behind the database now; null when known current. */
  staleSince: number | null;
}

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Holds the check index. Built in full once at start (and in the background now and then), then kept current by
 * applying the entries added and removed in each serial since its own, and reloading the firms' or the blocked
 * entities' part when those change. No request waits for a full build while an index exists; a request that follows
 * a write on this instance waits for that write's (small) change to be applied.
 */
@Injectable()
export class CheckIndexService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(CheckIndexService.name);
  private readonly maxStalenessMs: number;
  private index: CheckIndex | null = null;
  // Changes heard and applied, counted: a sync that starts after the n-th was heard reads a database that has it.
  private heard = 1; // the first build is owed
  private heardLocal = 1;
  private applied = 0;
  private reloads: Reloads = ALL;
  private syncing: Promise<void> | null = null;
  private readonly waiters = new Set<{ generation: number; release: () => void }>();
  /** The index may be behind the database since this moment; null: known current. */
  private unconfirmedSince: number | null = null;
  private lostAt: number | null = null;
  private lastSyncAt = 0;
  private builtAt = 0;
  private failing = false;
  private rebuilt: { serial: number; entries: EntryIndex } | null = null;
  private rebuilding = false;
  private ticker: NodeJS.Timeout | null = null;
  private unsubscribe: (() => void) | null = null;
  private closing = false;

  constructor(
    private readonly firms: FirmsService,
    private readonly blockedEntities: BlockedEntitiesService,
    private readonly blocklist: BlocklistService,
    private readonly warnings: WarningsService,
    private readonly changes: RegistryChangesService,
    @Inject(APP_CONFIG) config: Pick<AppConfig, 'CHECK_MAX_STALENESS_SECONDS'>,
  ) {
    this.maxStalenessMs = config.CHECK_MAX_STALENESS_SECONDS * 1000;
    this.unsubscribe = changes.subscribe((event) => this.onEvent(event));
  }

  /** The first build starts with the service, so the first citizen does not wait for it. */
  onApplicationBootstrap(): void {
    this.kick();
    this.ticker = setInterval(() => this.tick(), TICK_MS).unref();
  }

  onModuleDestroy(): void {
    this.closing = true;
    if (this.ticker) clearInterval(this.ticker);
    this.unsubscribe?.();
    for (const waiter of this.waiters) waiter.release();
  }

  /**
   * The index to answer from, with its staleness. Waits for the first build (there is nothing to answer from) and for
   * a write this instance made, never for a full build otherwise. Throws CheckUnavailableError when there is no index
   * or it has gone unconfirmed for longer than CHECK_MAX_STALENESS_SECONDS.
   */
  /**
   * The index to answer from at once, or null when get() would wait (no index yet, a write of this process not yet
   * applied) or refuse (too stale): for answering before routing what is already known.
   */
  current(): CheckIndexState | null {
    if (!this.index || this.applied < this.heardLocal) return null;
    const now = Date.now();
    const staleSince = this.staleSince(now);
    if (this.tooStale(staleSince, now)) return null;
    return { index: this.index, staleSince };
  }

  async get(): Promise<CheckIndexState> {
    if (!this.index) {
      this.kick();
      while (!this.index && this.syncing) await this.syncing;
      if (!this.index) throw new CheckUnavailableError(null, RETRY_AFTER_SECONDS);
    } else if (this.applied < this.heardLocal) {
      await this.caughtUp(this.heardLocal, READ_YOUR_WRITES_WAIT_MS);
    }
    const index = this.index;
    const now = Date.now();
    const staleSince = this.staleSince(now);
    if (this.tooStale(staleSince, now)) {
      throw new CheckUnavailableError(
        { serial: index.serial, staleSince, ageSeconds: Math.round((now - staleSince) / 1000) },
        RETRY_AFTER_SECONDS,
      );
    }
    return { index, staleSince };
  }

  /**
   * For the metrics, never waiting: the serial the index answers from, and for how many seconds it has gone without
   * being confirmed current (0 while it is); null before the first build.
   */
  freshness(): { serial: number; ageSeconds: number } | null {
    if (!this.index) return null;
    const now = Date.now();
    const staleSince = this.staleSince(now);
    return { serial: this.index.serial, ageSeconds: staleSince === null ? 0 : (now - staleSince) / 1000 };
  }

  /** Unconfirmed for longer than the check may answer from (CheckUnavailableError then). */
  private tooStale(staleSince: number | null, now: number): staleSince is number {
    return staleSince !== null && now - staleSince > this.maxStalenessMs;
  }

  private staleSince(now: number): number | null {
    const since = this.unconfirmedSince;
    if (since === null) return null;
    if (this.changes.isListening && !this.failing && now - since < APPLYING_GRACE_MS) return null;
    return since;
  }

  private onEvent(event: RegistryEvent): void {
    const now = Date.now();
    switch (event.type) {
      case 'change': {
        // A local write the notification already brought in: nothing to wait for.
        if (event.serial !== null && this.index && this.index.serial >= event.serial && event.table === 'blocklist_entries') return;
        const table = event.table;
        if (table !== null && !INDEX_TABLES.has(table)) return;
        this.unconfirmedSince ??= now;
        this.request(
          {
            firms: table === null || FIRM_TABLES.has(table),
            blockedEntities: table === null || table === 'blocked_entities',
            warnings: table === null || table === 'warnings',
          },
          event.local,
        );
        break;
      }
      case 'listening':
        // Anything may have changed while no one listened: catch up from the index's serial.
        this.lostAt = null;
        this.request(ALL, false);
        break;
      case 'lost':
        this.lostAt = now;
        this.unconfirmedSince = Math.min(this.unconfirmedSince ?? event.since, event.since);
        break;
    }
  }

  private request(reloads: Reloads, local: boolean): void {
    this.heard += 1;
    if (local) this.heardLocal = this.heard;
    this.reloads = either(this.reloads, reloads);
    this.kick();
  }

  private tick(): void {
    const now = Date.now();
    if (this.applied < this.heard) this.kick();
    // Not listening, and not just for a restart of the database: ask it directly now and then.
    const unheard = !this.changes.isListening && (this.lostAt === null || now - this.lostAt > LOSS_QUIET_MS);
    if (now - this.lastSyncAt > (unheard ? POLL_UNHEARD_MS : SYNC_EVERY_MS)) this.request(ALL, false);
    if (this.index && now - this.builtAt > REBUILD_EVERY_MS) this.rebuildInBackground();
  }

  private kick(): void {
    if (this.syncing || this.closing || this.applied >= this.heard) return;
    this.syncing = this.syncUntilCaughtUp().finally(() => {
      this.syncing = null;
    });
  }

  /** One sync at a time, each covering every change heard before it started; a failure waits for the next tick. */
  private async syncUntilCaughtUp(): Promise<void> {
    while (this.applied < this.heard && !this.closing) {
      const generation = this.heard;
      const reloads = this.reloads;
      this.reloads = NONE;
      const startedAt = Date.now();
      this.lastSyncAt = startedAt;
      try {
        await this.syncOnce(reloads);
      } catch (error) {
        this.reloads = either(this.reloads, reloads);
        if (this.closing) return;
        if (!this.failing) this.logger.warn({ err: error }, 'The check index could not be brought up to date; it answers from what it has and retries');
        this.failing = true;
        this.unconfirmedSince ??= startedAt;
        // Whoever waits for this change gets what there is rather than an answer that never comes.
        for (const waiter of this.waiters) waiter.release();
        return;
      }
      if (this.failing) this.logger.log({ serial: this.index?.serial }, 'The check index is up to date again');
      this.failing = false;
      this.applied = generation;
      // Confirmed current as of the sync's start; still so if every change since was heard and applied.
      this.unconfirmedSince = this.applied === this.heard && this.changes.isListening ? null : Math.max(this.unconfirmedSince ?? startedAt, startedAt);
      for (const waiter of this.waiters) if (this.applied >= waiter.generation) waiter.release();
    }
  }

  private caughtUp(generation: number, timeoutMs: number): Promise<void> {
    return new Promise((resolve) => {
      const waiter = {
        generation,
        release: () => {
          clearTimeout(timer);
          this.waiters.delete(waiter);
          resolve();
        },
      };
      const timer = setTimeout(waiter.release, timeoutMs);
      this.waiters.add(waiter);
    });
  }

  /**
   * Brings the index to the database's serial: the entries changed since, then the parts that changed. Everything is
   * read first and put in place at the end, with no await in between, so no lookup sees half of a change.
   */
  private async syncOnce(reloads: Reloads): Promise<void> {
    if (!this.index) {
      const [entries, firms, blockedEntities, warnings] = await Promise.all([
        this.buildEntries(),
        this.loadFirms(),
        this.loadBlockedEntities(),
        this.loadWarnings(),
      ]);
      const derived = namesAndBrands(firms, blockedEntities, warnings);
      this.index = { serial: entries.serial, entries: entries.entries, firms, blockedEntities, warnings, derived };
      this.builtAt = Date.now();
      return;
    }
    const index = this.index;
    const rebuilt = this.rebuilt;
    let { entries, serial } = rebuilt ?? index;
    let { head, changes } = await this.blocklist.changesSince(serial, MAX_CHANGES_APPLIED + 1);
    if (changes.length > MAX_CHANGES_APPLIED) {
      ({ entries, serial } = await this.buildEntries());
      head = serial;
      changes = [];
    }
    // An entry may name a blocked entity recorded since the part was loaded (its notification not handled yet).
    const unknownEntity = changes.some((c) => c.blockedEntityId !== null && !index.blockedEntities.byId.has(c.blockedEntityId));
    const [firms, blockedEntities, warnings] = await Promise.all([
      reloads.firms ? this.loadFirms() : null,
      reloads.blockedEntities || unknownEntity ? this.loadBlockedEntities() : null,
      reloads.warnings ? this.loadWarnings() : null,
    ]);
    if (head > serial) {
      entries.apply(changes, head);
      serial = head;
    }
    if (rebuilt && this.rebuilt === rebuilt) this.rebuilt = null;
    // A new object whenever anything changed: what is kept per index (the answer cache) goes with the old one.
    if (entries !== index.entries || serial !== index.serial || firms || blockedEntities || warnings) {
      const parts = { firms: firms ?? index.firms, blockedEntities: blockedEntities ?? index.blockedEntities, warnings: warnings ?? index.warnings };
      // Names and brands come from all three parts: rebuilt (a few hundred records, well under a millisecond) when any is.
      const derived = firms || blockedEntities || warnings ? namesAndBrands(parts.firms, parts.blockedEntities, parts.warnings) : index.derived;
      this.index = { serial, entries, ...parts, derived };
    }
  }

  /** The safety net: a fresh full build, swapped in by the next sync after it has caught up. */
  private rebuildInBackground(): void {
    if (this.rebuilding || this.closing) return;
    this.rebuilding = true;
    this.builtAt = Date.now();
    this.buildEntries().then(
      (built) => {
        this.rebuilt = built;
        this.request(NONE, false);
      },
      (error: unknown) => {
        if (!this.closing) this.logger.warn({ err: error }, 'The background rebuild of the check index failed; it keeps applying changes');
      },
    ).finally(() => {
      this.rebuilding = false;
    });
  }

  /**
   * Every entry in force at the current serial, read in plain SQL as a stream (the rows are put in the index as they
   * arrive), with the provenance read once per serial where its entries share one; then each entry given its
   * provenance in slices, with the event loop running between them.
   */
  private async buildEntries(): Promise<{ serial: number; entries: EntryIndex }> {
    const started = performance.now();
    const serial = await this.blocklist.headSerial();
    const entries = new EntryIndex();
    const [serials] = await Promise.all([
      this.blocklist.provenanceBySerial(serial),
      this.blocklist.streamInForce(serial, (row) => entries.add(row, PROVENANCE_PENDING, true)),
    ]);
    const bySerial = new Map<number, number>();
    const mixed = new Set<number>();
    for (const { addedSerial, provenance } of serials) {
      if (provenance) bySerial.set(addedSerial, entries.provenances.intern(provenance));
      else mixed.add(addedSerial);
    }
    // Entries of one serial mostly share one provenance; where they do not (the demo data), each is read.
    const own = new Map<string, number>();
    if (mixed.size > 0) {
      for (const { id, provenance } of await this.blocklist.provenanceOfEntries(serial, [...mixed])) {
        own.set(id, entries.provenances.intern(provenance));
      }
    }
    for (let start = 0; start < entries.slotLimit; start += BUILD_SLICE) {
      const end = Math.min(start + BUILD_SLICE, entries.slotLimit);
      for (let slot = start; slot < end; slot++) {
        if (!entries.isLive(slot)) continue;
        const addedSerial = entries.addedSerial(slot);
        const provenance = mixed.has(addedSerial) ? own.get(entries.id(slot)) : bySerial.get(addedSerial);
        if (provenance === undefined) throw new Error(`Entry ${entries.id(slot)} of serial ${addedSerial} had no provenance in the same read`);
        entries.setProvenance(slot, provenance);
      }
      await yieldToEventLoop();
    }
    this.logger.log({ serial, entries: entries.size, buildMs: Math.round(performance.now() - started) }, 'Check index built');
    return { serial, entries };
  }

  private async loadFirms(): Promise<FirmIndex> {
    const { firms, officialDomains } = await this.firms.forCheck();
    return firmIndex(firms, officialDomains);
  }

  private async loadWarnings(): Promise<WarningIndex> {
    return warningIndex(await this.warnings.all());
  }

  private async loadBlockedEntities(): Promise<BlockedEntityIndex> {
    return blockedEntityIndex(await this.blockedEntities.all());
  }
}
