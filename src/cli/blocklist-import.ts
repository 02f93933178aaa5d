// What importing a blocklist CSV would change, decided against the registry as it is: pure, so a dry run and the real
// import agree by construction.
import { licensedDomainHit } from '../blocklist/licensed-overlap.js';
import { type BlocklistCsv, type EntryRow, entryKey, type RowProblem } from './blocklist-csv.js';

export interface ActiveEntry {
  id: string;
  kind: string;
  value: string;
  match: string;
  blockedEntityId: string | null;
}

export interface RegistryState {
  /** Entries in force, by entryKey. */
  active: Map<string, ActiveEntry>;
  /** Official domains of licensed (or suspended) firms → the firm's name. */
  officialDomains: Map<string, string>;
  /** Which of the file's blocked_entity_id values exist. */
  knownBlockedEntityIds: Set<string>;
}

export interface ImportPlan {
  /** Data rows in the file. */
  total: number;
  /** New entries. */
  toAdd: EntryRow[];
  /** Already on the blocklist as the file says: left as they are. */
  unchanged: EntryRow[];
  /** By line: bad rows, and rows that contradict an entry in force (an import only adds, it never rewrites). */
  invalid: RowProblem[];
}

export function planImport(csv: BlocklistCsv, state: RegistryState, options: { allowLicensedDomains: boolean }): ImportPlan {
  const plan: ImportPlan = { total: csv.total, toAdd: [], unchanged: [], invalid: [...csv.problems] };
  for (const row of csv.rows) {
    const existing = state.active.get(entryKey(row));
    if (existing) {
      const differences = [
        existing.match !== row.match ? `match ${existing.match}, not ${row.match}` : null,
        row.blockedEntityId && row.blockedEntityId !== existing.blockedEntityId
          ? `blocked entity ${existing.blockedEntityId ?? 'none'}, not ${row.blockedEntityId}`
          : null,
      ].filter((d): d is string => d !== null);
      if (differences.length === 0) plan.unchanged.push(row);
      else {
        plan.invalid.push({
          line: row.line,
          message:
            `${row.value} is already on the blocklist (entry ${existing.id}) with ${differences.join(' and ')}. ` +
            'An import only adds entries: remove that entry first, or make the row match it.',
        });
      }
      continue;
    }
    if (row.blockedEntityId && !state.knownBlockedEntityIds.has(row.blockedEntityId)) {
      plan.invalid.push({ line: row.line, message: `no blocked entity has the id ${row.blockedEntityId}.` });
      continue;
    }
    const hit = licensedDomainHit(row.kind, row.value, row.match, state.officialDomains);
    if (hit && !options.allowLicensedDomains) {
      plan.invalid.push({
        line: row.line,
        message:
          `${row.value} would block ${hit.domain}, an official domain of the licensed firm ${hit.firm}. ` +
          'If that is intended, import with --allow-licensed-domains --override-reason "<why>".',
      });
      continue;
    }
    plan.toAdd.push(row);
  }
  plan.invalid.sort((a, b) => a.line - b.line);
  return plan;
}
