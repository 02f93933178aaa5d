// `firms export`: every authorised firm as CSV, read through FirmsService a page at a time.
import { stringify } from 'csv-stringify/sync';
import { Command, CommandRunner, Option, SubCommand } from 'nest-commander';
import { ListFirmsQueryDto } from '../firms/firms.dto.js';
import { FirmsService } from '../firms/firms.service.js';
import type { FirmDto } from '../firms/firms.dto.js';
import { MAX_PAGE_SIZE } from '../platform/http/pagination.dto.js';
import { groupRun } from './commander-tree.js';
import { out, plural, writeFileAtomically } from './output.js';
import { RegistryContext } from './registry-context.js';

export const FIRM_COLUMNS = [
  'id',
  'name_en',
  'name_ru',
  'name_kk',
  'bin',
  'lei',
  'jurisdiction',
  'licensing_status',
  'domains',
  'domain_confidences',
];

/** Domains in one cell, separated by `;` (a character no domain contains); their sources' confidences in the same order. */
export function firmRow(firm: FirmDto): string[] {
  return [
    firm.id,
    firm.names.en,
    firm.names.ru ?? '',
    firm.names.kk ?? '',
    firm.bin ?? '',
    firm.lei ?? '',
    firm.jurisdiction,
    firm.licensingStatus,
    firm.domains.map((d) => d.domain).join(';'),
    firm.domains.map((d) => d.source.confidence).join(';'),
  ];
}

@SubCommand({ name: 'export', description: `write every firm as CSV (${FIRM_COLUMNS.join(',')})` })
export class FirmsExportCommand extends CommandRunner {
  constructor(private readonly registry: RegistryContext) {
    super();
  }

  async run(_args: string[], options: { out?: string }): Promise<void> {
    const firms = await this.registry.get(FirmsService);
    const rows: string[][] = [];
    for (let offset = 0; ; offset += MAX_PAGE_SIZE) {
      const page = await firms.list(Object.assign(new ListFirmsQueryDto(), { limit: MAX_PAGE_SIZE, offset }));
      rows.push(...page.items.map(firmRow));
      if (page.items.length < MAX_PAGE_SIZE || rows.length >= page.total) break;
    }
    const csv = stringify(rows, { header: true, columns: FIRM_COLUMNS });
    if (!options.out) {
      process.stdout.write(csv);
      return;
    }
    await writeFileAtomically(options.out, csv);
    out(`Exported ${plural(rows.length, 'firm')} to ${options.out}.`);
  }

  @Option({ flags: '--out <file>', description: 'write to this file instead of standard output' })
  parseOut(value: string): string {
    return value;
  }
}

@Command({ name: 'firms', description: 'authorised firms: export to CSV', subCommands: [FirmsExportCommand] })
export class FirmsCommand extends CommandRunner {
  run(args: string[]): Promise<void> {
    return groupRun(this.command, args);
  }
}
