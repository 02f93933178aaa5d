// A real Unbound and a real dnsmasq started by a test on free loopback ports, each loading a blocklist file and
// forwarding everything else to an upstream on this machine (a BIND of test/setup/bind.ts).
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dig, type DnsAnswer, freeDnsPort, startDaemon } from './dns.js';

export interface RunningResolver {
  port: number;
  query(name: string, type?: string): Promise<DnsAnswer>;
  output(): string;
  stop(): Promise<void>;
}

async function inTempDir(prefix: string, start: (dir: string) => Promise<Omit<RunningResolver, 'stop'> & { stop(): Promise<void> }>): Promise<RunningResolver> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  try {
    const resolver = await start(dir);
    return { ...resolver, stop: async () => (await resolver.stop(), await rm(dir, { recursive: true, force: true })) };
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}

/** Unbound with `include` (the published unbound.conf) in its configuration. */
export function startUnbound(include: string, upstreamPort: number): Promise<RunningResolver> {
  return inTempDir('unbound-', async (dir) => {
    await writeFile(join(dir, 'blocklist.conf'), include);
    const port = await freeDnsPort();
    await writeFile(
      join(dir, 'unbound.conf'),
      `server:
  interface: 127.0.0.1
  port: ${port}
  do-ip6: no
  do-daemonize: no
  username: ""
  chroot: ""
  directory: "${dir}"
  pidfile: "${dir}/unbound.pid"
  use-syslog: no
  logfile: ""
  verbosity: 1
  do-not-query-localhost: no
  module-config: "iterator"
  qname-minimisation: no
forward-zone:
  name: "."
  forward-addr: 127.0.0.1@${upstreamPort}
include: "${dir}/blocklist.conf"
`,
    );
    const daemon = await startDaemon('/usr/sbin/unbound', ['-d', '-c', join(dir, 'unbound.conf')], /start of service/);
    return { port, query: (name, type) => dig(port, name, type), output: daemon.output, stop: daemon.stop };
  });
}

/** dnsmasq reading `conf` (the published dnsmasq.conf) and nothing else of the machine's (no hosts, no resolv.conf). */
export function startDnsmasq(conf: string, upstreamPort: number): Promise<RunningResolver> {
  return inTempDir('dnsmasq-', async (dir) => {
    await writeFile(join(dir, 'blocklist.conf'), conf);
    const port = await freeDnsPort();
    const args = [
      '--keep-in-foreground',
      '--log-facility=-',
      `--port=${port}`,
      '--listen-address=127.0.0.1',
      '--bind-interfaces',
      '--no-resolv',
      '--no-hosts',
      `--server=127.0.0.1#${upstreamPort}`,
      `--conf-file=${join(dir, 'blocklist.conf')}`,
      '--pid-file=',
    ];
    const daemon = await startDaemon('/usr/sbin/dnsmasq', args, /started, version/);
    return { port, query: (name, type) => dig(port, name, type), output: daemon.output, stop: daemon.stop };
  });
}
