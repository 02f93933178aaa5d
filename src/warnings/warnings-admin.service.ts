import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { requireBumped, type VersionedUpdate, VersionedUpdates } from '../audit/versioned-update.js';
import type { Actor } from '../auth/actor.js';
import { ancestorsOf, canonicaliseDomainList } from '../domain-names/canonicalise.js';
import { FirmsService } from '../firms/firms.service.js';
import { RegistryChangesService } from '../platform/database/registry-changes.service.js';
import { TransactionRunner } from '../platform/database/transactions.js';
import { ValidationProblem } from '../platform/http/problem.js';
import { toSource } from '../provenance/source.js';
import { localisedText } from '../text/localised-text.js';
import type { AmendWarningDto, CreateWarningDto } from './warnings.admin.dto.js';
import type { WarningDto } from './warnings.dto.js';
import { WarningNamesLicensedDomainError, WarningNotFoundError } from './warnings.errors.js';
import { type NewWarning, WarningsRepository } from './warnings.repository.js';
import type { WarningEntity } from './warning.entity.js';
import { toWarningDto, warningSearchText } from './warning.mapper.js';

function canonicalDomains(domains: string[] | undefined): string[] | undefined {
  if (!domains) return undefined;
  const { domains: result, problems } = canonicaliseDomainList(domains);
  if (problems.length > 0) {
    throw new ValidationProblem(problems.map((p) => ({ field: `domains.${p.index}`, messages: [p.message] })));
  }
  return result;
}

/** Operators record and amend regulators' warnings, and withdraw them; each write is one transaction with its audit event. */
@Injectable()
export class WarningsAdminService {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly repository: WarningsRepository,
    private readonly firms: FirmsService,
    private readonly audit: AuditService,
    private readonly updates: VersionedUpdates,
    private readonly changes: RegistryChangesService,
  ) {}

  async create(input: CreateWarningDto, actor: Actor): Promise<WarningDto> {
    const domains = canonicalDomains(input.domains) ?? [];
    const aliases = input.aliases ?? [];
    const created = await this.transactions.run(async (manager) => {
      await this.refuseLicensedDomains(manager, domains);
      const id = await this.repository.create(manager, {
        brands: input.brands,
        aliases,
        domains: [...new Set(domains)],
        searchText: warningSearchText(input.brands, aliases),
        issuedOn: input.issuedOn ?? null,
        issuer: input.issuer,
        title: localisedText(input.title),
        summary: localisedText(input.summary),
        source: toSource(input.source),
        withdrawnOn: null,
        withdrawalReason: null,
      });
      const dto = toWarningDto((await this.repository.getById(id, manager))!);
      await this.audit.record(manager, actor, { action: 'warning.create', targetType: 'warning', targetId: id, before: null, after: dto });
      return dto;
    });
    this.changes.changed({ table: 'warnings' });
    return created;
  }

  /** Amends any field; `withdrawnOn` (with a reason) withdraws the warning, `withdrawnOn: null` puts it back in force. */
  amend(id: string, version: number, input: AmendWarningDto, actor: Actor): Promise<WarningDto> {
    const domains = canonicalDomains(input.domains);
    const withdrawing = typeof input.withdrawnOn === 'string';
    return this.updates.run<WarningEntity, WarningDto>({
      id,
      version,
      actor,
      action: withdrawing ? 'warning.withdraw' : 'warning.amend',
      targetType: 'warning',
      load: (manager: EntityManager) => this.repository.getById(id, manager),
      notFound: () => new WarningNotFoundError(id),
      view: toWarningDto,
      change: async (manager, before) => {
        if (domains) await this.refuseLicensedDomains(manager, domains);
        const issuedOn = input.issuedOn === undefined ? before.issuedOn : input.issuedOn;
        const withdrawnOn = input.withdrawnOn === undefined ? before.withdrawnOn : input.withdrawnOn;
        if (withdrawnOn !== null && issuedOn !== null && withdrawnOn < issuedOn) {
          throw new ValidationProblem([{ field: 'withdrawnOn', messages: ['withdrawnOn must not be before issuedOn'] }]);
        }
        if (withdrawing && !input.withdrawalReason) {
          throw new ValidationProblem([{ field: 'withdrawalReason', messages: ['withdrawalReason is required with withdrawnOn'] }]);
        }
        if (withdrawnOn === null && input.withdrawalReason !== undefined) {
          throw new ValidationProblem([{ field: 'withdrawalReason', messages: ['withdrawalReason needs withdrawnOn'] }]);
        }
        const brands = input.brands ?? before.brands;
        const aliases = input.aliases ?? before.aliases;
        const patch: Partial<NewWarning> = Object.fromEntries(
          Object.entries({
            brands: input.brands,
            aliases: input.aliases,
            domains: domains && [...new Set(domains)],
            issuedOn: input.issuedOn,
            issuer: input.issuer,
            // A localised text given replaces all three languages, so no stale translation outlives a correction.
            title: input.title && localisedText(input.title),
            summary: input.summary && localisedText(input.summary),
            source: input.source && toSource(input.source),
            withdrawnOn: input.withdrawnOn,
            withdrawalReason: input.withdrawnOn === null ? null : input.withdrawalReason,
          }).filter(([, v]) => v !== undefined),
        );
        patch.searchText = warningSearchText(brands, aliases);
        requireBumped(await this.repository.updateIfVersion(manager, id, version, patch));
      },
    });
  }

  /** The check would call a licensed firm's site warned: refused, naming each domain and its firm. */
  private async refuseLicensedDomains(manager: EntityManager, domains: string[]): Promise<void> {
    const licensed = new Map(
      (await this.firms.officialDomains(manager)).filter((o) => o.firm.licensingStatus === 'licensed').map((o) => [o.domain, o.firm.names.en]),
    );
    const hits = domains.flatMap((domain, index) => {
      const covering = ancestorsOf(domain).find((name) => licensed.has(name));
      return covering ? [{ index, domain, firm: licensed.get(covering)! }] : [];
    });
    if (hits.length > 0) throw new WarningNamesLicensedDomainError(hits);
  }
}
