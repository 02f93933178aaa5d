import { describe, expect, it } from '@jest/globals';
import type { EntityManager } from 'typeorm';
import { aFirm, aSource } from '../../test/fixtures/builders.js';
import { FirmNotFoundError } from './firms.errors.js';
import type { FirmSearch, FirmsRepository, NewFirm, NewFirmDomain } from './firms.repository.js';
import { FirmsService } from './firms.service.js';

class FakeFirmsRepository {
  searches: FirmSearch[] = [];
  created: { firm: NewFirm; domains: NewFirmDomain[] }[] = [];
  firms = [aFirm({ id: 'f1' })];

  async search(filter: FirmSearch) {
    this.searches.push(filter);
    return { firms: this.firms, total: 41 };
  }
  async getById(id: string) {
    return this.firms.find((f) => f.id === id) ?? null;
  }
  async create(_m: EntityManager, firm: NewFirm, domains: NewFirmDomain[]) {
    this.created.push({ firm, domains });
    return 'new-id';
  }
}

function setup() {
  const repo = new FakeFirmsRepository();
  return { repo, service: new FirmsService(repo as unknown as FirmsRepository) };
}

describe('FirmsService', () => {
  it('folds the search text and passes paging through', async () => {
    const { repo, service } = setup();
    const page = await service.list({ q: 'ТОО «Байбит»', limit: 5, offset: 10 });
    expect(repo.searches[0]).toMatchObject({ foldedQuery: 'baibit', limit: 5, offset: 10 });
    expect(page).toMatchObject({ total: 41, limit: 5, offset: 10 });
    expect(page.items[0]).toMatchObject({ id: 'f1', licensingStatus: 'licensed', names: { en: 'Example Exchange' } });
  });

  it('treats a query that folds to nothing as no query', async () => {
    const { repo, service } = setup();
    await service.list({ q: '«»', limit: 20, offset: 0 });
    expect(repo.searches[0]?.foldedQuery).toBeUndefined();
  });

  it('maps to a DTO without leaking entity internals', async () => {
    const { service } = setup();
    const dto = await service.get('f1');
    expect(dto).not.toHaveProperty('searchText');
    expect(dto.updatedAt).toBe('2026-11-24T00:00:00.000Z');
  });

  it('raises FirmNotFoundError for an unknown id', async () => {
    const { service } = setup();
    await expect(service.get('nope')).rejects.toBeInstanceOf(FirmNotFoundError);
  });

  it('stores official domains as A-labels with their Unicode display form, and folded search text', async () => {
    const { repo, service } = setup();
    await service.create({} as EntityManager, {
      names: { en: 'Қазақ Exchange LLP', ru: 'ТОО «Казах Биржа»' },
      brands: ['QazEx'],
      jurisdiction: 'AIFC',
      domains: [{ domain: 'WWW.Биржа.KZ.', source: aSource({ confidence: 'unconfirmed' }) }],
      licences: [],
      source: aSource(),
    });
    expect(repo.created[0]?.domains).toEqual([
      { domain: 'www.xn--80abph4b.kz', display: 'www.биржа.kz', source: aSource({ confidence: 'unconfirmed' }) },
    ]);
    expect(repo.created[0]?.firm.searchText).toContain('qazaq exchange');
    expect(repo.created[0]?.firm.searchText).toContain('qazex');
  });
});
