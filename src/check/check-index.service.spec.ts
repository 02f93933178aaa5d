import { describe, expect, it } from '@jest/globals';
import type { BlockedEntitiesService } from '../blocked-entities/blocked-entities.service.js';
import type { BlocklistService } from '../blocklist/blocklist.service.js';
import type { FirmsService } from '../firms/firms.service.js';
import type { RegistryChangesService } from '../platform/database/registry-changes.service.js';
import { CheckIndexService } from './check-index.service.js';

function setup() {
  let serial = 1;
  let snapshots = 0;
  const listeners: (() => void)[] = [];
  const blocklist = {
    snapshot: async () => {
      snapshots += 1;
      await new Promise((resolve) => setTimeout(resolve, 5));
      return { serial, entries: [] };
    },
  } as unknown as BlocklistService;
  const firms = { officialDomains: async () => [] } as unknown as FirmsService;
  const blocked = { getMany: async () => [], liftedWithDomains: async () => [] } as unknown as BlockedEntitiesService;
  const changes = { onChange: (l: () => void) => listeners.push(l) } as unknown as RegistryChangesService;
  const service = new CheckIndexService(firms, blocked, blocklist, changes);
  return {
    service,
    snapshots: () => snapshots,
    change: (next: number) => {
      serial = next;
      for (const l of listeners) l();
    },
  };
}

describe('CheckIndexService', () => {
  it('builds once for many concurrent requests, then serves from memory', async () => {
    const { service, snapshots } = setup();
    const indexes = await Promise.all(Array.from({ length: 20 }, () => service.get()));
    expect(new Set(indexes).size).toBe(1);
    await service.get();
    expect(snapshots()).toBe(1);
  });

  it('rebuilds after a change notification', async () => {
    const { service, change, snapshots } = setup();
    expect((await service.get()).serial).toBe(1);
    change(2);
    expect((await service.get()).serial).toBe(2);
    expect(snapshots()).toBe(2);
  });

  it('rebuilds when the index is older than a minute even without a notification', async () => {
    const { service, snapshots } = setup();
    const first = await service.get();
    await service.get(first.builtAt + 61_000);
    expect(snapshots()).toBe(2);
  });
});
