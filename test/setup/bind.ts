// A real BIND (named -g) started by a test on a free loopback port: authoritative for a local root zone holding the
// test's records (so no query ever leaves the machine) and, when given one, applying a response policy zone to them.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dig, type DnsAnswer, onFreePort, startDaemon } from './dns.js';

const NAMED = process.env.NAMED_PATH ?? '/usr/sbin/named';

export interface BindOptions {
  /** Zone-file records with absolute names (`binance.com. A 192.0.2.1`), served as authoritative data. */
  records: string[];
  /** A response policy zone, e.g. the published blocklist.rpz, applied to every answer. */
  rpz?: { zone: string; text: string };
}

export interface RunningBind {
  port: number;
  query(name: string, type?: string): Promise<DnsAnswer>;
  /** Loads a new text of the policy zone (SIGHUP) and resolves once BIND has rebuilt its policy from it. */
  replaceRpz(text: string): Promise<void>;
  /** BIND's log so far: the RPZ loader says there what it refused ("invalid rpz", "is not the canonical"). */
  output(): string;
  stop(): Promise<void>;
}

const rootZone = (records: string[]) =>
  ['$TTL 300', '@ SOA localhost. hostmaster.localhost. 1 3600 600 604800 300', '@ NS localhost.', 'localhost. A 127.0.0.1', ...records, ''].join('\n');

function namedConf(dir: string, port: number, rpzZone: string | undefined): string {
  // The policy applies to answers from local authoritative data too (recursive-only no), without waiting for recursion
  // (qname-wait-recurse no), and to a new zone text at once (min-update-interval 0; the default defers it 60 s).
  const policy = rpzZone
    ? `response-policy { zone "${rpzZone}" min-update-interval 0; } recursive-only no qname-wait-recurse no break-dnssec yes;`
    : '';
  const policyZone = rpzZone ? `zone "${rpzZone}" { type primary; file "rpz.db"; allow-query { none; }; };` : '';
  return `options {
  directory "${dir}";
  pid-file "${dir}/named.pid";
  session-keyfile "${dir}/session.key";
  managed-keys-directory "${dir}";
  listen-on port ${port} { 127.0.0.1; };
  listen-on-v6 { none; };
  recursion yes;
  allow-query { 127.0.0.1; };
  allow-recursion { 127.0.0.1; };
  dnssec-validation no;
  empty-zones-enable no;
  notify no;
  max-cache-size 16m;
  ${policy}
};
controls { };
zone "." { type primary; file "root.db"; };
${policyZone}
`;
}

export async function startBind(options: BindOptions): Promise<RunningBind> {
  const dir = await mkdtemp(join(tmpdir(), 'bind-'));
  const rpzFile = join(dir, 'rpz.db');
  await writeFile(join(dir, 'root.db'), rootZone(options.records));
  if (options.rpz) await writeFile(rpzFile, options.rpz.text);
  const policyDone = options.rpz ? new RegExp(`rpz: ${options.rpz.zone.replaceAll('.', '\\.')}: reload done`) : null;

  // named exits when it can listen nowhere ("unable to listen"), and may go on with a socket short ("address in use").
  const { port, server: daemon } = await onFreePort(
    async (port) => {
      await writeFile(join(dir, 'named.conf'), namedConf(dir, port, options.rpz?.zone));
      return startDaemon(NAMED, ['-g', '-c', join(dir, 'named.conf')], /\brunning\n/);
    },
    (named) => /address (already )?in use/i.test(named.output()),
    (named) => named.stop(),
  );
  if (policyDone) await daemon.waitFor(policyDone);

  return {
    port,
    query: (name, type = 'A') => dig(port, name, type),
    async replaceRpz(text) {
      if (!options.rpz || !policyDone) throw new Error('this BIND was started without a response policy zone');
      const done = daemon.output().match(new RegExp(policyDone.source, 'g'))?.length ?? 0;
      await writeFile(rpzFile, text);
      daemon.signal('SIGHUP');
      await daemon.waitFor(policyDone, done + 1);
    },
    output: () => daemon.output(),
    async stop() {
      await daemon.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
