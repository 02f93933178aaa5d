import { Injectable } from '@nestjs/common';
import { domainToUnicode } from 'node:url';
import type { EntityManager } from 'typeorm';
import { ancestorsWithin, canonicaliseDomain, canonicaliseTarget } from '../domain-names/canonicalise.js';
import type { SourceEmbedded } from '../provenance/source.embedded.js';
import type { NameHit } from '../platform/database/name-similarity.js';
import { type FirmOnDay, firmOnDay } from './firm-on-day.js';
import { toFirmDto } from './firm.mapper.js';
import type { FirmDto, FirmPageDto, ListFirmsQueryDto } from './firms.dto.js';
import { FirmNotFoundError } from './firms.errors.js';
import { FirmsRepository, type NewLicence } from './firms.repository.js';
import { type FirmView, type OfficialDomain, toFirmView, toOfficialDomains } from './official-domain.js';
import { foldedSearchText, foldName } from '../text/name-fold.js';

/** A firm as an importer (demo loader, operators) supplies it; the service derives search text and A-labels. */
export interface FirmInput {
  names: { en: string; ru?: string | null; kk?: string | null };
  brands?: string[];
  aliases?: string[];
  bin?: string | null;
  lei?: string | null;
  jurisdiction: string;
  /** As written, each with where it is stated that the firm uses it. */
  domains: { domain: string; source: SourceEmbedded }[];
  licences: NewLicence[];
  source: SourceEmbedded;
}

/** The names whose official domain would cover this one: itself and its parents down to the registrable domain. */
function coveringNames(domain: string): string[] {
  const target = canonicaliseTarget(domain);
  return ancestorsWithin(target.host, target.registrableDomain);
}

@Injectable()
export class FirmsService {
  constructor(private readonly firms: FirmsRepository) {}

  async list(query: ListFirmsQueryDto): Promise<FirmPageDto> {
    const foldedQuery = query.q ? foldName(query.q) : undefined;
    const { firms, total } = await this.firms.search({
      // A query that folds to nothing (only punctuation or a legal form) matches everything, like no query.
      foldedQuery: foldedQuery || undefined,
      licensingStatus: query.licensingStatus,
      bin: query.bin,
      lei: query.lei,
      licenceNumber: query.licenceNumber,
      domains: query.domain ? coveringNames(query.domain) : undefined,
      limit: query.limit,
      offset: query.offset,
    });
    return { items: firms.map(toFirmDto), total, limit: query.limit, offset: query.offset };
  }

  async get(id: string): Promise<FirmDto> {
    const firm = await this.firms.getById(id);
    if (!firm) throw new FirmNotFoundError(id);
    return toFirmDto(firm);
  }

  /** Every official domain with its firm's standing (for the check and the blocklist's guard). */
  async officialDomains(manager?: EntityManager): Promise<OfficialDomain[]> {
    return toOfficialDomains(await this.firms.getAllWithDomains(manager));
  }

  /** What the check reads of firms in one query: every firm (for its names) and every official domain. */
  async forCheck(): Promise<{ firms: FirmView[]; officialDomains: OfficialDomain[] }> {
    const firms = await this.firms.getAllForCheck();
    return { firms: firms.map(toFirmView), officialDomains: toOfficialDomains(firms) };
  }

  count(manager: EntityManager): Promise<number> {
    return this.firms.count(manager);
  }

  /** Firms holding any of these BINs, LEIs or licence numbers, with those identifiers (one query for a batch). */
  identifierHits(bins: string[], leis: string[], licenceNumbers: string[]) {
    return this.firms.identifierHits(bins, leis, licenceNumbers);
  }

  /** Official domains among these A-labels (each a host or one of its parents), with their firm. */
  domainHits(domains: string[]): Promise<{ firmId: string; domain: string }[]> {
    return this.firms.domainHits(domains);
  }

  /** Firms with a name close to each folded query (foldName). */
  nameHits(foldedQueries: readonly string[]): Promise<NameHit[]> {
    return this.firms.nameHits(foldedQueries);
  }

  /**
   * Firms as their licence history leaves them on a day (YYYY-MM-DD), each asked for its own day, loaded in one
   * query; keyed `${id} ${day}`, absent for an id no firm has.
   */
  async onDays(asks: readonly { id: string; day: string }[]): Promise<Map<string, FirmOnDay>> {
    const firms = new Map((await this.firms.getByIds([...new Set(asks.map((a) => a.id))])).map((f) => [f.id, f]));
    const answers = new Map<string, FirmOnDay>();
    for (const { id, day } of asks) {
      const firm = firms.get(id);
      if (firm) answers.set(`${id} ${day}`, firmOnDay(firm, day));
    }
    return answers;
  }

  /** The first day any licence's history speaks of; null when no licence is recorded. */
  earliestDay(): Promise<string | null> {
    return this.firms.earliestDay();
  }

  /** Inside the caller's transaction. */
  create(manager: EntityManager, input: FirmInput): Promise<string> {
    const names = [input.names.en, input.names.ru, input.names.kk, ...(input.brands ?? []), ...(input.aliases ?? [])];
    return this.firms.create(
      manager,
      {
        nameEn: input.names.en,
        nameRu: input.names.ru ?? null,
        nameKk: input.names.kk ?? null,
        brands: input.brands ?? [],
        aliases: input.aliases ?? [],
        searchText: foldedSearchText(names.filter((n): n is string => Boolean(n))),
        bin: input.bin ?? null,
        lei: input.lei ?? null,
        jurisdiction: input.jurisdiction,
        source: input.source,
      },
      input.domains.map((d) => {
        const domain = canonicaliseDomain(d.domain);
        return { domain, display: domainToUnicode(domain), source: d.source };
      }),
      input.licences,
    );
  }
}
