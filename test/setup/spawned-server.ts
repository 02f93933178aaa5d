// The built server (`node dist/src/main.js`) as a child process whose stdout and stderr are kept, for tests that
// assert on what the service writes to its logs. `npm test` (and the e2e command) builds dist/ first.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { findFreePort } from '../../src/platform/database/embedded-postgres.js';

const MAIN = 'dist/src/main.js';

export interface SpawnedServer {
  base: string;
  pid: number;
  /** Everything written to stdout and stderr so far. */
  output(): string;
  /** SIGTERM, then the exit code (SIGKILL after `ms`). */
  stop(ms?: number): Promise<number | null>;
  /** Sends `signal` alone (SIGKILL: a crash, nothing of the service's shutdown runs) and resolves once it exited. */
  kill(signal: NodeJS.Signals): Promise<void>;
}

export interface StartOptions {
  /** Node options placed before the script, e.g. `['--import', '/abs/preload.mjs']`. */
  nodeArgs?: string[];
  /** Called with everything written so far, each time the server writes (before it is ready, too). */
  onOutput?: (output: string) => void;
}

export async function startServer(env: Record<string, string>, readyMs = 30_000, options: StartOptions = {}): Promise<SpawnedServer> {
  if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run \`npx nest build\` before jest.`);
  const port = await findFreePort();
  const child: ChildProcess = spawn(process.execPath, [...(options.nodeArgs ?? []), MAIN], {
    // No publisher unless the test asks: in production mode one would write into the project's .data/publications.
    env: { PATH: process.env.PATH ?? '', PORT: String(port), HOST: '127.0.0.1', PUBLISHER: 'false', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const collect = (chunk: Buffer) => {
    output += chunk.toString();
    options.onOutput?.(output);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const base = `http://127.0.0.1:${port}`;

  const stop = async (ms = 10_000): Promise<number | null> => {
    if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), ms);
    try {
      return await exited;
    } finally {
      clearTimeout(timer);
    }
  };

  const kill = async (signal: NodeJS.Signals): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill(signal);
    await exited;
  };

  const deadline = Date.now() + readyMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`The server exited with ${child.exitCode}:\n${output}`);
    const ok = await fetch(`${base}/health/ready`).then((r) => r.ok, () => false);
    if (ok) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`The server did not become ready:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return { base, pid: child.pid!, output: () => output, stop, kill };
}
