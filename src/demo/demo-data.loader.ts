import { Injectable, Logger } from '@nestjs/common';
import { SYSTEM_ACTOR } from '../auth/actor.js';
import { BlockedEntitiesService } from '../blocked-entities/blocked-entities.service.js';
import { BlocklistAdminService } from '../blocklist/blocklist-admin.service.js';
import { FirmsService } from '../firms/firms.service.js';
import { asDemo } from '../provenance/source.js';
import { RegistryChangesService } from '../platform/database/registry-changes.service.js';
import { TransactionRunner } from '../platform/database/transactions.js';
import { WarningsService } from '../warnings/warnings.service.js';
import * as DEMO from './demo-data.js';

// Every source the demo writes says it is demo data, so every answer resting on one can say so.
const DEMO_FIRMS = asDemo(DEMO.DEMO_FIRMS);
const DEMO_BLOCKED_ENTITIES = asDemo(DEMO.DEMO_BLOCKED_ENTITIES);
const DEMO_WARNINGS = asDemo(DEMO.DEMO_WARNINGS);
const { DEMO_ENTRIES, DEMO_LIFTED_ENTITY } = DEMO;

/** Any number fixed for this lock: two instances starting together must not both load. */
const DEMO_LOCK = 4_711_001;

export type DemoLoadResult = { loaded: false } | { loaded: true; firms: number; blockedEntities: number; warnings: number; serial: number };

@Injectable()
export class DemoDataLoader {
  private readonly logger = new Logger(DemoDataLoader.name);

  constructor(
    private readonly transactions: TransactionRunner,
    private readonly firms: FirmsService,
    private readonly blockedEntities: BlockedEntitiesService,
    private readonly blocklist: BlocklistAdminService,
    private readonly warnings: WarningsService,
    private readonly changes: RegistryChangesService,
  ) {}

  /** Loads the demo records into an empty registry, all or nothing; does nothing when anything is there. */
  async loadIfEmpty(): Promise<DemoLoadResult> {
    const result = await this.transactions.run(async (manager): Promise<DemoLoadResult> => {
      await manager.query('SELECT pg_advisory_xact_lock($1)', [DEMO_LOCK]);
      const empty =
        (await this.firms.count(manager)) === 0 &&
        (await this.blockedEntities.count(manager)) === 0 &&
        (await this.warnings.count(manager)) === 0;
      if (!empty) return { loaded: false };

      for (const firm of DEMO_FIRMS) await this.firms.create(manager, firm);
      for (const warning of DEMO_WARNINGS) await this.warnings.create(manager, warning);
      const ids = new Map<string, string>();
      for (const [key, entity] of Object.entries(DEMO_BLOCKED_ENTITIES)) {
        ids.set(key, await this.blockedEntities.create(manager, entity));
      }
      // Through the blocklist's one write path (checked and audited as the registry's own), in one serial; the
      // lifted entity's entries come off in a second, so the demo shows history.
      await this.blocklist.addIn(
        manager,
        {
          entries: DEMO_ENTRIES.map(({ entity, ...entry }) => {
            const blocked = DEMO_BLOCKED_ENTITIES[entity]!;
            return { ...entry, blockedEntityId: ids.get(entity)!, legalBasis: blocked.legalBasis, source: blocked.source };
          }),
        },
        SYSTEM_ACTOR,
      );
      const lifted = DEMO_BLOCKED_ENTITIES[DEMO_LIFTED_ENTITY]!;
      const { serial } = await this.blocklist.removeForBlockedEntity(manager, ids.get(DEMO_LIFTED_ENTITY)!, lifted.liftReason!, SYSTEM_ACTOR);
      return { loaded: true, firms: DEMO_FIRMS.length, blockedEntities: ids.size, warnings: DEMO_WARNINGS.length, serial };
    });
    if (result.loaded) {
      this.changes.changed();
      this.logger.log(result, 'Loaded demo data');
    }
    return result;
  }
}
