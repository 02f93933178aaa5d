import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import type { Actor } from '../auth/actor.js';
import { BlockedEntitiesAdminService, type LiftedBlock } from '../blocked-entities/blocked-entities-admin.service.js';
import { BlockedEntitiesService } from '../blocked-entities/blocked-entities.service.js';
import type { EntryKind, MatchMode } from '../domain-names/entry-kinds.js';
import { canonicaliseEntryValue, EntryValueError } from '../domain-names/entry-value.js';
import { type LicensedDomainHit, licensedDomainMatcher } from '../domain-names/licensed-overlap.js';
import { FirmsService } from '../firms/firms.service.js';
import { isListedAsLicensed } from '../firms/licensing-status.js';
import { RegistryChangesService } from '../platform/database/registry-changes.service.js';
import { TransactionRunner } from '../platform/database/transactions.js';
import { toSource } from '../provenance/source.js';
import type { AddEntriesDto, BlocklistChangeResultDto, RemoveEntriesDto } from './blocklist.admin.dto.js';
import type { BlocklistEntryEntity } from './blocklist.entity.js';
import { InvalidEntriesProblem } from './blocklist.errors.js';
import { toBlocklistEntryDto } from './blocklist.mapper.js';
import {
  BlocklistRepository,
  type ImportChecks,
  type ImportProblemRow,
  type ImportProvenance,
  type ImportWrite,
  type StagedEntry,
} from './blocklist.repository.js';
import { BlocklistService } from './blocklist.service.js';
import type { SourceEmbedded } from '../provenance/source.embedded.js';
import { type LocalisedText, localisedText } from '../text/localised-text.js';
import {
  canonicaliseInputs,
  type EntryInput,
  type EntryPlan,
  entryKey,
  entryProblems,
  type PlanOptions,
  planEntries,
  type RegistryState,
} from './entry-plan.js';

/** One entry to add with its own provenance: the API's request-wide legal basis and source, or the demo's per record. */
export interface EntryWrite extends EntryInput {
  legalBasis: LocalisedText;
  source: SourceEmbedded;
}

export interface AddRequest {
  entries: EntryWrite[];
  allowLicensedDomains?: boolean;
  overrideReason?: string;
}

export function toAddRequest(input: AddEntriesDto): AddRequest {
  const source = toSource(input.source);
  const legalBasis = localisedText(input.legalBasis);
  return {
    entries: input.entries.map((e) => ({ ...e, legalBasis, source })),
    allowLicensedDomains: input.allowLicensedDomains,
    overrideReason: input.overrideReason,
  };
}

export interface AddOptions {
  /** Leave entries already in force as requested where they are (the CLI's --skip-in-force); refused otherwise. */
  skipInForce?: boolean;
}

/** A row of a file to import, in the file's order: an entry as written, or a row its reader refused already. */
export type ImportRow =
  | { line: number; kind: EntryKind; input: string; match: MatchMode; blockedEntityId: string | null }
  | { line: number; message: string };

export interface ImportRequest extends Omit<AddEntriesDto, 'entries'> {
  rows: AsyncIterable<ImportRow>;
  /** For the audit event: the file's name and its SHA-256, asked for once every row has been read. */
  file: { name: string; sha256: () => string };
}

export interface ImportOptions extends AddOptions {
  /** Check everything and write nothing. */
  dryRun?: boolean;
  /** How many problems to return, the first by line (all are counted); 100 unless given. */
  maxProblems?: number;
  /** Told when every row is staged (and, but in a dry run, written) and the checks that need the whole file begin. */
  onPhase?: (phase: 'checking', count: number) => void;
}

export interface ImportOutcome {
  /** Rows read, valid or not. */
  rows: number;
  toAdd: number;
  /** Rows already in force as they are (only with skipInForce; otherwise each is a problem). */
  unchanged: number;
  /** Rows that stop the import. */
  invalid: number;
  /** The first `maxProblems` of them, by line. */
  problems: { line: number; message: string }[];
  /** The serial the entries were added under; null when nothing was written (a dry run, a problem, nothing to add). */
  serial: number | null;
}

/** Ends an import's transaction without writing anything, carrying what it found. */
class ImportRolledBack extends Error {
  constructor(readonly outcome: ImportOutcome) {
    super('import rolled back');
  }
}

/** Enough for an import's checks to sort and hash a million rows in memory rather than in temporary files. */
const IMPORT_WORK_MEM = '256MB';
/** Ids per existence query (PostgreSQL takes at most 65,535 parameters a statement). */
const ID_BATCH = 10_000;

/**
 * The one write path of the blocklist, for the admin API, the CLI and the demo loader: additions validated whole and
 * applied whole, removals by id or by blocked entity; each change one serial, audited entry by entry (a CLI import of
 * a file: one event for the file).
 */
@Injectable()
export class BlocklistAdminService implements OnModuleInit {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly repository: BlocklistRepository,
    private readonly blocklist: BlocklistService,
    private readonly firms: FirmsService,
    private readonly blockedEntities: BlockedEntitiesService,
    private readonly blockedEntitiesAdmin: BlockedEntitiesAdminService,
    private readonly audit: AuditService,
    private readonly changes: RegistryChangesService,
  ) {}

  onModuleInit(): void {
    // A lifted block takes its entries off the blocklist, in the lift's own transaction.
    this.blockedEntitiesAdmin.onLift((manager, lifted, actor) => this.removeForLift(manager, lifted, actor));
  }

  /**
   * Adds the entries of a file of any size under one new serial, all or nothing, by the same rules as `add`: each row
   * canonicalised as it streams in (public suffixes refused, IDN to A-labels, URLs normalised, mapped IPv6 as IPv4)
   * and tested against the licensed firms' official domains, staged by COPY and added batch by batch while the next is
   * read (BlocklistRepository.stageImport), then, unless every row was added, checked whole in SQL (repeats within the
   * file, entries in force, unknown blocked entities), any problem rolling the whole transaction back. One audit event
   * records the import (its serial, count, the file's SHA-256 and the provenance): its entries are those of the serial.
   */
  async importEntries(request: ImportRequest, actor: Actor, options: ImportOptions = {}): Promise<ImportOutcome> {
    const outcome = await this.transactions
      .run((manager) => this.importIn(manager, request, actor, options), { unboundedStatements: true, workMem: IMPORT_WORK_MEM })
      .catch((error: unknown) => {
        if (error instanceof ImportRolledBack) return error.outcome;
        throw error;
      });
    if (outcome.serial !== null) this.changes.changed({ table: 'blocklist_entries', serial: outcome.serial });
    return outcome;
  }

  async add(input: AddEntriesDto, actor: Actor, options: AddOptions = {}): Promise<BlocklistChangeResultDto> {
    const result = await this.transactions.run((manager) => this.addIn(manager, toAddRequest(input), actor, options));
    // The committed serial: this instance's next check waits until its index has it (read your writes).
    this.changes.changed({ table: 'blocklist_entries', serial: result.serial });
    return result;
  }

  /** Inside the caller's transaction (the demo loader's). */
  async addIn(manager: EntityManager, input: AddRequest, actor: Actor, options: AddOptions = {}): Promise<BlocklistChangeResultDto> {
    const plan = await this.planIn(manager, input, options);
    if (plan.problems.length > 0) {
      throw new InvalidEntriesProblem(
        plan.problems.map((p) => ({ field: `entries.${p.index}.${p.field}`, messages: [p.message] })),
        input.entries.length,
      );
    }
    if (plan.toAdd.length === 0) return { serial: await this.blocklist.currentSerial(manager), count: 0, entries: [] };
    const rows = plan.toAdd.map(({ index, ...entry }) => ({
      ...entry,
      legalBasis: input.entries[index]!.legalBasis,
      source: input.entries[index]!.source,
    }));
    const { serial, addedIds } = await this.blocklist.apply(manager, rows, []);
    await this.audit.recordMany(
      manager,
      actor,
      rows.map((row, i) => ({
        action: 'blocklist-entry.add',
        targetType: 'blocklist-entry',
        targetId: addedIds[i]!,
        before: null,
        after: {
          ...toBlocklistEntryDto({ ...row, id: addedIds[i]!, addedSerial: String(serial) } as BlocklistEntryEntity),
          ...(input.allowLicensedDomains ? { overrideReason: input.overrideReason } : {}),
        },
      })),
    );
    return { serial, count: rows.length, entries: rows.map((row, i) => ({ id: addedIds[i]!, kind: row.kind, value: row.value })) };
  }

  async remove(input: RemoveEntriesDto, actor: Actor): Promise<BlocklistChangeResultDto> {
    const result = await this.transactions.run(async (manager) => {
      const active = await this.repository.findActiveByIds(manager, input.ids);
      const found = new Set(active.map((e) => e.id));
      const problems = input.ids.flatMap((id, index) =>
        found.has(id) ? [] : [{ field: `ids.${index}`, messages: [`No entry in force has the id ${id}.`] }],
      );
      if (problems.length > 0) throw new InvalidEntriesProblem(problems, input.ids.length);
      return this.removeIn(manager, active, input.reason, actor);
    });
    this.changes.changed({ table: 'blocklist_entries', serial: result.serial });
    return result;
  }

  /** Takes entries in force off under one new serial, inside the caller's transaction; one audit event each. */
  async removeIn(manager: EntityManager, entries: BlocklistEntryEntity[], reason: string, actor: Actor): Promise<BlocklistChangeResultDto> {
    const { serial } = await this.blocklist.apply(manager, [], entries.map((e) => e.id));
    await this.audit.recordMany(
      manager,
      actor,
      entries.map((entry) => ({
        action: 'blocklist-entry.remove',
        targetType: 'blocklist-entry',
        targetId: entry.id,
        before: toBlocklistEntryDto(entry),
        after: { ...toBlocklistEntryDto(entry), removedSerial: serial, reason },
      })),
    );
    return { serial, count: entries.length, entries: entries.map((e) => ({ id: e.id, kind: e.kind, value: e.value })) };
  }

  /** Takes a blocked entity's entries in force off under one new serial (none: no serial), in the caller's transaction. */
  async removeForBlockedEntity(manager: EntityManager, blockedEntityId: string, reason: string, actor: Actor): Promise<BlocklistChangeResultDto> {
    const entries = await this.repository.findActiveByBlockedEntity(manager, blockedEntityId);
    if (entries.length === 0) return { serial: await this.blocklist.currentSerial(manager), count: 0, entries: [] };
    return this.removeIn(manager, entries, reason, actor);
  }

  private async removeForLift(manager: EntityManager, lifted: LiftedBlock, actor: Actor): Promise<void> {
    await this.removeForBlockedEntity(manager, lifted.id, `Block on ${lifted.name} lifted: ${lifted.liftReason}`, actor);
  }

  private async importIn(manager: EntityManager, request: ImportRequest, actor: Actor, options: ImportOptions): Promise<ImportOutcome> {
    const maxProblems = options.maxProblems ?? 100;
    const provenance = { legalBasis: localisedText(request.legalBasis), source: toSource(request.source) };
    const allowLicensedDomains = request.allowLicensedDomains === true;
    // A real import takes its serial first: the head row's lock keeps every other blocklist write out until commit, so
    // the entries in force the checks read are still the ones in force when the rows are added.
    const serial = options.dryRun ? null : await this.repository.advanceSerial(manager);
    const write = serial === null ? null : { serial, provenance, allowLicensedDomains };
    const { rows, early, earlyProblems, hits, added } = await this.stage(manager, request.rows, maxProblems, write);
    // Every staged row added: then none repeats another or an entry in force, names an unknown entity or a licensed
    // domain (the batches add no such row), so the whole-file checks could only say so again.
    if (serial !== null && early === 0 && added > 0 && added === rows) {
      return this.recordImport(manager, request, actor, provenance, { rows, toAdd: added, unchanged: 0, invalid: 0, problems: [], serial });
    }
    options.onPhase?.('checking', rows);
    await this.repository.analyzeImportStage(manager);

    const named = await this.repository.importBlockedEntityIds(manager);
    const known = new Set<string>();
    for (let i = 0; i < named.length; i += ID_BATCH) {
      for (const id of await this.blockedEntities.existingIds(manager, named.slice(i, i + ID_BATCH))) known.add(id);
    }
    const checks: ImportChecks = {
      skipInForce: options.skipInForce === true,
      allowLicensedDomains,
      unknownBlockedEntityIds: named.filter((id) => !known.has(id)),
      serial,
    };
    const verdicts = await this.repository.judgeImport(manager, checks);
    const toAdd = verdicts.get('add') ?? 0;
    const unchanged = verdicts.get('unchanged') ?? 0;
    const invalid = early + [...verdicts].reduce((n, [verdict, count]) => (verdict === 'add' || verdict === 'unchanged' ? n : n + count), 0);
    const outcome: ImportOutcome = { rows, toAdd, unchanged, invalid, problems: earlyProblems, serial: null };
    if (invalid > early) {
      const found = (await this.repository.importProblems(manager, checks, maxProblems)).map((p) => ({
        line: p.line,
        message: importProblemMessage(p, hits),
      }));
      outcome.problems = [...earlyProblems, ...found].sort((a, b) => a.line - b.line).slice(0, maxProblems);
    }
    if (serial === null || invalid > 0 || toAdd === 0) throw new ImportRolledBack(outcome);
    // With no problem, what the batches added is exactly what the checks let through; anything else is a defect here.
    if (added !== toAdd) throw new Error(`import added ${added} entries while staging, but its checks let ${toAdd} through`);
    return this.recordImport(manager, request, actor, provenance, { ...outcome, serial });
  }

  /** Counts an import's serial and audits it (one event for the file), in its transaction. */
  private async recordImport(
    manager: EntityManager,
    request: ImportRequest,
    actor: Actor,
    provenance: ImportProvenance,
    outcome: ImportOutcome & { serial: number },
  ): Promise<ImportOutcome> {
    const { serial, toAdd: added, unchanged, rows } = outcome;
    await this.repository.recordCounts(manager, serial, added, 0);
    await this.audit.record(manager, actor, {
      action: 'blocklist.import',
      targetType: 'blocklist-serial',
      targetId: String(serial),
      before: null,
      after: {
        serial,
        added,
        unchanged,
        file: { name: request.file.name, sha256: request.file.sha256(), rows },
        legalBasis: provenance.legalBasis,
        source: provenance.source,
        ...(request.allowLicensedDomains ? { allowLicensedDomains: true, overrideReason: request.overrideReason } : {}),
      },
    });
    return outcome;
  }

  /**
   * Streams the rows into the import's staging table, each canonicalised and tested against the licensed firms'
   * official domains (`hits`: the domains a staged row's `licensed` points into) on the way; with `write`, adding
   * them under its serial meanwhile until a row is refused (the import will be rolled back). Problems found row by
   * row arrive in line order: the first `maxProblems` are kept, all are counted (`early`).
   */
  private async stage(
    manager: EntityManager,
    input: AsyncIterable<ImportRow>,
    maxProblems: number,
    write: Omit<ImportWrite, 'enabled'> | null,
  ) {
    await this.repository.createImportStage(manager);
    const official = await this.licensedOfficialDomains(manager);
    const officialIndex = new Map([...official.keys()].map((domain, i) => [domain, i]));
    const hits: LicensedDomainHit[] = [...official].map(([domain, firm]) => ({ domain, firm }));
    const licensedHit = licensedDomainMatcher(official);
    const result = { rows: 0, early: 0, earlyProblems: [] as { line: number; message: string }[], hits, added: 0 };
    const note = (line: number, message: string) => {
      result.early += 1;
      if (result.earlyProblems.length < maxProblems) result.earlyProblems.push({ line, message });
    };
    async function* staged(): AsyncGenerator<StagedEntry> {
      for await (const row of input) {
        result.rows += 1;
        if ('message' in row) {
          note(row.line, row.message);
          continue;
        }
        let canonical;
        try {
          canonical = canonicaliseEntryValue(row.kind, row.input);
        } catch (error) {
          if (!(error instanceof EntryValueError)) throw error;
          note(row.line, error.message);
          continue;
        }
        const hit = licensedHit(canonical.kind, canonical.value, row.match);
        yield {
          line: row.line,
          ...canonical,
          match: row.match,
          blockedEntityId: row.blockedEntityId,
          licensed: hit ? officialIndex.get(hit.domain)! : null,
        };
      }
    }
    result.added = await this.repository.stageImport(manager, staged(), write && { ...write, enabled: () => result.early === 0 });
    return result;
  }

  /** Official domains of listed (licensed or suspended) firms → the firm's English name. */
  private async licensedOfficialDomains(manager: EntityManager): Promise<Map<string, string>> {
    const official = await this.firms.officialDomains(manager);
    return new Map(official.filter((d) => isListedAsLicensed(d.firm.licensingStatus)).map((d) => [d.domain, d.firm.names.en] as const));
  }

  private async planIn(manager: EntityManager, input: AddRequest, options: AddOptions): Promise<EntryPlan> {
    const canonical = canonicaliseInputs(input.entries);
    const state = await this.state(manager, canonical.entries);
    const planOptions: PlanOptions = { allowLicensedDomains: input.allowLicensedDomains === true, skipInForce: options.skipInForce };
    return planEntries(canonical, state, planOptions);
  }

  private async state(manager: EntityManager, entries: { kind: string; value: string; blockedEntityId: string | null }[]): Promise<RegistryState> {
    const [inForce, official, known] = [
      await this.repository.findActiveByValues(manager, entries),
      await this.licensedOfficialDomains(manager),
      await this.blockedEntities.existingIds(manager, [...new Set(entries.flatMap((e) => (e.blockedEntityId ? [e.blockedEntityId] : [])))]),
    ];
    return {
      inForce: new Map(inForce.map((e) => [entryKey(e), { id: e.id, match: e.match, blockedEntityId: e.blockedEntityId }])),
      officialDomains: official,
      knownBlockedEntityIds: known,
    };
  }
}

/** A staged row's problem, worded as planEntries words it for the admin API (a repeat names its first line). */
function importProblemMessage(problem: ImportProblemRow, hits: LicensedDomainHit[]): string {
  const { value, existing } = problem;
  switch (problem.verdict) {
    case 'duplicate':
      return entryProblems.duplicate(`line ${problem.firstLine}`, value);
    case 'differs':
      return entryProblems.differsFromInForce(problem, existing!) ?? entryProblems.inForce(value, existing!.id);
    case 'in-force':
      return entryProblems.inForce(value, existing!.id);
    case 'unknown-entity':
      return entryProblems.unknownBlockedEntity(problem.blockedEntityId!);
    case 'licensed':
      return entryProblems.licensedDomain(value, hits[problem.licensed!]!);
  }
}
