import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { whereEveryWordMatches } from '../platform/database/like.js';
import { FirmDomainEntity, FirmEntity, LicenceEntity, type LicenceStatus } from './firm.entity.js';

export interface FirmSearch {
  /** Already folded with foldName. */
  foldedQuery?: string;
  licenceStatus?: LicenceStatus;
  limit: number;
  offset: number;
}

export type NewFirm = Omit<FirmEntity, 'id' | 'domains' | 'licences' | 'version' | 'createdAt' | 'updatedAt'>;
export type NewFirmDomain = Pick<FirmDomainEntity, 'domain' | 'display'>;
export type NewLicence = Omit<LicenceEntity, 'id' | 'firm' | 'firmId' | 'createdAt'>;

@Injectable()
export class FirmsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async search(filter: FirmSearch): Promise<{ firms: FirmEntity[]; total: number }> {
    const qb = this.dataSource
      .getRepository(FirmEntity)
      .createQueryBuilder('firm')
      .leftJoinAndSelect('firm.domains', 'domain')
      .leftJoinAndSelect('firm.licences', 'licence')
      // Name then id: a total order, so offset pages neither overlap nor skip.
      .orderBy('firm.nameEn', 'ASC')
      .addOrderBy('firm.id', 'ASC')
      .skip(filter.offset)
      .take(filter.limit);
    if (filter.foldedQuery) whereEveryWordMatches(qb, 'firm.search_text', filter.foldedQuery);
    if (filter.licenceStatus) {
      qb.andWhere('EXISTS (SELECT 1 FROM licences l WHERE l.firm_id = firm.id AND l.status = :status)', {
        status: filter.licenceStatus,
      });
    }
    const [firms, total] = await qb.getManyAndCount();
    return { firms, total };
  }

  getById(id: string, manager: EntityManager = this.dataSource.manager): Promise<FirmEntity | null> {
    return manager.getRepository(FirmEntity).findOne({
      where: { id },
      relations: { domains: true, licences: true },
    });
  }

  /** Every firm that has at least one official domain, with domains and licences (for the check index). */
  getAllWithDomains(manager: EntityManager = this.dataSource.manager): Promise<FirmEntity[]> {
    return manager
      .getRepository(FirmEntity)
      .createQueryBuilder('firm')
      .innerJoinAndSelect('firm.domains', 'domain')
      .leftJoinAndSelect('firm.licences', 'licence')
      .getMany();
  }

  count(manager: EntityManager): Promise<number> {
    return manager.getRepository(FirmEntity).count();
  }

  async create(
    manager: EntityManager,
    firm: NewFirm,
    domains: NewFirmDomain[],
    licences: NewLicence[],
  ): Promise<string> {
    const saved = await manager.getRepository(FirmEntity).save(manager.create(FirmEntity, firm));
    await manager.getRepository(FirmDomainEntity).insert(domains.map((d) => ({ ...d, firmId: saved.id })));
    if (licences.length > 0) {
      await manager.getRepository(LicenceEntity).insert(licences.map((l) => ({ ...l, firmId: saved.id })));
    }
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

  async insertLicence(manager: EntityManager, firmId: string, licence: NewLicence): Promise<string> {
    const result = await manager.getRepository(LicenceEntity).insert({ ...licence, firmId });
    return String(result.identifiers[0]?.id);
  }

  async updateLicenceStatus(
    manager: EntityManager,
    firmId: string,
    licenceId: string,
    patch: Pick<LicenceEntity, 'status' | 'endedOn'>,
  ): Promise<boolean> {
    const result = await manager.getRepository(LicenceEntity).update({ id: licenceId, firmId }, patch);
    return (result.affected ?? 0) === 1;
  }
}
