// Runs the reference ISP client (src/blocklist/isp-client/kz-registry-sync.sh) under the system's /bin/sh (dash on
// Debian: no bashisms get through), as the tests of the client do.
import { execFile } from 'node:child_process';

export const CLIENT_SCRIPT = 'src/blocklist/isp-client/kz-registry-sync.sh';
export const PROG = 'kz-registry-sync';

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** The exit code, stdout and stderr of `file args`, never throwing. */
export function run(file: string, args: string[], env: Record<string, string> = {}, cwd?: string): Promise<Run> {
  return new Promise((resolve) => {
    execFile(file, args, { env: { PATH: process.env.PATH ?? '/usr/bin:/bin', ...env }, cwd }, (error, stdout, stderr) => {
      resolve({ code: error ? Number((error as { code?: unknown }).code) : 0, stdout, stderr });
    });
  });
}

/** The client with `args`, and only PATH (and `env`) in its environment. */
export const client = (args: string[], env: Record<string, string> = {}): Promise<Run> => run('/bin/sh', [CLIENT_SCRIPT, ...args], env);
