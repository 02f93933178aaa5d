// The operators' CLI: its commands, and the registry they work through, opened only when a command needs it.
import { type DynamicModule, Module } from '@nestjs/common';
import type { AppConfig } from '../config/app-config.js';
import { AuditCommand, AuditVerifyCommand } from './audit.command.js';
import { BlocklistCommand, BlocklistExportCommand, BlocklistImportCommand } from './blocklist.command.js';
import { CommanderTree } from './commander-tree.js';
import { DbCommand, DbMigrateCommand } from './db.command.js';
import { FirmsCommand, FirmsExportCommand } from './firms.command.js';
import { KeysCommand, KeysCreateCommand, KeysListCommand, KeysRevokeCommand, KeysRotateCommand } from './keys.command.js';
import { CLI_CONFIG, RegistryContext } from './registry-context.js';

@Module({})
export class CliModule {
  static register(config: AppConfig): DynamicModule {
    return {
      module: CliModule,
      providers: [
        { provide: CLI_CONFIG, useValue: config },
        RegistryContext,
        CommanderTree,
        KeysCommand,
        KeysCreateCommand,
        KeysListCommand,
        KeysRotateCommand,
        KeysRevokeCommand,
        BlocklistCommand,
        BlocklistImportCommand,
        BlocklistExportCommand,
        FirmsCommand,
        FirmsExportCommand,
        AuditCommand,
        AuditVerifyCommand,
        DbCommand,
        DbMigrateCommand,
      ],
    };
  }
}
