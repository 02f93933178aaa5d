import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { Actor } from '../api-keys/actor.js';
import { AuditService } from '../audit/audit.service.js';
import { BlocklistService } from '../blocklist/blocklist.service.js';
import { canonicaliseDomainList } from '../check/canonicalise.js';
import { toSource } from '../firms/firms-admin.service.js';
import { foldedSearchText } from '../firms/name-fold.js';
import { RegistryChangesService } from '../platform/database/registry-changes.service.js';
import { PreconditionFailedError } from '../platform/http/etag.js';
import { ValidationProblem } from '../platform/http/problem.js';
import type { AmendBlockedEntityDto, CreateBlockedEntityDto, LiftBlockDto } from './blocked-entities.admin.dto.js';
import type { BlockedEntityDto } from './blocked-entities.dto.js';
import { BlockedEntityNotFoundError, BlockLiftedError } from './blocked-entities.errors.js';
import { BlockedEntitiesRepository, type NewBlockedEntity } from './blocked-entities.repository.js';
import type { BlockedEntityEntity } from './blocked-entity.entity.js';
import { toBlockedEntityDto } from './blocked-entity.mapper.js';

function canonicalDomains(domains: string[] | undefined): string[] | undefined {
  if (!domains) return undefined;
  const { domains: result, problems } = canonicaliseDomainList(domains);
  if (problems.length > 0) {
    throw new ValidationProblem(problems.map((p) => ({ field: `domains.${p.index}`, messages: [p.message] })));
  }
  return [...new Set(result)];
}

/** Operators record, amend and lift blocks; lifting also takes the entity's entries off the blocklist. */
@Injectable()
export class BlockedEntitiesAdminService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repository: BlockedEntitiesRepository,
    private readonly blocklist: BlocklistService,
    private readonly audit: AuditService,
    private readonly changes: RegistryChangesService,
  ) {}

  async create(input: CreateBlockedEntityDto, actor: Actor): Promise<BlockedEntityDto> {
    const domains = canonicalDomains(input.domains) ?? [];
    const aliases = input.aliases ?? [];
    const created = await this.dataSource.transaction(async (manager) => {
      const id = await this.repository.create(manager, {
        name: input.name,
        aliases,
        searchText: foldedSearchText([input.name, ...aliases]),
        category: input.category,
        authority: input.authority,
        requestedBy: input.requestedBy ?? null,
        legalBasis: input.legalBasis,
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
    return this.write(id, version, actor, 'blocked-entity.amend', async (manager, before) => {
      const patch: Partial<NewBlockedEntity> = Object.fromEntries(
        Object.entries({
          name: input.name,
          aliases: input.aliases,
          category: input.category,
          authority: input.authority,
          requestedBy: input.requestedBy,
          legalBasis: input.legalBasis,
          decisionNumber: input.decisionNumber,
          decisionDate: input.decisionDate,
          blockedOnPrecision: input.blockedOnPrecision,
          domains,
          source: input.source ? toSource(input.source) : undefined,
        }).filter(([, v]) => v !== undefined),
      );
      patch.searchText = foldedSearchText([input.name ?? before.name, ...(input.aliases ?? before.aliases)]);
      if (!(await this.repository.updateIfVersion(manager, id, version, patch))) throw new PreconditionFailedError();
    });
  }

  /** Records the lift and removes the entity's entries in force under one new blocklist serial. */
  lift(id: string, version: number, input: LiftBlockDto, actor: Actor): Promise<BlockedEntityDto> {
    return this.write(id, version, actor, 'blocked-entity.lift', async (manager, before) => {
      if (before.liftedOn) throw new BlockLiftedError();
      if (input.liftedOn < before.blockedOn) {
        throw new ValidationProblem([{ field: 'liftedOn', messages: ['liftedOn must not be before blockedOn'] }]);
      }
      const updated = await this.repository.updateIfVersion(manager, id, version, {
        liftedOn: input.liftedOn,
        liftReason: input.liftReason,
      });
      if (!updated) throw new PreconditionFailedError();
      const entryIds = await this.blocklist.activeIdsForBlockedEntity(manager, id);
      if (entryIds.length > 0) {
        const serial = await this.blocklist.apply(manager, { add: [], removeIds: entryIds });
        await this.audit.recordMany(
          manager,
          actor,
          entryIds.map((entryId) => ({
            action: 'blocklist-entry.remove',
            targetType: 'blocklist-entry',
            targetId: entryId,
            before: { removedSerial: null },
            after: { removedSerial: serial, reason: `Block on ${before.name} lifted: ${input.liftReason}` },
          })),
        );
      }
    });
  }

  private async write(
    id: string,
    version: number,
    actor: Actor,
    action: string,
    change: (manager: EntityManager, before: BlockedEntityEntity) => Promise<void>,
  ): Promise<BlockedEntityDto> {
    const after = await this.dataSource.transaction(async (manager) => {
      const before = await this.repository.getById(id, manager);
      if (!before) throw new BlockedEntityNotFoundError(id);
      if (before.version !== version) throw new PreconditionFailedError(before.version);
      await change(manager, before);
      const updated = toBlockedEntityDto((await this.repository.getById(id, manager))!);
      await this.audit.record(manager, actor, {
        action,
        targetType: 'blocked-entity',
        targetId: id,
        before: toBlockedEntityDto(before),
        after: updated,
      });
      return updated;
    });
    this.changes.changed();
    return after;
  }
}
