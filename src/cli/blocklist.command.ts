// `blocklist import | export`: bulk additions from CSV (a file of any size streamed, checked whole, one serial, all or
// nothing) and the entries in force as CSV. Imports go through BlocklistAdminService, by the admin API's rules.
import { isISO8601, isURL } from 'class-validator';
import { stringify } from 'csv-stringify/sync';
import { Command, CommandRunner, Option, SubCommand } from 'nest-commander';
import { basename } from 'node:path';
import { BlocklistAdminService, type ImportOutcome, type ImportRow } from '../blocklist/blocklist-admin.service.js';
import { BlocklistService } from '../blocklist/blocklist.service.js';
import { dayInKazakhstan } from '../platform/calendar/kazakhstan-day.js';
import { normaliseText } from '../platform/i18n/free-text.js';
import { SOURCE_CONFIDENCES, type SourceConfidence } from '../provenance/source.embedded.js';
import { MAX_LOCALISED_TEXT_LENGTH } from '../text/localised-text.dto.js';
import { checkReadable, estimateRows, readBlocklistCsv, type RowProblem } from './blocklist-csv.js';
import { CLI_ACTOR } from '../auth/actor.js';
import { CliError, UsageError } from './cli-errors.js';
import { groupRun } from './commander-tree.js';
import { count, err, out, plural, writeFileAtomically } from './output.js';
import { startProgress } from './progress.js';
import { RegistryContext } from './registry-context.js';

/** Enough to fix a file in a few passes without burying the summary. */
const MAX_PROBLEMS_SHOWN = 100;

interface ImportOptions {
  dryRun?: boolean;
  legalBasis?: string;
  legalBasisRu?: string;
  legalBasisKk?: string;
  sourceUrl?: string;
  sourceDocument?: string;
  sourceReadOn?: string;
  confidence?: SourceConfidence;
  allowLicensedDomains?: boolean;
  overrideReason?: string;
  skipInForce?: boolean;
}

interface Provenance {
  legalBasis: { en: string; ru?: string; kk?: string };
  source: { url?: string; document?: string; readOn: string; confidence: SourceConfidence };
}

/** As the admin API stores it: NFC, trimmed, within the localised-text limit. */
function legalBasisText(value: string, what: string): string {
  const text = normaliseText(value);
  if (text.length < 3 || text.length > MAX_LOCALISED_TEXT_LENGTH) {
    throw new UsageError(`${what} must be 3 to ${MAX_LOCALISED_TEXT_LENGTH} characters.`);
  }
  return text;
}

function today(): string {
  return dayInKazakhstan();
}

/** What every entry records besides itself; required for a real import, checked if given for a dry run. */
export function provenanceFrom(options: ImportOptions, required: boolean): { provenance: Provenance | null; missing: string[] } {
  const missing: string[] = [];
  if (options.legalBasis === undefined) missing.push('--legal-basis <text>');
  if (options.sourceUrl === undefined && options.sourceDocument === undefined) {
    missing.push('--source-url <url> or --source-document <text>');
  }
  if (options.confidence === undefined) missing.push(`--confidence <${SOURCE_CONFIDENCES.join('|')}>`);
  if (options.allowLicensedDomains && options.overrideReason === undefined) missing.push('--override-reason <text>');
  if (missing.length > 0) {
    if (required) throw new UsageError(`an import records where each entry comes from; missing ${missing.join(', ')}.`);
    return { provenance: null, missing };
  }
  return {
    provenance: {
      legalBasis: {
        en: options.legalBasis!,
        ...(options.legalBasisRu !== undefined ? { ru: options.legalBasisRu } : {}),
        ...(options.legalBasisKk !== undefined ? { kk: options.legalBasisKk } : {}),
      },
      source: {
        ...(options.sourceUrl !== undefined ? { url: options.sourceUrl } : {}),
        ...(options.sourceDocument !== undefined ? { document: options.sourceDocument } : {}),
        readOn: options.sourceReadOn ?? today(),
        confidence: options.confidence!,
      },
    },
    missing: [],
  };
}

function problemLines(problems: RowProblem[], total: number): string {
  const shown = problems.map((p) => `  line ${p.line}: ${p.message}`);
  if (total > problems.length) shown.push(`  ... and ${count(total - problems.length)} more`);
  return shown.join('\n');
}

/** The rows as they pass, counted: `onRow(rowsSoFar)` after each. */
async function* counted(rows: AsyncIterable<ImportRow>, onRow: (rows: number) => void): AsyncGenerator<ImportRow> {
  let n = 0;
  for await (const row of rows) {
    yield row;
    onRow(++n);
  }
}

@SubCommand({
  name: 'import',
  arguments: '<file>',
  argsDescription: { file: 'CSV with the header kind,value,match[,blocked_entity_id]' },
  description:
    'add the entries of a CSV file to the blocklist under one new serial, all or nothing; ' +
    'rows already on the blocklist are left as they are, and nothing is removed',
})
export class BlocklistImportCommand extends CommandRunner {
  constructor(private readonly registry: RegistryContext) {
    super();
  }

  async run([file]: string[], options: ImportOptions): Promise<void> {
    const dryRun = options.dryRun === true;
    const { provenance, missing } = provenanceFrom(options, !dryRun);
    await checkReadable(file!);
    const estimate = await estimateRows(file!);
    const csv = await readBlocklistCsv(file!);
    const admin = await this.registry.get(BlocklistAdminService);
    const skipInForce = options.skipInForce === true;
    const progress = startProgress(dryRun ? 'reading rows' : 'reading and writing rows', estimate);
    let outcome: ImportOutcome;
    try {
      outcome = await admin.importEntries(
        {
          rows: counted(csv.rows, (rows) => progress.update(rows, rows > estimate ? rows : undefined)),
          file: { name: basename(file!), sha256: csv.sha256 },
          // A dry run without provenance is checked with a stand-in that is never written.
          legalBasis: provenance?.legalBasis ?? { en: 'dry run' },
          source: provenance?.source ?? { document: 'dry run', readOn: today(), confidence: 'unconfirmed' },
          ...(options.allowLicensedDomains ? { allowLicensedDomains: true, overrideReason: options.overrideReason } : {}),
        },
        CLI_ACTOR,
        {
          dryRun,
          skipInForce,
          maxProblems: MAX_PROBLEMS_SHOWN,
          onPhase: (_phase, n) => {
            // The estimate counts lines; a quoted value may span several.
            progress.update(n, n);
            progress.stop();
            err(`Checking ${plural(n, 'row')} against the blocklist...`);
          },
        },
      );
    } finally {
      progress.stop();
    }
    if (outcome.rows === 0) throw new CliError(`${file} has a header but no rows.`);

    if (dryRun) {
      this.report(file!, outcome, missing, skipInForce);
      if (outcome.invalid > 0) throw new CliError(`${plural(outcome.invalid, 'row')} cannot be imported (listed above).`);
      return;
    }
    if (outcome.invalid > 0) {
      err(problemLines(outcome.problems, outcome.invalid));
      throw new CliError(
        `${count(outcome.invalid)} of ${plural(outcome.rows, 'row')} cannot be imported (listed above); nothing was written. ` +
          'Fix them and import again (--dry-run checks without writing).',
      );
    }
    const unchanged = outcome.unchanged;
    if (outcome.serial === null) {
      out(`Nothing to add: ${unchanged === 1 ? 'the one entry' : `all ${count(unchanged)} entries`} in ${file} ${unchanged === 1 ? 'is' : 'are'} already on the blocklist.`);
      return;
    }
    out(
      `Imported ${file}: added ${plural(outcome.toAdd, 'entry', 'entries')} under serial ${outcome.serial}` +
        (unchanged > 0 ? `; ${count(unchanged)} ${unchanged === 1 ? 'was' : 'were'} already on the blocklist (unchanged).` : '.'),
    );
  }

  private report(file: string, outcome: ImportOutcome, missing: string[], skipInForce: boolean): void {
    const lines = [
      `Dry run of ${file}: ${plural(outcome.rows, 'row')}. Nothing was written.`,
      `  to add:     ${count(outcome.toAdd)}`,
      `  unchanged:  ${count(outcome.unchanged)} (already on the blocklist${skipInForce ? ', left as they are' : ''})`,
      `  removed:    0 (an import only adds; entries missing from the file stay on the blocklist)`,
      `  invalid:    ${count(outcome.invalid)}`,
    ];
    if (outcome.invalid > 0) {
      lines.push('', 'Invalid rows (the import would be refused until they are fixed):', problemLines(outcome.problems, outcome.invalid));
    }
    if (missing.length > 0) lines.push('', `The real import also needs ${missing.join(', ')}.`);
    out(lines.join('\n'));
  }

  @Option({ flags: '--dry-run', description: 'check the file and report what would change; write nothing' })
  parseDryRun(): boolean {
    return true;
  }

  @Option({ flags: '--legal-basis <text>', description: 'the law the entries are blocked under, in English (recorded on each)' })
  parseLegalBasis(value: string): string {
    return legalBasisText(value, 'the legal basis');
  }

  @Option({ flags: '--legal-basis-ru <text>', description: 'the legal basis in Russian, where known' })
  parseLegalBasisRu(value: string): string {
    return legalBasisText(value, 'the Russian legal basis');
  }

  @Option({ flags: '--legal-basis-kk <text>', description: 'the legal basis in Kazakh, where known' })
  parseLegalBasisKk(value: string): string {
    return legalBasisText(value, 'the Kazakh legal basis');
  }

  @Option({ flags: '--source-url <url>', description: 'where the decision was read (http or https)' })
  parseSourceUrl(value: string): string {
    if (value.length > 2048 || !isURL(value, { require_protocol: true, protocols: ['http', 'https'] })) {
      throw new UsageError(`"${value}" is not an http(s) URL.`);
    }
    return value;
  }

  @Option({ flags: '--source-document <text>', description: 'the document, when there is no URL (title, number, date)' })
  parseSourceDocument(value: string): string {
    const text = value.trim();
    if (text.length < 3 || text.length > 2000) throw new UsageError('the source document must be 3 to 2000 characters.');
    return text;
  }

  @Option({ flags: '--source-read-on <date>', description: 'when the source was read (YYYY-MM-DD); today if absent' })
  parseSourceReadOn(value: string): string {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || !isISO8601(value, { strict: true })) {
      throw new UsageError(`"${value}" is not a date written YYYY-MM-DD.`);
    }
    if (value > today()) throw new UsageError(`${value} is in the future.`);
    return value;
  }

  @Option({ flags: '--confidence <level>', description: `how sure the source is: ${SOURCE_CONFIDENCES.join(', ')}` })
  parseConfidence(value: string): SourceConfidence {
    if (!(SOURCE_CONFIDENCES as readonly string[]).includes(value)) {
      throw new UsageError(`"${value}" is not a confidence; use one of ${SOURCE_CONFIDENCES.join(', ')}.`);
    }
    return value as SourceConfidence;
  }

  @Option({ flags: '--skip-in-force', description: 'leave rows already on the blocklist as they are instead of refusing the file' })
  parseSkipInForce(): boolean {
    return true;
  }

  @Option({ flags: '--allow-licensed-domains', description: "allow entries that block a licensed firm's official domain" })
  parseAllowLicensedDomains(): boolean {
    return true;
  }

  @Option({ flags: '--override-reason <text>', description: 'why a licensed domain must be blocked (recorded in the audit trail)' })
  parseOverrideReason(value: string): string {
    const text = value.trim();
    if (text.length < 10 || text.length > 1000) throw new UsageError('the override reason must be 10 to 1000 characters.');
    return text;
  }
}

@SubCommand({ name: 'export', description: 'write the entries in force as CSV (kind,value,match,blocked_entity_id,added_serial)' })
export class BlocklistExportCommand extends CommandRunner {
  constructor(private readonly registry: RegistryContext) {
    super();
  }

  async run(_args: string[], options: { out?: string }): Promise<void> {
    const { serial, entries } = await (await this.registry.get(BlocklistService)).snapshot();
    entries.sort((a, b) => a.addedSerial - b.addedSerial || a.kind.localeCompare(b.kind) || a.value.localeCompare(b.value));
    const csv = stringify(
      entries.map((e) => [e.kind, e.value, e.match, e.blockedEntityId ?? '', e.addedSerial]),
      { header: true, columns: ['kind', 'value', 'match', 'blocked_entity_id', 'added_serial'] },
    );
    if (!options.out) {
      process.stdout.write(csv);
      return;
    }
    await writeFileAtomically(options.out, csv);
    out(`Exported ${plural(entries.length, 'entry', 'entries')} in force at serial ${serial} to ${options.out}.`);
  }

  @Option({ flags: '--out <file>', description: 'write to this file instead of standard output' })
  parseOut(value: string): string {
    return value;
  }
}

@Command({ name: 'blocklist', description: 'the blocklist: import from and export to CSV', subCommands: [BlocklistImportCommand, BlocklistExportCommand] })
export class BlocklistCommand extends CommandRunner {
  run(args: string[]): Promise<void> {
    return groupRun(this.command, args);
  }
}
