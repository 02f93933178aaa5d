import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { NameHit } from '../platform/database/name-similarity.js';
import { canonicaliseDomain } from '../domain-names/canonicalise.js';
import type { LocalisedText } from '../text/localised-text.js';
import { foldName } from '../text/name-fold.js';
import type { BlockedEntityDto, BlockedEntityPageDto, ListBlockedEntitiesQueryDto } from './blocked-entities.dto.js';
import { BlockedEntityNotFoundError } from './blocked-entities.errors.js';
import { BlockedEntitiesRepository, type NewBlockedEntity } from './blocked-entities.repository.js';
import { blockedEntitySearchText, storedTexts, toBlockedEntityDto } from './blocked-entity.mapper.js';

/** A blocked entity as an importer (the demo loader) supplies it: texts in kk/ru/en, English required. */
export type BlockedEntityInput = Omit<
  NewBlockedEntity,
  'searchText' | 'aliases' | 'domains' | 'liftedOn' | 'liftReason' | 'name' | 'authority' | 'requestedBy' | 'legalBasis'
> &
  Partial<Pick<NewBlockedEntity, 'aliases' | 'domains' | 'liftedOn' | 'liftReason'>> & {
    name: LocalisedText;
    authority: LocalisedText;
    requestedBy: LocalisedText | null;
    legalBasis: LocalisedText;
  };

@Injectable()
export class BlockedEntitiesService {
  constructor(private readonly entities: BlockedEntitiesRepository) {}

  async list(query: ListBlockedEntitiesQueryDto): Promise<BlockedEntityPageDto> {
    const foldedQuery = query.q ? foldName(query.q) : undefined;
    const { entities, total } = await this.entities.search({
      foldedQuery: foldedQuery || undefined,
      state: query.state,
      limit: query.limit,
      offset: query.offset,
    });
    return { items: entities.map(toBlockedEntityDto), total, limit: query.limit, offset: query.offset };
  }

  async get(id: string): Promise<BlockedEntityDto> {
    const entity = await this.entities.getById(id);
    if (!entity) throw new BlockedEntityNotFoundError(id);
    return toBlockedEntityDto(entity);
  }

  count(manager: EntityManager): Promise<number> {
    return this.entities.count(manager);
  }

  /** Every blocked entity, in force or lifted, as the public sees them (for the check). */
  async all(): Promise<BlockedEntityDto[]> {
    return (await this.entities.getAll()).map(toBlockedEntityDto);
  }

  /** Which of these ids name a blocked entity (the blocklist checks its references by index before writing). */
  existingIds(manager: EntityManager, ids: string[]): Promise<Set<string>> {
    return this.entities.existingIds(manager, ids);
  }

  /** Blocked entities with a name close to each folded query (foldName). */
  nameHits(foldedQueries: readonly string[]): Promise<NameHit[]> {
    return this.entities.nameHits(foldedQueries);
  }

  /** Blocked entities whose decision names one of these A-labels (each a host or one of its parents), with the domains they name. */
  domainHits(domains: string[]): Promise<{ id: string; domains: string[] }[]> {
    return this.entities.domainHits(domains);
  }

  /** These blocked entities as the public sees them, by id. */
  async byIds(ids: string[]): Promise<Map<string, BlockedEntityDto>> {
    return new Map((await this.entities.getByIds(ids)).map((r) => [r.id, toBlockedEntityDto(r)]));
  }

  earliestDay(): Promise<string | null> {
    return this.entities.earliestDay();
  }

  /** Inside the caller's transaction. */
  create(manager: EntityManager, input: BlockedEntityInput): Promise<string> {
    const aliases = input.aliases ?? [];
    return this.entities.create(manager, {
      ...input,
      ...storedTexts(input),
      aliases,
      liftedOn: input.liftedOn ?? null,
      liftReason: input.liftReason ?? null,
      domains: (input.domains ?? []).map(canonicaliseDomain),
      searchText: blockedEntitySearchText(input.name, aliases),
    });
  }
}
