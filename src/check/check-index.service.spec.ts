import { beforeAll, describe, expect, it } from '@jest/globals';
import { Logger } from '@nestjs/common';
import type { BlockedEntityDto } from '../blocked-entities/blocked-entities.dto.js';
import type { BlockedEntitiesService } from '../blocked-entities/blocked-entities.service.js';
import type { EntryChange, EntryProvenance, EntryRow } from '../blocklist/blocklist.read-model.js';
import type { BlocklistService } from '../blocklist/blocklist.service.js';
import type { FirmsService } from '../firms/firms.service.js';
import type { WarningsService } from '../warnings/warnings.service.js';
import type { RegistryChangesService, RegistryEvent } from '../platform/database/registry-changes.service.js';
import { CheckIndexService } from './check-index.service.js';
import { CheckUnavailableError } from './check.errors.js';

const PROVENANCE: EntryProvenance = {
  legalBasis: { en: 'Law "On Digital Assets", Art. 11(5)', ru: null, kk: null },
  source: { url: 'https://example.org/decision', document: null, readOn: '2026-11-24', confidence: 'verified', demo: false },
};

const entry = (id: string, value: string, addedSerial: number, extra: Partial<EntryChange> = {}): EntryChange => ({
  id,
  kind: 'domain',
  value,
  displayValue: value,
  match: 'subtree',
  blockedEntityId: null,
  addedSerial,
  removedSerial: null,
  provenance: PROVENANCE,
  ...extra,
});

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

/** A database of entries under serials, seen through the services the index reads; counts what was read. */
function setup(options: { maxStalenessSeconds?: number } = {}) {
  const rows: EntryChange[] = [entry('e1', 'one.example', 1)];
  let serial = 1;
  const reads = { streams: 0, deltas: [] as [number, number][], firms: 0, blockedEntities: 0, warnings: 0 };
  let deltaGate: Promise<void> | null = null;
  let failing = false;
  const entities: BlockedEntityDto[] = [];
  const fail = () => {
    if (failing) throw new Error('connect ECONNREFUSED');
  };
  const inForceAt = (s: number) => rows.filter((r) => r.addedSerial <= s && (r.removedSerial === null || r.removedSerial > s));
  const blocklist = {
    headSerial: async () => (fail(), serial),
    streamInForce: async (s: number, visit: (row: EntryRow) => void) => {
      fail();
      reads.streams += 1;
      for (const row of inForceAt(s)) visit(row);
    },
    provenanceBySerial: async (s: number) =>
      [...new Set(inForceAt(s).map((r) => r.addedSerial))].map((addedSerial) => ({ addedSerial, provenance: PROVENANCE })),
    provenanceOfEntries: async () => [],
    changesSince: async (from: number) => {
      fail();
      const to = serial;
      reads.deltas.push([from, to]);
      if (deltaGate) await deltaGate;
      const changes = rows.filter((r) => (r.addedSerial > from && r.addedSerial <= to) || (r.removedSerial !== null && r.removedSerial > from && r.removedSerial <= to));
      return { head: to, changes };
    },
  } as unknown as BlocklistService;
  const firms = { forCheck: async () => (fail(), (reads.firms += 1), { firms: [], officialDomains: [] }) } as unknown as FirmsService;
  const warnings = { all: async () => (fail(), (reads.warnings += 1), []) } as unknown as WarningsService;
  const blocked = { all: async () => (fail(), (reads.blockedEntities += 1), [...entities]) } as unknown as BlockedEntitiesService;
  const listeners: ((event: RegistryEvent) => void)[] = [];
  let listening = true;
  const changes = {
    subscribe: (listener: (event: RegistryEvent) => void) => listeners.push(listener),
    get isListening() {
      return listening;
    },
  } as unknown as RegistryChangesService;
  const service = new CheckIndexService(firms, blocked, blocklist, warnings, changes, {
    CHECK_MAX_STALENESS_SECONDS: options.maxStalenessSeconds ?? 300,
  });
  const emit = (event: RegistryEvent) => {
    for (const listener of listeners) listener(event);
  };
  return {
    service,
    reads,
    /** Commits serial n: its added rows and the ids it removes. */
    commit: (added: EntryChange[], removedIds: string[] = []) => {
      serial += 1;
      rows.push(...added.map((r) => ({ ...r, addedSerial: serial })));
      for (const r of rows) if (removedIds.includes(r.id)) r.removedSerial = serial;
      return serial;
    },
    notify: (table: string) => emit({ type: 'change', table, serial: null, local: false }),
    localWrite: (serialCommitted: number | null, table: string | null = 'blocklist_entries') =>
      emit({ type: 'change', table, serial: serialCommitted, local: true }),
    lose: (since: number) => {
      listening = false;
      emit({ type: 'lost', since });
    },
    reconnect: () => {
      listening = true;
      emit({ type: 'listening' });
    },
    gateDeltas: () => {
      const gate = deferred();
      deltaGate = gate.promise;
      return () => {
        deltaGate = null;
        gate.resolve();
      };
    },
    setFailing: (value: boolean) => (failing = value),
    addEntity: (id: string) => entities.push({ id, name: { en: id, ru: null, kk: null }, aliases: [], liftedOn: null, domains: [] } as unknown as BlockedEntityDto),
  };
}

const found = async (service: CheckIndexService, name: string) => {
  const { index } = await service.get();
  const slot = index.entries.findName(name);
  return slot === undefined ? null : index.entries.entry(slot).id;
};

describe('CheckIndexService', () => {
  // Its warnings about the database going away are what these tests cause on purpose.
  beforeAll(() => Logger.overrideLogger(false));

  it('builds once for many concurrent requests, then serves from memory', async () => {
    const { service, reads } = setup();
    const states = await Promise.all(Array.from({ length: 20 }, () => service.get()));
    expect(new Set(states.map((s) => s.index)).size).toBe(1);
    await service.get();
    expect(reads).toMatchObject({ streams: 1, firms: 1, blockedEntities: 1 });
    expect(states[0]!.staleSince).toBeNull();
  });

  it('applies the entries added and removed since its serial on a notification, without a full build', async () => {
    const t = setup();
    await t.service.get();
    t.commit([entry('e2', 'two.example', 0)], ['e1']);
    t.localWrite(2);
    expect(await found(t.service, 'two.example')).toBe('e2');
    expect(await found(t.service, 'one.example')).toBeNull();
    expect((await t.service.get()).index.serial).toBe(2);
    expect(t.reads.streams).toBe(1);
    expect(t.reads.deltas).toEqual([[1, 2]]);
    // A change of the blocklist reloads neither firms nor blocked entities.
    expect(t.reads).toMatchObject({ firms: 1, blockedEntities: 1 });
  });

  it('makes a check after a local write wait for it, even when a sync had started before the write', async () => {
    const t = setup();
    await t.service.get();
    const open = t.gateDeltas();
    t.commit([entry('e2', 'two.example', 0)]);
    t.notify('blocklist_entries'); // a sync starts and reads head 2 ...
    await new Promise((resolve) => setImmediate(resolve));
    t.commit([entry('e3', 'three.example', 0)]); // ... and serial 3 commits while it runs
    t.localWrite(3);
    const answer = t.service.get();
    open();
    expect((await answer).index.serial).toBe(3);
    expect(await found(t.service, 'three.example')).toBe('e3');
  });

  it('does not make a check wait for a change another instance made: it answers from the index it has', async () => {
    const t = setup();
    await t.service.get();
    const open = t.gateDeltas();
    t.commit([entry('e2', 'two.example', 0)]);
    t.notify('blocklist_entries');
    const { index, staleSince } = await t.service.get();
    expect(index.serial).toBe(1);
    // Being applied a moment ago is not stale.
    expect(staleSince).toBeNull();
    open();
  });

  it('reloads the firms, the blocked entities or the warnings only when their tables change, and replaces the index object (what the answer cache keys on)', async () => {
    const t = setup();
    const before = (await t.service.get()).index;
    t.localWrite(null, 'firm_domains');
    const after = (await t.service.get()).index;
    expect(t.reads).toMatchObject({ firms: 2, blockedEntities: 1 });
    expect(after.serial).toBe(1);
    expect(after).not.toBe(before);
    t.localWrite(null, 'blocked_entities');
    await t.service.get();
    expect(t.reads).toMatchObject({ firms: 2, blockedEntities: 2 });
    t.localWrite(null, 'warnings');
    await t.service.get();
    expect(t.reads).toMatchObject({ firms: 2, blockedEntities: 2, warnings: 2 });
    t.localWrite(null, null);
    await t.service.get();
    expect(t.reads).toMatchObject({ firms: 3, blockedEntities: 3, warnings: 3 });
  });

  it('ignores a notification naming a table it does not read (a publication): no read, the same index, not stale', async () => {
    const t = setup();
    const before = (await t.service.get()).index;
    t.notify('blocklist_publications');
    const after = await t.service.get();
    expect(after).toEqual({ index: before, staleSince: null });
    expect(after.index).toBe(before);
    expect(t.reads).toMatchObject({ streams: 1, deltas: [], firms: 1, blockedEntities: 1, warnings: 1 });
  });

  it('reloads the blocked entities when a new entry names one it does not know', async () => {
    const t = setup();
    await t.service.get();
    t.addEntity('entity-2');
    t.localWrite(t.commit([entry('e2', 'two.example', 0, { blockedEntityId: 'entity-2' })]));
    expect((await t.service.get()).index.blockedEntities.byId.has('entity-2')).toBe(true);
    expect(t.reads.blockedEntities).toBe(2);
  });

  it('rebuilds in full instead of applying more changes than a bulk write makes', async () => {
    const t = setup();
    await t.service.get();
    t.localWrite(t.commit(Array.from({ length: 20_001 }, (_, i) => entry(`bulk-${i}`, `bulk-${i}.example`, 0))));
    const { index } = await t.service.get();
    expect(index.entries.size).toBe(20_002);
    expect(t.reads.streams).toBe(2);
  });

  it('after losing its listener answers from what it has with the time it was last known current, then 503', async () => {
    const t = setup({ maxStalenessSeconds: 60 });
    await t.service.get();
    const since = Date.now() - 30_000;
    t.lose(since);
    expect(await t.service.get()).toMatchObject({ staleSince: since, index: { serial: 1 } });
    t.lose(Date.now() - 61_000);
    const refused = await t.service.get().catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(CheckUnavailableError);
    expect(refused).toMatchObject({ status: 503, code: 'check-unavailable', headers: { 'retry-after': '10' }, extensions: { serial: 1 } });
  });

  it('catches up from its serial when the listener is back, and is current again', async () => {
    const t = setup();
    await t.service.get();
    t.lose(Date.now() - 5_000);
    t.commit([entry('e2', 'missed.example', 0)]);
    t.reconnect();
    // The reconnect's catch-up is no local write, so wait for it as a later check would find it done.
    for (let i = 0; i < 20 && (await t.service.get()).index.serial < 2; i++) await new Promise((resolve) => setTimeout(resolve, 5));
    expect(await found(t.service, 'missed.example')).toBe('e2');
    expect((await t.service.get()).staleSince).toBeNull();
  });

  it('answers a write it cannot apply (the database went away) from what it has, marked stale, without hanging', async () => {
    const t = setup();
    await t.service.get();
    t.setFailing(true);
    t.localWrite(2);
    const { index, staleSince } = await t.service.get();
    expect(index.serial).toBe(1);
    expect(staleSince).not.toBeNull();
  });

  it('says 503 when it has no index and cannot build one', async () => {
    const t = setup();
    t.setFailing(true);
    await expect(t.service.get()).rejects.toBeInstanceOf(CheckUnavailableError);
    t.setFailing(false);
    expect((await t.service.get()).index.serial).toBe(1);
  });
});
