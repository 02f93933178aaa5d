import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import type { Actor } from '../auth/actor.js';
import { BlockedEntitiesAdminService, type LiftedBlock } from '../blocked-entities/blocked-entities-admin.service.js';
import { BlockedEntitiesService } from '../blocked-entities/blocked-entities.service.js';
import { FirmsService } from '../firms/firms.service.js';
import { isListedAsLicensed } from '../firms/licensing-status.js';
import { RegistryChangesService } from '../platform/database/registry-changes.service.js';
import { TransactionRunner } from '../platform/database/transactions.js';
import { toSource } from '../provenance/source.js';
import type { AddEntriesDto, BlocklistChangeResultDto, RemoveEntriesDto } from './blocklist.admin.dto.js';
import type { BlocklistEntryEntity } from './blocklist.entity.js';
import { InvalidEntriesProblem } from './blocklist.errors.js';
import { toBlocklistEntryDto } from './blocklist.mapper.js';
import { BlocklistRepository } from './blocklist.repository.js';
import { BlocklistService } from './blocklist.service.js';
import type { SourceEmbedded } from '../provenance/source.embedded.js';
import { type LocalisedText, localisedText } from '../text/localised-text.js';
import {
  canonicaliseInputs,
  type EntryInput,
  type EntryPlan,
  entryKey,
  type PlanOptions,
  planEntries,
  type RegistryState,
} from './entry-plan.js';

/** One entry to add with its own provenance: the API's request-wide legal basis and source, or the demo's per record. */
export interface EntryWrite extends EntryInput {
  legalBasis: LocalisedText;
  source: SourceEmbedded;
}

export interface AddRequest {
  entries: EntryWrite[];
  allowLicensedDomains?: boolean;
  overrideReason?: string;
}

export function toAddRequest(input: AddEntriesDto): AddRequest {
  const source = toSource(input.source);
  const legalBasis = localisedText(input.legalBasis);
  return {
    entries: input.entries.map((e) => ({ ...e, legalBasis, source })),
    allowLicensedDomains: input.allowLicensedDomains,
    overrideReason: input.overrideReason,
  };
}

export interface AddOptions {
  /** Leave entries already in force as requested where they are (the CLI's --skip-in-force); refused otherwise. */
  skipInForce?: boolean;
}

/**
 * The one write path of the blocklist, for the admin API, the CLI and the demo loader: additions validated whole and
 * applied whole, removals by id or by blocked entity; each change one serial, audited entry by entry.
 */
@Injectable()
export class BlocklistAdminService implements OnModuleInit {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly repository: BlocklistRepository,
    private readonly blocklist: BlocklistService,
    private readonly firms: FirmsService,
    private readonly blockedEntities: BlockedEntitiesService,
    private readonly blockedEntitiesAdmin: BlockedEntitiesAdminService,
    private readonly audit: AuditService,
    private readonly changes: RegistryChangesService,
  ) {}

  onModuleInit(): void {
    // A lifted block takes its entries off the blocklist, in the lift's own transaction.
    this.blockedEntitiesAdmin.onLift((manager, lifted, actor) => this.removeForLift(manager, lifted, actor));
  }

  /** What `add` would do now, without writing: the CLI's dry run. */
  plan(input: AddEntriesDto, options: AddOptions = {}): Promise<EntryPlan> {
    return this.transactions.run((manager) => this.planIn(manager, toAddRequest(input), options));
  }

  async add(input: AddEntriesDto, actor: Actor, options: AddOptions = {}): Promise<BlocklistChangeResultDto> {
    const result = await this.transactions.run((manager) => this.addIn(manager, toAddRequest(input), actor, options));
    // The committed serial: this instance's next check waits until its index has it (read your writes).
    this.changes.changed({ table: 'blocklist_entries', serial: result.serial });
    return result;
  }

  /** Inside the caller's transaction (the demo loader's). */
  async addIn(manager: EntityManager, input: AddRequest, actor: Actor, options: AddOptions = {}): Promise<BlocklistChangeResultDto> {
    const plan = await this.planIn(manager, input, options);
    if (plan.problems.length > 0) {
      throw new InvalidEntriesProblem(
        plan.problems.map((p) => ({ field: `entries.${p.index}.${p.field}`, messages: [p.message] })),
        input.entries.length,
      );
    }
    if (plan.toAdd.length === 0) return { serial: await this.blocklist.currentSerial(manager), count: 0, entries: [] };
    const rows = plan.toAdd.map(({ index, ...entry }) => ({
      ...entry,
      legalBasis: input.entries[index]!.legalBasis,
      source: input.entries[index]!.source,
    }));
    const { serial, addedIds } = await this.blocklist.apply(manager, rows, []);
    await this.audit.recordMany(
      manager,
      actor,
      rows.map((row, i) => ({
        action: 'blocklist-entry.add',
        targetType: 'blocklist-entry',
        targetId: addedIds[i]!,
        before: null,
        after: {
          ...toBlocklistEntryDto({ ...row, id: addedIds[i]!, addedSerial: String(serial) } as BlocklistEntryEntity),
          ...(input.allowLicensedDomains ? { overrideReason: input.overrideReason } : {}),
        },
      })),
    );
    return { serial, count: rows.length, entries: rows.map((row, i) => ({ id: addedIds[i]!, kind: row.kind, value: row.value })) };
  }

  async remove(input: RemoveEntriesDto, actor: Actor): Promise<BlocklistChangeResultDto> {
    const result = await this.transactions.run(async (manager) => {
      const active = await this.repository.findActiveByIds(manager, input.ids);
      const found = new Set(active.map((e) => e.id));
      const problems = input.ids.flatMap((id, index) =>
        found.has(id) ? [] : [{ field: `ids.${index}`, messages: [`No entry in force has the id ${id}.`] }],
      );
      if (problems.length > 0) throw new InvalidEntriesProblem(problems, input.ids.length);
      return this.removeIn(manager, active, input.reason, actor);
    });
    this.changes.changed({ table: 'blocklist_entries', serial: result.serial });
    return result;
  }

  /** Takes entries in force off under one new serial, inside the caller's transaction; one audit event each. */
  async removeIn(manager: EntityManager, entries: BlocklistEntryEntity[], reason: string, actor: Actor): Promise<BlocklistChangeResultDto> {
    const { serial } = await this.blocklist.apply(manager, [], entries.map((e) => e.id));
    await this.audit.recordMany(
      manager,
      actor,
      entries.map((entry) => ({
        action: 'blocklist-entry.remove',
        targetType: 'blocklist-entry',
        targetId: entry.id,
        before: toBlocklistEntryDto(entry),
        after: { ...toBlocklistEntryDto(entry), removedSerial: serial, reason },
      })),
    );
    return { serial, count: entries.length, entries: entries.map((e) => ({ id: e.id, kind: e.kind, value: e.value })) };
  }

  /** Takes a blocked entity's entries in force off under one new serial (none: no serial), in the caller's transaction. */
  async removeForBlockedEntity(manager: EntityManager, blockedEntityId: string, reason: string, actor: Actor): Promise<BlocklistChangeResultDto> {
    const entries = await this.repository.findActiveByBlockedEntity(manager, blockedEntityId);
    if (entries.length === 0) return { serial: await this.blocklist.currentSerial(manager), count: 0, entries: [] };
    return this.removeIn(manager, entries, reason, actor);
  }

  private async removeForLift(manager: EntityManager, lifted: LiftedBlock, actor: Actor): Promise<void> {
    await this.removeForBlockedEntity(manager, lifted.id, `Block on ${lifted.name} lifted: ${lifted.liftReason}`, actor);
  }

  private async planIn(manager: EntityManager, input: AddRequest, options: AddOptions): Promise<EntryPlan> {
    const canonical = canonicaliseInputs(input.entries);
    const state = await this.state(manager, canonical.entries);
    const planOptions: PlanOptions = { allowLicensedDomains: input.allowLicensedDomains === true, skipInForce: options.skipInForce };
    return planEntries(canonical, state, planOptions);
  }

  private async state(manager: EntityManager, entries: { kind: string; value: string; blockedEntityId: string | null }[]): Promise<RegistryState> {
    const [inForce, official, known] = [
      await this.repository.findActiveByValues(manager, entries),
      await this.firms.officialDomains(manager),
      await this.blockedEntities.existingIds(manager, [...new Set(entries.flatMap((e) => (e.blockedEntityId ? [e.blockedEntityId] : [])))]),
    ];
    return {
      inForce: new Map(inForce.map((e) => [entryKey(e), { id: e.id, match: e.match, blockedEntityId: e.blockedEntityId }])),
      officialDomains: new Map(
        official.filter((d) => isListedAsLicensed(d.firm.licensingStatus)).map((d) => [d.domain, d.firm.names.en] as const),
      ),
      knownBlockedEntityIds: known,
    };
  }
}
