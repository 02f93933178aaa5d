// The operators' CLI: `npm run cli -- <command>` (node dist/src/cli/main.js). Exit codes: 0 done, 1 failed, 2 misused.
import 'reflect-metadata';
import { CommandFactory } from 'nest-commander';
import { ConfigError, parseConfig } from '../config/app-config.js';
import { CliModule } from './cli.module.js';
import { EXIT_FAILURE, reportError } from './cli-errors.js';
import { CommanderTree } from './commander-tree.js';
import { err, flushed } from './output.js';

/** How usage lines start, so they can be pasted back. */
const PROGRAM = 'npm run cli --';
const INTERRUPTED = 130;

async function main(): Promise<number> {
  let config;
  try {
    config = parseConfig(process.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    err(error.message);
    return EXIT_FAILURE;
  }
  const verbose = config.LOG_LEVEL === 'debug' || config.LOG_LEVEL === 'trace';
  let interrupted = false;
  const report = (error: unknown) => {
    // After Ctrl-C the command fails because its connection was closed: that is not news to the operator.
    if (interrupted) return;
    process.exitCode = reportError(error, verbose, (text) => process.stderr.write(text));
  };
  const app = await CommandFactory.createWithoutRunning(CliModule.register(config), {
    logger: ['error', 'warn'],
    abortOnError: false,
    serviceErrorHandler: report,
  });
  app.get(CommanderTree).configure(PROGRAM);

  // Ctrl-C: close the database (an unfinished transaction rolls back) and stop the embedded PostgreSQL.
  let closing: Promise<void> | null = null;
  const close = () => (closing ??= app.close());
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      interrupted = true;
      err('\nInterrupted: nothing more will be written.');
      void close().finally(() => exit(INTERRUPTED));
    });
  }
  try {
    await CommandFactory.runApplication(app);
  } finally {
    await close();
  }
  return Number(process.exitCode ?? 0);
}

async function exit(code: number): Promise<never> {
  // process.exit does not wait for a pipe to drain: an export to `| head` or a file must arrive whole.
  await Promise.all([flushed(process.stdout), flushed(process.stderr)]);
  process.exit(code);
}

main().then(exit, (error: unknown) => {
  process.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
  return exit(EXIT_FAILURE);
});
