// What the CLI tells an operator when something goes wrong, and the exit code that goes with it.
import { DomainError, type FieldProblem } from '../platform/http/problem.js';

export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;

/** A failure the operator can act on: the message is all they see. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = EXIT_FAILURE,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

/**
 * A bad argument or option. Thrown from an option parser, commander prints it with the option's name
 * (it recognises the code, as for its own InvalidArgumentError); thrown from run(), it is reported like a CliError.
 */
export class UsageError extends CliError {
  readonly code = 'commander.invalidArgument';

  constructor(message: string) {
    super(message, EXIT_USAGE);
    this.name = 'UsageError';
  }
}

/** Commander has already printed its message (or the help); this only carries the exit code out of its parser. */
export class CommanderExit extends Error {
  constructor(
    readonly exitCode: number,
    readonly code: string,
  ) {
    super(code);
    this.name = 'CommanderExit';
  }
}

interface CommanderErrorLike {
  exitCode: number;
  code: string;
}

/** Help asked for exits 0; every other commander error is a usage error (2), not a failure of the work (1). */
export function commanderExitCode(error: CommanderErrorLike): number {
  if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version') return EXIT_OK;
  if (error.code === 'commander.help') return error.exitCode === 0 ? EXIT_OK : EXIT_USAGE;
  return EXIT_USAGE;
}

/** The text of an error, including what Node leaves in AggregateError (a refused connection to `localhost`). */
export function reason(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length > 0) {
    return [...new Set(error.errors.map(reason))].join('; ');
  }
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return error.message || (typeof code === 'string' ? code : '') || error.name;
  }
  return String(error);
}

function fieldLines(errors: unknown): string[] {
  if (!Array.isArray(errors)) return [];
  return (errors as FieldProblem[]).map((e) => `  ${e.field}: ${e.messages.join(' ')}`);
}

/** Writes the error for an operator and returns the exit code. `verbose` adds the stack of unexpected errors. */
export function reportError(error: unknown, verbose: boolean, write: (text: string) => void): number {
  if (error instanceof CommanderExit) return error.exitCode;
  if (error instanceof CliError) {
    write(`error: ${error.message}\n`);
    return error.exitCode;
  }
  if (error instanceof DomainError) {
    write(`error: ${error.message}\n${fieldLines(error.extensions.errors).map((l) => `${l}\n`).join('')}`);
    return EXIT_FAILURE;
  }
  write(`error: ${reason(error)}\n`);
  if (verbose && error instanceof Error && error.stack) write(`${error.stack}\n`);
  else write('(run with LOG_LEVEL=debug to see where it happened)\n');
  return EXIT_FAILURE;
}
