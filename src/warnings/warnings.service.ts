import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { dayInKazakhstan } from '../platform/calendar/kazakhstan-day.js';
import type { NameHit } from '../platform/database/name-similarity.js';
import { canonicaliseDomain } from '../domain-names/canonicalise.js';
import { localisedText, type LocalisedText } from '../text/localised-text.js';
import { foldName } from '../text/name-fold.js';
import type { SourceEmbedded } from '../provenance/source.embedded.js';
import type { ListWarningsQueryDto, WarningDto, WarningPageDto } from './warnings.dto.js';
import { WarningNotFoundError } from './warnings.errors.js';
import { WarningsRepository } from './warnings.repository.js';
import { toWarningDto, warningSearchText } from './warning.mapper.js';

/** A warning as an importer (the demo loader) supplies it. */
export interface WarningInput {
  brands: string[];
  aliases?: string[];
  domains?: string[];
  issuedOn: string | null;
  issuer: string;
  title: LocalisedText;
  summary: LocalisedText;
  source: SourceEmbedded;
}

@Injectable()
export class WarningsService {
  constructor(private readonly warnings: WarningsRepository) {}

  async list(query: ListWarningsQueryDto): Promise<WarningPageDto> {
    const foldedQuery = query.q ? foldName(query.q) : undefined;
    const { warnings, total } = await this.warnings.search({
      foldedQuery: foldedQuery || undefined,
      state: query.state,
      limit: query.limit,
      offset: query.offset,
    });
    return { items: warnings.map(toWarningDto), total, limit: query.limit, offset: query.offset };
  }

  async get(id: string): Promise<WarningDto> {
    const warning = await this.warnings.getById(id);
    if (!warning) throw new WarningNotFoundError(id);
    return toWarningDto(warning);
  }

  /** Every warning, in force or withdrawn, as the public sees them (for the check). */
  async all(): Promise<WarningDto[]> {
    return (await this.warnings.getAll()).map(toWarningDto);
  }

  count(manager: EntityManager): Promise<number> {
    return this.warnings.count(manager);
  }

  /** Warnings with a brand or alias close to each folded query (foldName). */
  nameHits(foldedQueries: readonly string[]): Promise<NameHit[]> {
    return this.warnings.nameHits(foldedQueries);
  }

  /** Warnings naming one of these A-labels (each a host or one of its parents), with the domains they name. */
  domainHits(domains: string[]): Promise<{ id: string; domains: string[] }[]> {
    return this.warnings.domainHits(domains);
  }

  /** These warnings as the public sees them, with the day the registry recorded each (an undated one stood by then), by id. */
  async byIds(ids: string[]): Promise<Map<string, { warning: WarningDto; recordedOn: string }>> {
    return new Map((await this.warnings.getByIds(ids)).map((r) => [r.id, { warning: toWarningDto(r), recordedOn: dayInKazakhstan(r.createdAt) }]));
  }

  earliestDay(): Promise<string | null> {
    return this.warnings.earliestDay();
  }

  /** Inside the caller's transaction. */
  create(manager: EntityManager, input: WarningInput): Promise<string> {
    const aliases = input.aliases ?? [];
    return this.warnings.create(manager, {
      brands: input.brands,
      aliases,
      domains: [...new Set((input.domains ?? []).map(canonicaliseDomain))],
      searchText: warningSearchText(input.brands, aliases),
      issuedOn: input.issuedOn,
      issuer: input.issuer,
      title: localisedText(input.title),
      summary: localisedText(input.summary),
      source: input.source,
      withdrawnOn: null,
      withdrawalReason: null,
    });
  }
}
