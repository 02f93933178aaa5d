import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource, type EntityManager, In } from 'typeorm';
import { KAZAKHSTAN_TIME_ZONE } from '../platform/calendar/kazakhstan-day.js';
import { type NameHit, nameHits } from '../platform/database/name-similarity.js';
import { whereEveryWordMatches } from '../platform/database/like.js';
import { FirmDomainEntity, FirmEntity, LicenceEntity, LicenceEventEntity } from './firm.entity.js';
import { initialHistory, type NewLicenceEvent } from './licence-history.js';
import type { LicensingStatus } from './licensing-status.js';

export interface FirmSearch {
  /** Already folded with foldName. */
  foldedQuery?: string;
  licensingStatus?: LicensingStatus;
  bin?: string;
  lei?: string;
  licenceNumber?: string;
  /** Canonical names any of which is an official domain of the firm (a host and its parents). */
  domains?: string[];
  limit: number;
  offset: number;
}

export type NewFirm = Omit<FirmEntity, 'id' | 'domains' | 'licences' | 'version' | 'createdAt' | 'updatedAt'>;
export type NewFirmDomain = Pick<FirmDomainEntity, 'domain' | 'display' | 'source'>;
export type NewLicence = Omit<LicenceEntity, 'id' | 'firm' | 'firmId' | 'createdAt' | 'history'>;

const ACTIVE = `EXISTS (SELECT 1 FROM licences l WHERE l.firm_id = firm.id AND l.status = 'active')`;
const SUSPENDED = `EXISTS (SELECT 1 FROM licences l WHERE l.firm_id = firm.id AND l.status = 'suspended')`;
/** licensingStatus() in licensing-status.ts, as SQL. */
const STANDING: Record<LicensingStatus, string> = {
  licensed: ACTIVE,
  suspended: `NOT ${ACTIVE} AND ${SUSPENDED}`,
  'not-licensed': `NOT ${ACTIVE} AND NOT ${SUSPENDED}`,
};

@Injectable()
export class FirmsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async search(filter: FirmSearch): Promise<{ firms: FirmEntity[]; total: number }> {
    const qb = this.dataSource
      .getRepository(FirmEntity)
      .createQueryBuilder('firm')
      .leftJoinAndSelect('firm.domains', 'domain')
      .leftJoinAndSelect('firm.licences', 'licence')
      .leftJoinAndSelect('licence.history', 'event')
      // Name then id: a total order, so offset pages neither overlap nor skip.
      .orderBy('firm.nameEn', 'ASC')
      .addOrderBy('firm.id', 'ASC')
      .skip(filter.offset)
      .take(filter.limit);
    if (filter.foldedQuery) whereEveryWordMatches(qb, 'firm.search_text', filter.foldedQuery);
    if (filter.licensingStatus) qb.andWhere(STANDING[filter.licensingStatus]);
    // Exact lookups, each on a unique or plain index (uq_firms_bin, uq_firms_lei, ix_licences_number, uq_firm_domains_domain).
    if (filter.bin) qb.andWhere('firm.bin = :bin', { bin: filter.bin });
    if (filter.lei) qb.andWhere('firm.lei = :lei', { lei: filter.lei });
    if (filter.licenceNumber) {
      qb.andWhere('EXISTS (SELECT 1 FROM licences ln WHERE ln.firm_id = firm.id AND ln.number = :licenceNumber)', {
        licenceNumber: filter.licenceNumber,
      });
    }
    if (filter.domains) {
      qb.andWhere('EXISTS (SELECT 1 FROM firm_domains fd WHERE fd.firm_id = firm.id AND fd.domain IN (:...domains))', {
        domains: filter.domains,
      });
    }
    const [firms, total] = await qb.getManyAndCount();
    return { firms, total };
  }

  getById(id: string, manager: EntityManager = this.dataSource.manager): Promise<FirmEntity | null> {
    return manager.getRepository(FirmEntity).findOne({
      where: { id },
      relations: { domains: true, licences: { history: true } },
    });
  }

  /** The firm in this jurisdiction with this English name, ignoring case (uq_firms_name). */
  async findIdByName(manager: EntityManager, jurisdiction: string, nameEn: string): Promise<string | null> {
    const rows: { id: string }[] = await manager.query(
      'SELECT id FROM firms WHERE jurisdiction = $1 AND lower(name_en) = lower($2)',
      [jurisdiction, nameEn],
    );
    return rows[0]?.id ?? null;
  }

  /** Every firm that has at least one official domain, with domains, licences and their history (for the check index). */
  getAllWithDomains(manager: EntityManager = this.dataSource.manager): Promise<FirmEntity[]> {
    return manager
      .getRepository(FirmEntity)
      .createQueryBuilder('firm')
      .innerJoinAndSelect('firm.domains', 'domain')
      .leftJoinAndSelect('firm.licences', 'licence')
      .leftJoinAndSelect('licence.history', 'event')
      .getMany();
  }

  /** Every firm, with domains (if any), licences and their history (for the check index's names and domains). */
  getAllForCheck(manager: EntityManager = this.dataSource.manager): Promise<FirmEntity[]> {
    return manager
      .getRepository(FirmEntity)
      .createQueryBuilder('firm')
      .leftJoinAndSelect('firm.domains', 'domain')
      .leftJoinAndSelect('firm.licences', 'licence')
      .leftJoinAndSelect('licence.history', 'event')
      .getMany();
  }

  count(manager: EntityManager): Promise<number> {
    return manager.getRepository(FirmEntity).count();
  }

  /** Firms whose BIN, LEI or one of whose licence numbers is among these, with those identifiers (one query). */
  async identifierHits(bins: string[], leis: string[], licenceNumbers: string[]): Promise<{ id: string; bin: string | null; lei: string | null; licenceNumbers: string[] }[]> {
    if (bins.length + leis.length + licenceNumbers.length === 0) return [];
    const rows: { id: string; bin: string | null; lei: string | null; numbers: string[] }[] = await this.dataSource.query(
      `SELECT f.id, f.bin, f.lei, array(SELECT l.number FROM licences l WHERE l.firm_id = f.id ORDER BY l.number) AS numbers
         FROM firms f
        WHERE f.bin = ANY($1::text[]) OR f.lei = ANY($2::text[])
           OR f.id IN (SELECT firm_id FROM licences WHERE number = ANY($3::text[]))`,
      [bins, leis, licenceNumbers],
    );
    return rows.map((r) => ({ id: r.id, bin: r.bin, lei: r.lei, licenceNumbers: r.numbers }));
  }

  /** The official domains among these names (A-labels), with their firm. */
  async domainHits(domains: string[]): Promise<{ firmId: string; domain: string }[]> {
    if (domains.length === 0) return [];
    const rows = await this.dataSource
      .getRepository(FirmDomainEntity)
      .find({ select: { firmId: true, domain: true }, where: { domain: In(domains) } });
    return rows.map((r) => ({ firmId: r.firmId, domain: r.domain }));
  }

  /** Firms with a name close to each folded query (pg_trgm on search_text). */
  nameHits(foldedQueries: readonly string[]): Promise<NameHit[]> {
    return nameHits(this.dataSource.manager, 'firms', foldedQueries);
  }

  /** These firms with domains, licences and their history. */
  getByIds(ids: string[]): Promise<FirmEntity[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.dataSource.getRepository(FirmEntity).find({
      where: { id: In(ids) },
      relations: { domains: true, licences: { history: true } },
    });
  }

  /** The first day any licence's history speaks of (a grant or a change taking effect, or its recording); null when none. */
  async earliestDay(): Promise<string | null> {
    const rows: { day: string | null }[] = await this.dataSource.query(
      `SELECT to_char(least((SELECT min(granted_on) FROM licences),
                            (SELECT min(coalesce(effective_on, (recorded_at AT TIME ZONE '${KAZAKHSTAN_TIME_ZONE}')::date)) FROM licence_events)), 'YYYY-MM-DD') AS day`,
    );
    return rows[0]?.day ?? null;
  }

  async create(
    manager: EntityManager,
    firm: NewFirm,
    domains: NewFirmDomain[],
    licences: NewLicence[],
  ): Promise<string> {
    const saved = await manager.getRepository(FirmEntity).save(manager.create(FirmEntity, firm));
    await manager.getRepository(FirmDomainEntity).insert(domains.map((d) => ({ ...d, firmId: saved.id })));
    for (const licence of licences) await this.insertLicence(manager, saved.id, licence);
    return saved.id;
  }

  /**
   * Optimistic concurrency: applies `patch` and bumps the version only if the firm is still at `version`
   * (TypeORM's save() does not check versions). False means someone else changed it first.
   */
  async updateIfVersion(
    manager: EntityManager,
    id: string,
    version: number,
    patch: Partial<Omit<NewFirm, 'source'>> & { source?: NewFirm['source'] },
  ): Promise<boolean> {
    const result = await manager
      .createQueryBuilder()
      .update(FirmEntity)
      .set({ ...patch, version: () => 'version + 1' })
      .where('id = :id AND version = :version', { id, version })
      .execute();
    return (result.affected ?? 0) === 1;
  }

  async replaceDomains(manager: EntityManager, firmId: string, domains: NewFirmDomain[]): Promise<void> {
    await manager.getRepository(FirmDomainEntity).delete({ firmId });
    if (domains.length > 0) await manager.getRepository(FirmDomainEntity).insert(domains.map((d) => ({ ...d, firmId })));
  }

  /** The licence and the history it starts with (its grant; its end or suspension if recorded so). */
  async insertLicence(manager: EntityManager, firmId: string, licence: NewLicence): Promise<string> {
    const result = await manager.getRepository(LicenceEntity).insert({ ...licence, firmId });
    const id = String(result.identifiers[0]?.id);
    await this.appendEvents(manager, id, initialHistory(licence));
    return id;
  }

  /** The new status and the event that records it, in the caller's transaction. */
  async changeLicenceStatus(
    manager: EntityManager,
    firmId: string,
    licenceId: string,
    patch: Pick<LicenceEntity, 'status' | 'endedOn'>,
    event: NewLicenceEvent,
  ): Promise<boolean> {
    const result = await manager.getRepository(LicenceEntity).update({ id: licenceId, firmId }, patch);
    if ((result.affected ?? 0) !== 1) return false;
    await this.appendEvents(manager, licenceId, [event]);
    return true;
  }

  private async appendEvents(manager: EntityManager, licenceId: string, events: NewLicenceEvent[]): Promise<void> {
    // One at a time, so the identity ids follow the order of the events.
    for (const event of events) await manager.getRepository(LicenceEventEntity).insert({ ...event, licenceId });
  }
}
