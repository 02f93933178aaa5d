import { Injectable } from '@nestjs/common';
import { domainToUnicode } from 'node:url';
import type { EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { requireBumped, type VersionedUpdate, VersionedUpdates } from '../audit/versioned-update.js';
import type { Actor } from '../auth/actor.js';
import { canonicaliseDomainList } from '../domain-names/canonicalise.js';
import { dayInKazakhstan } from '../platform/calendar/kazakhstan-day.js';
import { RegistryChangesService } from '../platform/database/registry-changes.service.js';
import { TransactionRunner } from '../platform/database/transactions.js';
import { type FieldProblem, ValidationProblem } from '../platform/http/problem.js';
import { toSource } from '../provenance/source.js';
import { foldedSearchText } from '../text/name-fold.js';
import type { FirmEntity, LicenceEntity } from './firm.entity.js';
import { inRecordedOrder, toFirmDto, toLicenceDto } from './firm.mapper.js';
import type { ChangeLicenceStatusDto, CreateFirmDto, CreateLicenceDto, FirmDomainInputDto, UpdateFirmDto } from './firms.admin.dto.js';
import type { FirmDto } from './firms.dto.js';
import {
  FirmNameTakenError,
  FirmNotFoundError,
  LicenceEndedError,
  LicenceNotFoundError,
  LicenceStatusUnchangedError,
} from './firms.errors.js';
import { FirmsRepository, type NewFirmDomain, type NewLicence } from './firms.repository.js';
import { FirmsService } from './firms.service.js';
import { isPlausibleLicenceNumber, isValidBinOrDemo, isValidLeiOrDemo } from './identifiers.js';
import { eventFor, isEnded } from './licence-history.js';

/** Canonical official domains with their sources, or a problem per bad or repeated one (by its position). */
function checkDomains(input: FirmDomainInputDto[]): { problems: FieldProblem[]; domains: NewFirmDomain[] } {
  const canonical = canonicaliseDomainList(input.map((d) => d.domain));
  const problems: FieldProblem[] = canonical.problems.map((p) => ({ field: `domains.${p.index}.domain`, messages: [p.message] }));
  if (problems.length > 0) return { problems, domains: [] };
  const first = new Map<string, number>();
  const domains = canonical.domains.flatMap((domain, index) => {
    const earlier = first.get(domain);
    if (earlier !== undefined) {
      problems.push({ field: `domains.${index}.domain`, messages: [`Duplicate of domains.${earlier} (${domain}).`] });
      return [];
    }
    first.set(domain, index);
    return [{ domain, display: domainToUnicode(domain) || domain, source: toSource(input[index]!.source) }];
  });
  return { problems, domains };
}

/** Field problems for identifiers and domains, all at once; the canonical domains when there are none. */
function checkFirmFields(input: Partial<CreateFirmDto>): { problems: FieldProblem[]; domains?: NewFirmDomain[] } {
  const problems: FieldProblem[] = [];
  if (input.bin && !isValidBinOrDemo(input.bin)) {
    problems.push({ field: 'bin', messages: ['bin must be 12 digits with a valid check digit, or DEMO-...'] });
  }
  if (input.lei && !isValidLeiOrDemo(input.lei)) {
    problems.push({ field: 'lei', messages: ['lei must be an ISO 17442 LEI with valid check digits, or DEMO-...'] });
  }
  input.licences?.forEach((licence, index) => {
    if (!isPlausibleLicenceNumber(licence.number)) {
      problems.push({ field: `licences.${index}.number`, messages: ['number must be upper-case letters and digits joined by - / .'] });
    }
  });
  if (!input.domains) return { problems };
  const checked = checkDomains(input.domains);
  return { problems: [...problems, ...checked.problems], domains: checked.domains };
}

function toNewLicence(licence: CreateLicenceDto): NewLicence {
  return {
    number: licence.number,
    regulator: licence.regulator,
    activities: licence.activities,
    status: 'active',
    grantedOn: licence.grantedOn,
    grantedOnPrecision: licence.grantedOnPrecision ?? 'day',
    expiresOn: licence.expiresOn ?? null,
    endedOn: null,
    source: toSource(licence.source),
  };
}

/** Why a status change cannot take effect on `on`: not in the future, not before the grant or the last change. */
function effectiveDateProblem(licence: LicenceEntity, on: string, today: string): string | null {
  if (on > today) return `effectiveOn must not be in the future (today is ${today})`;
  if (licence.grantedOn && on < licence.grantedOn) return `effectiveOn must not be before the licence was granted (${licence.grantedOn})`;
  const last = inRecordedOrder(licence.history)
    .map((e) => e.effectiveOn)
    .filter((d): d is string => d !== null)
    .at(-1);
  if (last && on < last) return `effectiveOn must not be before the licence's last recorded change (${last})`;
  return null;
}

/** Operators' writes to firms and licences: one transaction each, audited, optimistic concurrency by version. */
@Injectable()
export class FirmsAdminService {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly repository: FirmsRepository,
    private readonly firms: FirmsService,
    private readonly audit: AuditService,
    private readonly updates: VersionedUpdates,
    private readonly changes: RegistryChangesService,
  ) {}

  async create(input: CreateFirmDto, actor: Actor): Promise<FirmDto> {
    const { problems } = checkFirmFields(input);
    if (problems.length > 0) throw new ValidationProblem(problems);
    const firm = await this.transactions.run(async (manager) => {
      await this.requireNameFree(manager, input.jurisdiction, input.names.en, null);
      const id = await this.firms.create(manager, {
        ...input,
        domains: input.domains.map((d) => ({ domain: d.domain, source: toSource(d.source) })),
        licences: (input.licences ?? []).map(toNewLicence),
        source: toSource(input.source),
      });
      const created = toFirmDto((await this.repository.getById(id, manager))!);
      await this.audit.record(manager, actor, { action: 'firm.create', targetType: 'firm', targetId: id, before: null, after: created });
      return created;
    });
    this.changes.changed();
    return firm;
  }

  update(id: string, version: number, input: UpdateFirmDto, actor: Actor): Promise<FirmDto> {
    const { problems, domains } = checkFirmFields(input);
    if (problems.length > 0) throw new ValidationProblem(problems);
    return this.updates.run({
      ...this.versioned(id, version, actor, 'firm.update'),
      change: async (manager, before) => {
        const given = Object.fromEntries(Object.entries(input.names ?? {}).filter(([, v]) => v !== undefined));
        const names = { en: before.nameEn, ru: before.nameRu, kk: before.nameKk, ...given };
        const jurisdiction = input.jurisdiction ?? before.jurisdiction;
        await this.requireNameFree(manager, jurisdiction, names.en, id);
        const brands = input.brands ?? before.brands;
        const aliases = input.aliases ?? before.aliases;
        requireBumped(
          await this.repository.updateIfVersion(manager, id, version, {
            nameEn: names.en,
            nameRu: names.ru ?? null,
            nameKk: names.kk ?? null,
            brands,
            aliases,
            searchText: foldedSearchText([names.en, names.ru, names.kk, ...brands, ...aliases].filter((n): n is string => Boolean(n))),
            ...(input.bin !== undefined ? { bin: input.bin || null } : {}),
            ...(input.lei !== undefined ? { lei: input.lei || null } : {}),
            ...(input.jurisdiction ? { jurisdiction: input.jurisdiction } : {}),
            ...(input.source ? { source: toSource(input.source) } : {}),
          }),
        );
        if (domains) await this.repository.replaceDomains(manager, id, domains);
      },
    });
  }

  grantLicence(id: string, version: number, input: CreateLicenceDto, actor: Actor): Promise<FirmDto> {
    if (!isPlausibleLicenceNumber(input.number)) {
      throw new ValidationProblem([{ field: 'number', messages: ['number must be upper-case letters and digits joined by - / .'] }]);
    }
    return this.updates.run({
      ...this.versioned(id, version, actor, 'licence.grant'),
      change: async (manager) => {
        requireBumped(await this.repository.updateIfVersion(manager, id, version, {}));
        const licenceId = await this.repository.insertLicence(manager, id, toNewLicence(input));
        return { targetType: 'licence', targetId: licenceId, before: null, after: (firm) => licenceOf(firm, licenceId) };
      },
    });
  }

  /** Records the change in the licence's history in the same transaction, with its date and reason. */
  changeLicenceStatus(
    id: string,
    licenceId: string,
    version: number,
    input: ChangeLicenceStatusDto,
    actor: Actor,
    today = dayInKazakhstan(),
  ): Promise<FirmDto> {
    return this.updates.run({
      ...this.versioned(id, version, actor, `licence.${input.status}`),
      change: async (manager, before) => {
        const licence = before.licences.find((l) => l.id === licenceId);
        if (!licence) throw new LicenceNotFoundError(licenceId);
        if (isEnded(licence.status)) throw new LicenceEndedError();
        const event = eventFor(licence.status, input.status);
        if (!event) throw new LicenceStatusUnchangedError(licence.status);
        const on = input.effectiveOn ?? today;
        const problem = effectiveDateProblem(licence, on, today);
        if (problem) throw new ValidationProblem([{ field: 'effectiveOn', messages: [problem] }]);
        requireBumped(await this.repository.updateIfVersion(manager, id, version, {}));
        await this.repository.changeLicenceStatus(
          manager,
          id,
          licenceId,
          { status: input.status, endedOn: isEnded(input.status) ? on : null },
          { event, effectiveOn: on, effectiveOnPrecision: 'day', reason: input.reason ?? null },
        );
        return { targetType: 'licence', targetId: licenceId, before: toLicenceDto(licence), after: (firm) => licenceOf(firm, licenceId) };
      },
    });
  }

  /** Refuses a second firm with the same English name in a jurisdiction; uq_firms_name backs this up under races. */
  private async requireNameFree(manager: EntityManager, jurisdiction: string, nameEn: string, self: string | null): Promise<void> {
    const existing = await this.repository.findIdByName(manager, jurisdiction, nameEn);
    if (existing && existing !== self) throw new FirmNameTakenError(nameEn, jurisdiction, existing);
  }

  private versioned(id: string, version: number, actor: Actor, action: string): Omit<VersionedUpdate<FirmEntity, FirmDto>, 'change'> {
    return {
      id,
      version,
      actor,
      action,
      targetType: 'firm',
      load: (manager: EntityManager) => this.repository.getById(id, manager),
      notFound: () => new FirmNotFoundError(id),
      view: toFirmDto,
    };
  }
}

function licenceOf(firm: FirmDto, licenceId: string) {
  return firm.licences.find((l) => l.id === licenceId) ?? null;
}
