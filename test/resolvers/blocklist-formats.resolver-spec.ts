// The published resolver files, loaded by the resolvers themselves: named-checkzone, unbound-checkconf and dnsmasq
// --test accept them, and a real BIND, Unbound and dnsmasq block what the registry means, no more and no less.
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { PublishedEntry } from '../../src/blocklist/formats/blocklist-format.js';
import { DNSMASQ_FORMAT } from '../../src/blocklist/formats/dnsmasq.format.js';
import { RPZ_FORMAT } from '../../src/blocklist/formats/rpz.format.js';
import { UNBOUND_FORMAT } from '../../src/blocklist/formats/unbound.format.js';
import { contextFor, ENTRIES, inSetOrder, LICENSED_DOMAIN, renderFile, RESOLVER_RECORDS } from '../fixtures/blocklist-publication.js';
import { type RunningBind, startBind } from '../setup/bind.js';
import type { DnsAnswer } from '../setup/dns.js';
import { type RunningResolver, startDnsmasq, startUnbound } from '../setup/resolvers.js';

const run = promisify(execFile);
const ctx = contextFor(ENTRIES);
const ZONE = ctx.rpzZone;
const NXDOMAIN: DnsAnswer = { status: 'NXDOMAIN', answers: [] };
const answer = (...answers: string[]): DnsAnswer => ({ status: 'NOERROR', answers });

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'blocklist-formats-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

async function fileWith(name: string, text: string): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, text);
  return path;
}

/** Each name's answer, asked of one server in parallel. */
async function answers(server: { query(name: string, type?: string): Promise<DnsAnswer> }, names: [string, string?][]) {
  const got = await Promise.all(names.map(([name, type]) => server.query(name, type)));
  return Object.fromEntries(names.map(([name, type], i) => [`${name} ${type ?? 'A'}`, got[i]]));
}

describe('blocklist.rpz', () => {
  it('passes named-checkzone, under its own zone name and under any other (owner names are relative)', async () => {
    const path = await fileWith('blocklist.rpz', renderFile(RPZ_FORMAT, ENTRIES, ctx));
    for (const zone of [ZONE, 'rpz.isp.example']) {
      const { stdout } = await run('named-checkzone', ['-k', 'fail', '-n', 'fail', zone, path]);
      expect(stdout).toBe(`zone ${zone}/IN: loaded serial 42\nOK\n`);
    }
  });

  it('passes named-checkzone with the longest names a trigger can take and what it writes as comments', async () => {
    const base = ENTRIES.find((e) => e.value === 'exact.example')!;
    const longest = `${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(35)}.kz`;
    const edge: PublishedEntry[] = inSetOrder([
      { ...base, value: longest },
      { ...base, value: `e.${longest}` },
      { ...base, value: longest.slice(1), match: 'subtree' },
      { ...base, kind: 'cidr', value: '0.0.0.0/0' },
      { ...base, kind: 'cidr', value: '::/0' },
      { ...base, kind: 'ipv6', value: '::' },
    ]);
    const text = renderFile(RPZ_FORMAT, edge, contextFor(edge));
    expect(longest).toHaveLength(230);
    expect(text).toContain(`\n${longest} CNAME .\n; too long for a trigger under ${ZONE}: e.${longest}\n`);
    expect(text).toContain(`\n${longest.slice(1)} CNAME .\n; too long for a trigger under ${ZONE}: *.${longest.slice(1)}\n`);
    const { stdout } = await run('named-checkzone', ['-k', 'fail', ZONE, await fileWith('edge.rpz', text)]);
    expect(stdout).toBe(`zone ${ZONE}/IN: loaded serial 42\nOK\n`);
  });

  describe('loaded by a real BIND as its response policy', () => {
    let bind: RunningBind;
    beforeAll(async () => {
      bind = await startBind({ records: RESOLVER_RECORDS, rpz: { zone: ZONE, text: renderFile(RPZ_FORMAT, ENTRIES, ctx) } });
    });
    afterAll(() => bind?.stop());

    it('answers NXDOMAIN for the blocked names, below a subtree too, and rewrites nothing else', async () => {
      expect(
        await answers(bind, [
          ['exact.example'],
          ['www.exact.example'],
          ['sub.example'],
          ['www.sub.example'],
          ['x.www.sub.example'],
          ['a.b.sub.example'],
          ['x.deep.sub.example'],
          ['xn--e1afmkfd.example'],
          ['clean.example'],
          [LICENSED_DOMAIN],
          [`www.${LICENSED_DOMAIN}`],
          [`www.${LICENSED_DOMAIN}`, 'AAAA'],
        ]),
      ).toEqual({
        'exact.example A': NXDOMAIN,
        // Exact: the names below it are not blocked.
        'www.exact.example A': answer('192.0.2.2'),
        'sub.example A': NXDOMAIN,
        'www.sub.example A': NXDOMAIN,
        // Below an exact entry that is itself below the subtree: its own record would shadow *.sub.example here.
        'x.www.sub.example A': NXDOMAIN,
        'a.b.sub.example A': NXDOMAIN,
        'x.deep.sub.example A': NXDOMAIN,
        'xn--e1afmkfd.example A': NXDOMAIN,
        'clean.example A': answer('192.0.2.20'),
        [`${LICENSED_DOMAIN} A`]: answer('192.0.2.1'),
        [`www.${LICENSED_DOMAIN} A`]: answer('192.0.2.1'),
        [`www.${LICENSED_DOMAIN} AAAA`]: answer('2001:db8:b::1'),
      });
    });

    it('answers NXDOMAIN for names whose address is blocked, by address or by block, and takes every trigger as canonical', async () => {
      expect(
        await answers(bind, [['ip-hit.example'], ['net-hit.example'], ['host-hit.example'], ['v6-hit.example', 'AAAA'], ['v6net-hit.example', 'AAAA']]),
      ).toEqual({
        'ip-hit.example A': NXDOMAIN,
        'net-hit.example A': NXDOMAIN,
        'host-hit.example A': NXDOMAIN,
        'v6-hit.example AAAA': NXDOMAIN,
        'v6net-hit.example AAAA': NXDOMAIN,
      });
      expect(bind.output()).not.toMatch(/invalid rpz|is not the canonical|ignoring out-of-zone|CNAME and other data/);
    });

    it('takes a new publication on a reload: what it no longer lists resolves again', async () => {
      const next = ENTRIES.filter((e) => e.value !== 'sub.example');
      await bind.replaceRpz(renderFile(RPZ_FORMAT, next, contextFor(next, { serial: 43 })));
      expect(await answers(bind, [['sub.example'], ['www.sub.example'], ['a.b.sub.example'], ['x.deep.sub.example'], ['exact.example']])).toEqual({
        'sub.example A': answer('192.0.2.3'),
        // An exact entry in force beneath the lifted subtree is written now, and blocks its own name only.
        'www.sub.example A': NXDOMAIN,
        'a.b.sub.example A': answer('192.0.2.3'),
        'x.deep.sub.example A': NXDOMAIN,
        'exact.example A': NXDOMAIN,
      });
    });
  });
});

describe('upstream of the other resolvers', () => {
  // A plain authoritative BIND (no policy) that Unbound and dnsmasq forward to: what they block, they block themselves.
  let upstream: RunningBind;
  beforeAll(async () => {
    upstream = await startBind({ records: RESOLVER_RECORDS });
  });
  afterAll(() => upstream?.stop());

  describe('unbound.conf', () => {
    it('passes unbound-checkconf', async () => {
      const { stdout } = await run('unbound-checkconf', [await fileWith('unbound.conf', renderFile(UNBOUND_FORMAT, ENTRIES, ctx))]);
      expect(stdout).toMatch(/^unbound-checkconf: no errors in /);
    });

    describe('included by a real Unbound', () => {
      let unbound: RunningResolver;
      beforeAll(async () => {
        unbound = await startUnbound({ include: renderFile(UNBOUND_FORMAT, ENTRIES, ctx) }, upstream.port);
      });
      afterAll(() => unbound?.stop());

      it('answers NXDOMAIN below a subtree, null addresses for an exact name only, and forwards everything else', async () => {
        expect(
          await answers(unbound, [
            ['exact.example'],
            ['exact.example', 'AAAA'],
            ['exact.example', 'MX'],
            ['www.exact.example'],
            ['sub.example'],
            ['www.sub.example'],
            ['x.www.sub.example'],
            ['a.b.sub.example'],
            ['x.deep.sub.example'],
            ['xn--e1afmkfd.example'],
            ['clean.example'],
            [LICENSED_DOMAIN],
            [`www.${LICENSED_DOMAIN}`, 'AAAA'],
          ]),
        ).toEqual({
          'exact.example A': answer('0.0.0.0'),
          'exact.example AAAA': answer('::'),
          'exact.example MX': answer(),
          'www.exact.example A': answer('192.0.2.2'),
          'sub.example A': NXDOMAIN,
          'www.sub.example A': NXDOMAIN,
          'x.www.sub.example A': NXDOMAIN,
          'a.b.sub.example A': NXDOMAIN,
          'x.deep.sub.example A': NXDOMAIN,
          'xn--e1afmkfd.example A': answer('0.0.0.0'),
          'clean.example A': answer('192.0.2.20'),
          [`${LICENSED_DOMAIN} A`]: answer('192.0.2.1'),
          [`www.${LICENSED_DOMAIN} AAAA`]: answer('2001:db8:b::1'),
        });
      });
    });
  });

  describe('blocklist.rpz loaded by a real Unbound (rpz: clause)', () => {
    let unbound: RunningResolver;
    beforeAll(async () => {
      unbound = await startUnbound({ rpz: { zone: ZONE, text: renderFile(RPZ_FORMAT, ENTRIES, ctx) } }, upstream.port);
    });
    afterAll(() => unbound?.stop());

    it('answers as BIND does: NXDOMAIN for an exact name alone, a subtree and below it, and the blocked addresses', async () => {
      expect(
        await answers(unbound, [
          ['exact.example'],
          ['www.exact.example'],
          ['sub.example'],
          ['x.www.sub.example'],
          ['a.b.sub.example'],
          ['x.deep.sub.example'],
          ['ip-hit.example'],
          ['net-hit.example'],
          ['host-hit.example'],
          ['v6-hit.example', 'AAAA'],
          ['v6net-hit.example', 'AAAA'],
          ['clean.example'],
          [LICENSED_DOMAIN],
        ]),
      ).toEqual({
        'exact.example A': NXDOMAIN,
        'www.exact.example A': answer('192.0.2.2'),
        'sub.example A': NXDOMAIN,
        'x.www.sub.example A': NXDOMAIN,
        'a.b.sub.example A': NXDOMAIN,
        'x.deep.sub.example A': NXDOMAIN,
        'ip-hit.example A': NXDOMAIN,
        'net-hit.example A': NXDOMAIN,
        'host-hit.example A': NXDOMAIN,
        'v6-hit.example AAAA': NXDOMAIN,
        'v6net-hit.example AAAA': NXDOMAIN,
        'clean.example A': answer('192.0.2.20'),
        [`${LICENSED_DOMAIN} A`]: answer('192.0.2.1'),
      });
    });
  });

  describe('dnsmasq.conf', () => {
    it('passes dnsmasq --test', async () => {
      const { stderr } = await run('/usr/sbin/dnsmasq', ['--test', `--conf-file=${await fileWith('dnsmasq.conf', renderFile(DNSMASQ_FORMAT, ENTRIES, ctx))}`]);
      expect(stderr).toBe('dnsmasq: syntax check OK.\n');
    });

    describe('read by a real dnsmasq', () => {
      let dnsmasq: RunningResolver;
      beforeAll(async () => {
        dnsmasq = await startDnsmasq(renderFile(DNSMASQ_FORMAT, ENTRIES, ctx), upstream.port);
      });
      afterAll(() => dnsmasq?.stop());

      it('answers NXDOMAIN for a blocked name, below a subtree and for blocked addresses, and forwards the names below an exact one', async () => {
        expect(
          await answers(dnsmasq, [
            ['exact.example'],
            ['exact.example', 'AAAA'],
            ['www.exact.example'],
            ['sub.example'],
            ['www.sub.example'],
            ['x.www.sub.example'],
            ['a.b.sub.example'],
            ['x.deep.sub.example'],
            ['xn--e1afmkfd.example'],
            ['ip-hit.example'],
            ['net-hit.example'],
            ['host-hit.example'],
            ['v6-hit.example', 'AAAA'],
            ['v6net-hit.example', 'AAAA'],
            ['clean.example'],
            [LICENSED_DOMAIN],
            [`www.${LICENSED_DOMAIN}`, 'AAAA'],
          ]),
        ).toEqual({
          'exact.example A': NXDOMAIN,
          'exact.example AAAA': NXDOMAIN,
          'www.exact.example A': answer('192.0.2.2'),
          'sub.example A': NXDOMAIN,
          'www.sub.example A': NXDOMAIN,
          'x.www.sub.example A': NXDOMAIN,
          'a.b.sub.example A': NXDOMAIN,
          'x.deep.sub.example A': NXDOMAIN,
          'xn--e1afmkfd.example A': NXDOMAIN,
          'ip-hit.example A': NXDOMAIN,
          'net-hit.example A': NXDOMAIN,
          'host-hit.example A': NXDOMAIN,
          'v6-hit.example AAAA': NXDOMAIN,
          'v6net-hit.example AAAA': NXDOMAIN,
          'clean.example A': answer('192.0.2.20'),
          [`${LICENSED_DOMAIN} A`]: answer('192.0.2.1'),
          [`www.${LICENSED_DOMAIN} AAAA`]: answer('2001:db8:b::1'),
        });
      });
    });
  });
});
