import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { requireBumped, type VersionedUpdate, VersionedUpdates } from '../audit/versioned-update.js';
import type { Actor } from '../auth/actor.js';
import { canonicaliseDomainList } from '../domain-names/canonicalise.js';
import { RegistryChangesService } from '../platform/database/registry-changes.service.js';
import { TransactionRunner } from '../platform/database/transactions.js';
import { ValidationProblem } from '../platform/http/problem.js';
import { toSource } from '../provenance/source.js';
import { fromStoredOptional, localisedText } from '../text/localised-text.js';
import type { AmendBlockedEntityDto, CreateBlockedEntityDto, LiftBlockDto } from './blocked-entities.admin.dto.js';
import type { BlockedEntityDto } from './blocked-entities.dto.js';
import { BlockedEntityNotFoundError, BlockLiftedError } from './blocked-entities.errors.js';
import { BlockedEntitiesRepository, type NewBlockedEntity } from './blocked-entities.repository.js';
import type { BlockedEntityEntity } from './blocked-entity.entity.js';
import { blockedEntitySearchText, storedTexts, toBlockedEntityDto } from './blocked-entity.mapper.js';

/** A block being lifted, as those who must follow it (the blocklist) see it. */
export interface LiftedBlock {
  id: string;
  /** The English name (audit trail wording). */
  name: string;
  liftReason: string;
}

/** Runs inside the lift's transaction: whatever it writes commits or rolls back with the lift. */
export type LiftListener = (manager: EntityManager, lifted: LiftedBlock, actor: Actor) => Promise<void>;

function canonicalDomains(domains: string[] | undefined): string[] | undefined {
  if (!domains) return undefined;
  const { domains: result, problems } = canonicaliseDomainList(domains);
  if (problems.length > 0) {
    throw new ValidationProblem(problems.map((p) => ({ field: `domains.${p.index}`, messages: [p.message] })));
  }
  return [...new Set(result)];
}

/**
 * Operators record, amend and lift blocks. A lift is announced to the listeners registered with onLift (the blocklist
 * takes the entity's entries off), in the same transaction, so this module needs to know nothing of them.
 */
@Injectable()
export class BlockedEntitiesAdminService {
  private readonly liftListeners: LiftListener[] = [];

  constructor(
    private readonly transactions: TransactionRunner,
    private readonly repository: BlockedEntitiesRepository,
    private readonly audit: AuditService,
    private readonly updates: VersionedUpdates,
    private readonly changes: RegistryChangesService,
  ) {}

  onLift(listener: LiftListener): void {
    this.liftListeners.push(listener);
  }

  async create(input: CreateBlockedEntityDto, actor: Actor): Promise<BlockedEntityDto> {
    const domains = canonicalDomains(input.domains) ?? [];
    const aliases = input.aliases ?? [];
    const created = await this.transactions.run(async (manager) => {
      const name = localisedText(input.name);
      const id = await this.repository.create(manager, {
        ...storedTexts({
          name,
          authority: localisedText(input.authority),
          requestedBy: input.requestedBy ? localisedText(input.requestedBy) : null,
          legalBasis: localisedText(input.legalBasis),
        }),
        aliases,
        searchText: blockedEntitySearchText(name, aliases),
        category: input.category,
        decisionNumber: input.decisionNumber ?? null,
        decisionDate: input.decisionDate ?? null,
        blockedOn: input.blockedOn,
        blockedOnPrecision: input.blockedOnPrecision ?? 'day',
        liftedOn: null,
        liftReason: null,
        domains,
        source: toSource(input.source),
      });
      const dto = toBlockedEntityDto((await this.repository.getById(id, manager))!);
      await this.audit.record(manager, actor, { action: 'blocked-entity.create', targetType: 'blocked-entity', targetId: id, before: null, after: dto });
      return dto;
    });
    this.changes.changed();
    return created;
  }

  amend(id: string, version: number, input: AmendBlockedEntityDto, actor: Actor): Promise<BlockedEntityDto> {
    const domains = canonicalDomains(input.domains);
    return this.updates.run({
      ...this.versioned(id, version, actor, 'blocked-entity.amend'),
      change: async (manager, before) => {
        // A localised text given replaces all three languages, so no stale translation outlives a correction.
        const texts = storedTexts({
          name: input.name ? localisedText(input.name) : before.name,
          authority: input.authority ? localisedText(input.authority) : before.authority,
          requestedBy:
            input.requestedBy === undefined
              ? fromStoredOptional(before.requestedBy)
              : input.requestedBy && localisedText(input.requestedBy),
          legalBasis: input.legalBasis ? localisedText(input.legalBasis) : before.legalBasis,
        });
        const patch: Partial<NewBlockedEntity> = Object.fromEntries(
          Object.entries({
            ...texts,
            aliases: input.aliases,
            category: input.category,
            decisionNumber: input.decisionNumber,
            decisionDate: input.decisionDate,
            blockedOnPrecision: input.blockedOnPrecision,
            domains,
            source: input.source ? toSource(input.source) : undefined,
          }).filter(([, v]) => v !== undefined),
        );
        patch.searchText = blockedEntitySearchText(texts.name, input.aliases ?? before.aliases);
        requireBumped(await this.repository.updateIfVersion(manager, id, version, patch));
      },
    });
  }

  /** Records the lift; the listeners (the blocklist) remove the entity's entries in the same transaction. */
  lift(id: string, version: number, input: LiftBlockDto, actor: Actor): Promise<BlockedEntityDto> {
    return this.updates.run({
      ...this.versioned(id, version, actor, 'blocked-entity.lift'),
      change: async (manager, before) => {
        if (before.liftedOn) throw new BlockLiftedError();
        if (input.liftedOn < before.blockedOn) {
          throw new ValidationProblem([{ field: 'liftedOn', messages: ['liftedOn must not be before blockedOn'] }]);
        }
        requireBumped(
          await this.repository.updateIfVersion(manager, id, version, { liftedOn: input.liftedOn, liftReason: input.liftReason }),
        );
        for (const listener of this.liftListeners) {
          await listener(manager, { id, name: before.name.en, liftReason: input.liftReason }, actor);
        }
      },
    });
  }

  private versioned(
    id: string,
    version: number,
    actor: Actor,
    action: string,
  ): Omit<VersionedUpdate<BlockedEntityEntity, BlockedEntityDto>, 'change'> {
    return {
      id,
      version,
      actor,
      action,
      targetType: 'blocked-entity',
      load: (manager: EntityManager) => this.repository.getById(id, manager),
      notFound: () => new BlockedEntityNotFoundError(id),
      view: toBlockedEntityDto,
    };
  }
}
