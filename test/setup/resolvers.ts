// A real Unbound and a real dnsmasq started by a test on free loopback ports, each loading a blocklist file and
// forwarding everything else to an upstream on this machine (a BIND of test/setup/bind.ts).
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Daemon, dig, type DnsAnswer, onFreePort, startDaemon } from './dns.js';

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

/** What an Unbound loads of the blocklist: the published unbound.conf as an include, or blocklist.rpz in an `rpz:` clause. */
export type UnboundBlocklist = { include: string } | { rpz: { zone: string; text: string } };

function unboundConf(dir: string, port: number, upstreamPort: number, modules: string, clause: string): string {
  return `server:
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
  module-config: "${modules}"
  qname-minimisation: no
forward-zone:
  name: "."
  forward-addr: 127.0.0.1@${upstreamPort}
${clause}
`;
}

export function startUnbound(blocklist: UnboundBlocklist, upstreamPort: number): Promise<RunningResolver> {
  return inTempDir('unbound-', async (dir) => {
    const file = join(dir, 'include' in blocklist ? 'blocklist.conf' : 'blocklist.rpz');
    await writeFile(file, 'include' in blocklist ? blocklist.include : blocklist.rpz.text);
    // The RPZ needs the respip module before the iterator (Unbound 1.10 and later).
    const [modules, clause] =
      'include' in blocklist
        ? ['iterator', `include: "${file}"`]
        : ['respip iterator', `rpz:\n  name: "${blocklist.rpz.zone}"\n  zonefile: "${file}"`];
    const config = join(dir, 'unbound.conf');
    // Unbound exits when it cannot listen, saying so: then another port.
    const { port, server: daemon } = await onFreePort(
      async (port) => {
        await writeFile(config, unboundConf(dir, port, upstreamPort, modules, clause));
        return startDaemon('/usr/sbin/unbound', ['-d', '-c', config], /start of service/);
      },
      () => false,
      (unbound: Daemon) => unbound.stop(),
    );
    return { port, query: (name, type) => dig(port, name, type), output: daemon.output, stop: daemon.stop };
  });
}

/** dnsmasq reading `conf` (the published dnsmasq.conf) and nothing else of the machine's (no hosts, no resolv.conf). */
export function startDnsmasq(conf: string, upstreamPort: number): Promise<RunningResolver> {
  return inTempDir('dnsmasq-', async (dir) => {
    await writeFile(join(dir, 'blocklist.conf'), conf);
    const args = (port: number) => [
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
    // dnsmasq exits when it cannot listen, saying so: then another port.
    const { port, server: daemon } = await onFreePort(
      (port) => startDaemon('/usr/sbin/dnsmasq', args(port), /started, version/),
      () => false,
      (dnsmasq: Daemon) => dnsmasq.stop(),
    );
    return { port, query: (name, type) => dig(port, name, type), output: daemon.output, stop: daemon.stop };
  });
}
