import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { Actor } from '../api-keys/actor.js';
import { AuditService } from '../audit/audit.service.js';
import { FirmsService } from '../firms/firms.service.js';
import { RegistryChangesService } from '../platform/database/registry-changes.service.js';
import type { FieldProblem } from '../platform/http/problem.js';
import type { AddEntriesDto, BlocklistChangeResultDto, RemoveEntriesDto } from './blocklist.admin.dto.js';
import { InvalidEntriesProblem } from './blocklist.errors.js';
import { toBlocklistEntryDto } from './blocklist.mapper.js';
import { BlocklistRepository, type NewBlocklistEntry } from './blocklist.repository.js';
import { BlocklistService } from './blocklist.service.js';
import { canonicaliseEntryValue, EntryValueError } from './entry-value.js';
import { licensedDomainHit } from './licensed-overlap.js';

/** Operators' writes to the blocklist: validated whole, applied whole, audited item by item, one serial each. */
@Injectable()
export class BlocklistAdminService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repository: BlocklistRepository,
    private readonly blocklist: BlocklistService,
    private readonly firms: FirmsService,
    private readonly audit: AuditService,
    private readonly changes: RegistryChangesService,
  ) {}

  async add(input: AddEntriesDto, actor: Actor): Promise<BlocklistChangeResultDto> {
    const problems: FieldProblem[] = [];
    const flag = (index: number, field: string, message: string) =>
      problems.push({ field: `entries.${index}.${field}`, messages: [message] });
    const source = {
      url: input.source.url ?? null,
      document: input.source.document ?? null,
      readOn: input.source.readOn,
      confidence: input.source.confidence,
    };
    const official = await this.officialDomains();
    const seen = new Map<string, number>();
    const entries: (NewBlocklistEntry & { index: number })[] = [];
    input.entries.forEach((item, index) => {
      let canonical;
      try {
        canonical = canonicaliseEntryValue(item.kind, item.value);
      } catch (error) {
        if (!(error instanceof EntryValueError)) throw error;
        return flag(index, 'value', error.message);
      }
      const key = `${item.kind} ${canonical.value}`;
      const first = seen.get(key);
      if (first !== undefined) return flag(index, 'value', `Duplicate of entries.${first} (${canonical.value}).`);
      seen.set(key, index);
      const hit = licensedDomainHit(item.kind, canonical.value, item.match, official);
      if (hit && !input.allowLicensedDomains) {
        return flag(
          index,
          'value',
          `${canonical.value} would block ${hit.domain}, an official domain of the licensed firm ${hit.firm}. ` +
            'Set allowLicensedDomains with an overrideReason if this is intended.',
        );
      }
      entries.push({
        index,
        kind: item.kind,
        ...canonical,
        match: item.match,
        blockedEntityId: item.blockedEntityId ?? null,
        legalBasis: input.legalBasis,
        source,
      });
    });

    const result = await this.dataSource.transaction(async (manager) => {
      const active = await this.repository.findActiveByValues(manager, entries);
      const activeByKey = new Map(active.map((e) => [`${e.kind} ${e.value}`, e]));
      const entityIds = [...new Set(entries.flatMap((e) => (e.blockedEntityId ? [e.blockedEntityId] : [])))];
      const knownEntities = await this.repository.existingBlockedEntityIds(manager, entityIds);
      for (const entry of entries) {
        const existing = activeByKey.get(`${entry.kind} ${entry.value}`);
        if (existing) flag(entry.index, 'value', `${entry.value} is already on the blocklist (entry ${existing.id}).`);
        if (entry.blockedEntityId && !knownEntities.has(entry.blockedEntityId)) {
          flag(entry.index, 'blockedEntityId', `No blocked entity has the id ${entry.blockedEntityId}.`);
        }
      }
      if (problems.length > 0) {
        problems.sort((a, b) => a.field.localeCompare(b.field, 'en', { numeric: true }));
        throw new InvalidEntriesProblem(problems, input.entries.length);
      }
      const rows = entries.map(({ index: _index, ...entry }) => entry);
      const { serial, addedIds } = await this.blocklist.applyCanonical(manager, rows, []);
      await this.audit.recordMany(
        manager,
        actor,
        rows.map((row, i) => ({
          action: 'blocklist-entry.add',
          targetType: 'blocklist-entry',
          targetId: addedIds[i]!,
          before: null,
          after: {
            ...toBlocklistEntryDto({ ...row, id: addedIds[i]!, addedSerial: String(serial) } as never),
            ...(input.allowLicensedDomains ? { overrideReason: input.overrideReason } : {}),
          },
        })),
      );
      return {
        serial,
        count: rows.length,
        entries: rows.map((row, i) => ({ id: addedIds[i]!, kind: row.kind, value: row.value })),
      };
    });
    this.changes.changed();
    return result;
  }

  async remove(input: RemoveEntriesDto, actor: Actor): Promise<BlocklistChangeResultDto> {
    const result = await this.dataSource.transaction(async (manager) => {
      const active = await this.repository.findActiveByIds(manager, input.ids);
      const found = new Set(active.map((e) => e.id));
      const problems = input.ids.flatMap((id, index) =>
        found.has(id) ? [] : [{ field: `ids.${index}`, messages: [`No entry in force has the id ${id}.`] }],
      );
      if (problems.length > 0) throw new InvalidEntriesProblem(problems, input.ids.length);
      const { serial } = await this.blocklist.applyCanonical(manager, [], input.ids);
      await this.audit.recordMany(
        manager,
        actor,
        active.map((entry) => ({
          action: 'blocklist-entry.remove',
          targetType: 'blocklist-entry',
          targetId: entry.id,
          before: toBlocklistEntryDto(entry),
          after: { ...toBlocklistEntryDto(entry), removedSerial: serial, reason: input.reason },
        })),
      );
      return { serial, count: active.length, entries: active.map((e) => ({ id: e.id, kind: e.kind, value: e.value })) };
    });
    this.changes.changed();
    return result;
  }

  private async officialDomains(): Promise<Map<string, string>> {
    const firms = await this.firms.listWithDomains();
    const licensed = firms.filter((f) => f.licences.some((l) => l.status === 'active' || l.status === 'suspended'));
    return new Map(licensed.flatMap((f) => f.domains.map((d) => [d.domain, f.nameEn] as const)));
  }
}
