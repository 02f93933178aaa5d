// What the resolver tests share: a free DNS port on loopback, a daemon started and stopped by the test, and dig.
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { createServer } from 'node:net';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** A port free for both UDP and TCP on 127.0.0.1 (a DNS server listens on both). */
export async function freeDnsPort(): Promise<number> {
  for (let attempt = 0; ; attempt++) {
    const port = await new Promise<number>((done, fail) => {
      const probe = createServer()
        .once('error', fail)
        .listen(0, '127.0.0.1', () => {
          const address = probe.address();
          probe.close(() => done(typeof address === 'object' && address ? address.port : 0));
        });
    });
    const udpFree = await new Promise<boolean>((done) => {
      const socket = createSocket('udp4');
      socket.once('error', () => done(false));
      socket.bind(port, '127.0.0.1', () => socket.close(() => done(true)));
    });
    if (udpFree) return port;
    if (attempt === 20) throw new Error('no port free for both UDP and TCP on 127.0.0.1');
  }
}

/**
 * Starts a server on a free port, and on another one when something took the port between the probe and the server's
 * bind (`clashed`: the server says so in its output, or exited saying so).
 */
export async function onFreePort<T>(start: (port: number) => Promise<T>, clashed: (server: T) => boolean, stop: (server: T) => Promise<void>): Promise<{ port: number; server: T }> {
  for (let attempt = 1; ; attempt++) {
    const port = await freeDnsPort();
    let server: T;
    try {
      server = await start(port);
    } catch (error) {
      if (attempt < 3 && /address (already )?in use|unable to listen/i.test(String(error))) continue;
      throw error;
    }
    if (attempt < 3 && clashed(server)) {
      await stop(server);
      continue;
    }
    return { port, server };
  }
}

export interface Daemon {
  /** Everything it wrote to stdout and stderr so far. */
  output(): string;
  /** Resolves once `pattern` has appeared `count` times in the output (throws after `ms` or when the daemon exits). */
  waitFor(pattern: RegExp, count?: number, ms?: number): Promise<void>;
  signal(name: NodeJS.Signals): void;
  /** SIGTERM, SIGKILL after 5 s; resolves when it has exited. */
  stop(): Promise<void>;
}

/** Runs `command` in the foreground of a child process until stop(); resolves once `ready` appears in its output. */
export async function startDaemon(command: string, args: string[], ready: RegExp, readyMs = 15_000): Promise<Daemon> {
  const child: ChildProcess = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  let spawnError: Error | null = null;
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.once('error', (error) => (spawnError = error));
  const exited = new Promise<void>((resolve) => child.once('close', () => resolve()));

  const waitFor = async (pattern: RegExp, count = 1, ms = readyMs): Promise<void> => {
    const global = new RegExp(pattern.source, pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}g`);
    const deadline = Date.now() + ms;
    for (;;) {
      if ((output.match(global)?.length ?? 0) >= count) return;
      if (spawnError) throw new Error(`${command} could not start: ${(spawnError as Error).message}`);
      if (child.exitCode !== null || child.signalCode !== null) throw new Error(`${command} exited (${child.exitCode ?? child.signalCode}):\n${output}`);
      if (Date.now() > deadline) throw new Error(`${command} did not print ${pattern} ${count} time(s) within ${ms} ms:\n${output}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };
  const stop = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null || spawnError) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    await exited;
    clearTimeout(timer);
  };
  const daemon: Daemon = { output: () => output, waitFor, signal: (name) => child.kill(name), stop };
  try {
    await waitFor(ready);
  } catch (error) {
    await stop();
    throw error;
  }
  return daemon;
}

export interface DnsAnswer {
  /** The response code: NOERROR, NXDOMAIN, SERVFAIL, ... */
  status: string;
  /** The answer section's data, e.g. ["192.0.2.1"] for an A query. */
  answers: string[];
}

/** One query by dig to 127.0.0.1 on `port`, recursion desired, as a stub resolver asks. */
export async function dig(port: number, name: string, type = 'A'): Promise<DnsAnswer> {
  const { stdout } = await run('dig', ['+tries=1', '+time=3', '+noall', '+comments', '+answer', '-p', String(port), '@127.0.0.1', name, type]);
  const status = /status: ([A-Z]+)/.exec(stdout)?.[1];
  if (!status) throw new Error(`dig printed no status for ${name} ${type}:\n${stdout}`);
  const answers = stdout
    .split('\n')
    .filter((line) => line !== '' && !line.startsWith(';'))
    .map((line) => line.split(/\s+/).slice(4).join(' '));
  return { status, answers };
}
