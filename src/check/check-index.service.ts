import { Injectable } from '@nestjs/common';
import { BlockedEntitiesService } from '../blocked-entities/blocked-entities.service.js';
import { BlocklistService } from '../blocklist/blocklist.service.js';
import { FirmsService } from '../firms/firms.service.js';
import { RegistryChangesService } from '../platform/database/registry-changes.service.js';
import { buildCheckIndex, type CheckIndex } from './check-index.js';

/** A rebuild at least this often, in case a notification was lost with a dropped connection. */
const MAX_AGE_MS = 60_000;

/** Holds the current check index; rebuilds it once (whatever the number of waiting requests) after a change. */
@Injectable()
export class CheckIndexService {
  private current: CheckIndex | null = null;
  private building: Promise<CheckIndex> | null = null;
  private stale = true;

  constructor(
    private readonly firms: FirmsService,
    private readonly blockedEntities: BlockedEntitiesService,
    private readonly blocklist: BlocklistService,
    changes: RegistryChangesService,
  ) {
    changes.onChange(() => {
      this.stale = true;
    });
  }

  get(now = Date.now()): Promise<CheckIndex> {
    if (this.current && !this.stale && now - this.current.builtAt < MAX_AGE_MS) return Promise.resolve(this.current);
    this.building ??= this.build().finally(() => {
      this.building = null;
    });
    return this.building;
  }

  private async build(): Promise<CheckIndex> {
    // Cleared before reading: a change that lands during the build marks the index stale again.
    this.stale = false;
    try {
      const { serial, entries } = await this.blocklist.snapshot();
      const blockedEntityIds = [...new Set(entries.flatMap((e) => (e.blockedEntityId ? [e.blockedEntityId] : [])))];
      const [officialDomains, blockedEntities, liftedBlocks] = await Promise.all([
        this.firms.officialDomains(),
        this.blockedEntities.getMany(blockedEntityIds),
        this.blockedEntities.liftedWithDomains(),
      ]);
      this.current = buildCheckIndex({ serial, entries, officialDomains, blockedEntities, liftedBlocks });
      return this.current;
    } catch (error) {
      this.stale = true;
      throw error;
    }
  }
}
