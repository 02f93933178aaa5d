// The blocklist's rules for adding entries, decided in one place for the admin API, the CLI import and its dry run:
// canonical values, no duplicates within a request, nothing already in force, known blocked entities, and no
// official domain of a listed firm unless explicitly allowed. Pure: the caller reads the registry's state.
import type { EntryKind, MatchMode } from '../domain-names/entry-kinds.js';
import { canonicaliseEntryValue, EntryValueError } from '../domain-names/entry-value.js';
import { type LicensedDomainHit, licensedDomainMatcher } from '../domain-names/licensed-overlap.js';

export interface EntryInput {
  kind: EntryKind;
  /** As written: canonicalised here. */
  value: string;
  match: MatchMode;
  blockedEntityId?: string | null;
}

export interface PlannedEntry {
  /** Position in the request. */
  index: number;
  kind: EntryKind;
  value: string;
  displayValue: string;
  match: MatchMode;
  blockedEntityId: string | null;
}

export interface EntryProblem {
  index: number;
  field: 'value' | 'blockedEntityId';
  message: string;
}

export interface InForceEntry {
  id: string;
  match: MatchMode;
  blockedEntityId: string | null;
}

export interface RegistryState {
  /** Entries in force, by entryKey. */
  inForce: Map<string, InForceEntry>;
  /** Official domains of listed (licensed or suspended) firms → the firm's name. */
  officialDomains: Map<string, string>;
  /** Which of the requested blocked-entity ids exist. */
  knownBlockedEntityIds: Set<string>;
}

export interface PlanOptions {
  allowLicensedDomains?: boolean;
  /** Leave an entry already in force exactly as requested where it is, instead of refusing the request. */
  skipInForce?: boolean;
}

export interface EntryPlan {
  toAdd: PlannedEntry[];
  /** Requested entries already in force as requested (only with skipInForce; otherwise they are problems). */
  inForce: (PlannedEntry & { id: string })[];
  /** Every item that stops the request, sorted by index. */
  problems: EntryProblem[];
}

export function entryKey(entry: { kind: string; value: string }): string {
  return `${entry.kind} ${entry.value}`;
}

/**
 * What an operator is told about an entry that cannot be added, worded once for every path that decides it: the
 * admin API and the demo loader (planEntries), and the CLI's streaming import (checked in SQL, blocklist.repository.ts).
 */
export const entryProblems = {
  /** `earlier` names the first occurrence the way the caller's input is numbered (`entries.3`, `line 12`). */
  duplicate: (earlier: string, value: string) => `Duplicate of ${earlier} (${value}).`,
  inForce: (value: string, id: string) => `${value} is already on the blocklist (entry ${id}).`,
  /** Null when the entry in force is exactly the one requested. */
  differsFromInForce(
    entry: { value: string; match: MatchMode; blockedEntityId: string | null },
    existing: InForceEntry,
  ): string | null {
    const differences = [
      existing.match !== entry.match ? `match ${existing.match}, not ${entry.match}` : null,
      entry.blockedEntityId && entry.blockedEntityId !== existing.blockedEntityId
        ? `blocked entity ${existing.blockedEntityId ?? 'none'}, not ${entry.blockedEntityId}`
        : null,
    ].filter((d): d is string => d !== null);
    if (differences.length === 0) return null;
    return (
      `${entry.value} is already on the blocklist (entry ${existing.id}) with ${differences.join(' and ')}. ` +
      'Remove that entry first, or request it as it is.'
    );
  },
  unknownBlockedEntity: (id: string) => `No blocked entity has the id ${id}.`,
  licensedDomain: (value: string, hit: LicensedDomainHit) =>
    `${value} would block ${hit.domain}, an official domain of the licensed firm ${hit.firm}. ` +
    'Set allowLicensedDomains with an overrideReason if this is intended.',
};

/** Canonicalises each value and finds duplicates within the request; needs nothing from the registry. */
export function canonicaliseInputs(inputs: EntryInput[]): { entries: PlannedEntry[]; problems: EntryProblem[] } {
  const problems: EntryProblem[] = [];
  const firstIndex = new Map<string, number>();
  const entries: PlannedEntry[] = [];
  inputs.forEach((input, index) => {
    let canonical;
    try {
      canonical = canonicaliseEntryValue(input.kind, input.value);
    } catch (error) {
      if (!(error instanceof EntryValueError)) throw error;
      return problems.push({ index, field: 'value', message: error.message });
    }
    const key = entryKey(canonical);
    const first = firstIndex.get(key);
    if (first !== undefined) {
      return problems.push({ index, field: 'value', message: entryProblems.duplicate(`entries.${first}`, canonical.value) });
    }
    firstIndex.set(key, index);
    entries.push({ index, ...canonical, match: input.match, blockedEntityId: input.blockedEntityId ?? null });
  });
  return { entries, problems };
}

/** Decides every canonical entry against the registry's state. */
export function planEntries(
  canonical: { entries: PlannedEntry[]; problems: EntryProblem[] },
  state: RegistryState,
  options: PlanOptions = {},
): EntryPlan {
  const plan: EntryPlan = { toAdd: [], inForce: [], problems: [...canonical.problems] };
  const flag = (entry: PlannedEntry, field: EntryProblem['field'], message: string) =>
    plan.problems.push({ index: entry.index, field, message });
  const licensedHit = licensedDomainMatcher(state.officialDomains);
  for (const entry of canonical.entries) {
    const existing = state.inForce.get(entryKey(entry));
    if (existing) {
      const differs = entryProblems.differsFromInForce(entry, existing);
      if (differs) flag(entry, 'value', differs);
      else if (options.skipInForce) plan.inForce.push({ ...entry, id: existing.id });
      else flag(entry, 'value', entryProblems.inForce(entry.value, existing.id));
      continue;
    }
    if (entry.blockedEntityId && !state.knownBlockedEntityIds.has(entry.blockedEntityId)) {
      flag(entry, 'blockedEntityId', entryProblems.unknownBlockedEntity(entry.blockedEntityId));
      continue;
    }
    const hit = licensedHit(entry.kind, entry.value, entry.match);
    if (hit && !options.allowLicensedDomains) {
      flag(entry, 'value', entryProblems.licensedDomain(entry.value, hit));
      continue;
    }
    plan.toAdd.push(entry);
  }
  plan.problems.sort((a, b) => a.index - b.index || a.field.localeCompare(b.field));
  return plan;
}
