// The commander tree nest-commander builds, set up for operators: usage errors exit 2 instead of killing the process
// (which would leave the embedded PostgreSQL running), and they all point at --help.
import { Injectable } from '@nestjs/common';
import { type CommandRunner, InjectCommander } from 'nest-commander';
import { CommanderExit, commanderExitCode } from './cli-errors.js';

/** nest-commander's own commander version (it pins one), reached through its public API. */
export type CommanderCommand = Parameters<CommandRunner['setCommand']>[0];

@Injectable()
export class CommanderTree {
  constructor(@InjectCommander() private readonly root: CommanderCommand) {}

  /** Call after the application is created (the tree is built on module init) and before it runs. */
  configure(name: string): void {
    this.root.name(name);
    const visit = (command: CommanderCommand) => {
      // Commands made with `new Command()` inherit nothing from their parent, so each needs its own settings.
      command.exitOverride((error) => {
        throw new CommanderExit(commanderExitCode(error), error.code);
      });
      command.showHelpAfterError('(add --help for usage)');
      if (command.commands.length === 0) command.allowExcessArguments(false);
      for (const child of command.commands) visit(child);
    };
    visit(this.root);
  }
}

/** For a command that only groups subcommands: run alone it shows its help; with a stray word it says so. */
export function groupRun(command: CommanderCommand, args: string[]): never {
  if (args.length > 0) command.error(`error: unknown command '${command.name()} ${args[0]}'`);
  return command.help({ error: true });
}
