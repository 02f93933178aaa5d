// `db migrate`: applies pending migrations and says which, without booting the rest of the registry.
import { Command, CommandRunner, SubCommand } from 'nest-commander';
import { MIGRATIONS } from '../../migrations/index.js';
import { ENTITIES } from '../entities.js';
import { createDataSource, migrate } from '../platform/database/data-source.js';
import { groupRun } from './commander-tree.js';
import { out } from './output.js';
import { RegistryContext } from './registry-context.js';

@SubCommand({ name: 'migrate', description: 'apply pending database migrations (the server also applies them on start)' })
export class DbMigrateCommand extends CommandRunner {
  constructor(private readonly registry: RegistryContext) {
    super();
  }

  async run(): Promise<void> {
    const dataSource = createDataSource(await this.registry.migrationUrl(), ENTITIES);
    await dataSource.initialize();
    try {
      const applied = await migrate(dataSource);
      const latest = MIGRATIONS.at(-1)?.name ?? 'none';
      if (applied.length === 0) out(`The database schema is up to date (${MIGRATIONS.length} migrations, latest ${latest}).`);
      else out([`Applied ${applied.length} migration${applied.length === 1 ? '' : 's'}:`, ...applied.map((m) => `  ${m}`)].join('\n'));
    } finally {
      await dataSource.destroy();
    }
  }
}

@Command({ name: 'db', description: 'the database', subCommands: [DbMigrateCommand] })
export class DbCommand extends CommandRunner {
  run(args: string[]): Promise<void> {
    return groupRun(this.command, args);
  }
}
