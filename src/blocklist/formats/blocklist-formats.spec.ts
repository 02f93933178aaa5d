import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { contextFor, COINBASE, ENTRIES, renderFile } from '../../../test/fixtures/blocklist-publication.js';
import { BLOCKLIST_FORMATS } from './blocklist-formats.js';
import { coveredBySubtree, isHostCidr, publishedBlockedEntity, type PublishedEntry } from './blocklist-format.js';
import type { BlockedEntityDto } from '../../blocked-entities/blocked-entities.dto.js';
import { CSV_COLUMNS } from './csv.format.js';
import { ndjsonRecord } from './ndjson.format.js';
import { RPZ_FORMAT, rpzIpTrigger } from './rpz.format.js';
import { canonicalLine, SET_FORMAT } from './set.format.js';

// The rendered bytes of the fixture publication are pinned in files beside the fixture, so a change in rendering is a
// visible diff. `UPDATE_GOLDEN=1` rewrites them (then read the diff before committing it).
const GOLDEN = 'test/fixtures/blocklist-formats';
const ctx = contextFor(ENTRIES);

describe.each(BLOCKLIST_FORMATS.map((f) => [f.fileName, f] as const))('%s', (fileName, format) => {
  it('renders the fixture publication to the pinned bytes', () => {
    const text = renderFile(format, ENTRIES, ctx);
    const path = `${GOLDEN}/${fileName}`;
    if (process.env.UPDATE_GOLDEN === '1' || !existsSync(path)) {
      mkdirSync(GOLDEN, { recursive: true });
      writeFileSync(path, text);
    }
    expect(text).toBe(readFileSync(path, 'utf8'));
  });

  it('renders the same bytes every time, each entry on its own, ending every line', () => {
    const lines = ENTRIES.map((e) => format.line(e, ctx));
    expect(ENTRIES.map((e) => format.line(e, ctx))).toEqual(lines);
    for (const text of [format.header(ctx), ...lines, format.footer(ctx)]) {
      if (text !== '') expect(text.endsWith('\n')).toBe(true);
    }
  });

  it('renders nothing for the kinds it does not express', () => {
    for (const e of ENTRIES.filter((e) => !format.kinds.includes(e.kind))) expect(format.line(e, ctx)).toBe('');
  });
});

describe('the formats', () => {
  it('are every format of the manifest, each with its file name and media type', () => {
    expect(BLOCKLIST_FORMATS.map((f) => [f.format, f.fileName, f.mediaType, f.kinds.join(','), f.subtrees])).toEqual([
      ['rpz', 'blocklist.rpz', 'text/dns', 'cidr,domain,ipv4,ipv6', true],
      ['unbound', 'unbound.conf', 'text/plain; charset=utf-8', 'domain', true],
      ['dnsmasq', 'dnsmasq.conf', 'text/plain; charset=utf-8', 'cidr,domain,ipv4,ipv6', true],
      ['hosts', 'hosts', 'text/plain; charset=utf-8', 'domain', false],
      ['domains', 'domains.txt', 'text/plain; charset=utf-8', 'domain', false],
      ['ip', 'ip.txt', 'text/plain; charset=utf-8', 'ipv4,ipv6', false],
      ['cidr', 'cidr.txt', 'text/plain; charset=utf-8', 'cidr', false],
      ['urls', 'urls.txt', 'text/plain; charset=utf-8', 'url', false],
      ['csv', 'entries.csv', 'text/csv; charset=utf-8', 'cidr,domain,ipv4,ipv6,url', true],
      ['ndjson', 'entries.ndjson', 'application/x-ndjson', 'cidr,domain,ipv4,ipv6,url', true],
      ['set', 'set.tsv', 'text/tab-separated-values; charset=utf-8', 'cidr,domain,ipv4,ipv6,url', true],
    ]);
  });

  it('say in a note where they express something differently', () => {
    expect(Object.fromEntries(BLOCKLIST_FORMATS.filter((f) => f.note).map((f) => [f.format, f.note]))).toEqual({
      unbound:
        'An exact name answers 0.0.0.0 and :: (no data for other types) rather than NXDOMAIN, since an Unbound local zone that answers NXDOMAIN covers every name below it too; Unbound 1.10 and later also load blocklist.rpz, which answers NXDOMAIN.',
      dnsmasq:
        'Written for dnsmasq 2.86 or later (checked with 2.90), whose `server=/*.name/#` line sends the names below an exact name to the usual upstream servers and whose `bogus-nxdomain` takes address blocks.',
      hosts: 'A hosts file names single hosts, so a subtree entry blocks its own name only and not the names below it.',
      domains: 'A plain list does not say which names also block the names below them: the resolver files, the CSV and the NDJSON do.',
      urls: 'A plain list does not say which URLs also block the paths below them: the CSV and the NDJSON do.',
    });
  });

  it('refuse a domain value that is not a lower-case A-label name, so nothing can be injected into a config file', () => {
    for (const value of ['Exact.example', 'пример.example', 'a"b.example', 'x.example\nserver:', 'x.example.', '-x.example']) {
      const bad: PublishedEntry = { ...ENTRIES.find((e) => e.value === 'exact.example')!, value };
      for (const f of BLOCKLIST_FORMATS.filter((f) => ['rpz', 'unbound', 'dnsmasq', 'hosts', 'domains'].includes(f.format))) {
        expect(() => f.line(bad, ctx)).toThrow(/is not a lower-case A-label name/);
      }
    }
  });

  it('refuse a value with a line break in the line-based lists and the set', () => {
    const url: PublishedEntry = { ...ENTRIES.find((e) => e.kind === 'url')!, value: 'https://x.example/a\ncidr\texact\t0.0.0.0/0' };
    expect(() => SET_FORMAT.line(url, ctx)).toThrow(/holds a tab or a line break/);
    expect(() => BLOCKLIST_FORMATS.find((f) => f.format === 'urls')!.line(url, ctx)).toThrow(/holds a tab or a line break/);
  });
});

describe('set.tsv', () => {
  it('is the canonical lines in bytewise order, and its SHA-256 is the set hash', () => {
    const text = renderFile(SET_FORMAT, ENTRIES, ctx);
    const sorted = ENTRIES.map(canonicalLine).toSorted((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
    expect(text).toBe(sorted.join(''));
    expect(createHash('sha256').update(text).digest('hex')).toBe(createHash('sha256').update(readFileSync(`${GOLDEN}/set.tsv`)).digest('hex'));
  });
});

describe('blocklist.rpz', () => {
  it('takes the registry serial as its SOA serial and refuses one that does not fit 32 bits', () => {
    expect(RPZ_FORMAT.header(contextFor(ENTRIES, { serial: 4_294_967_295 }))).toContain(' 4294967295 3600 600 604800 300\n');
    for (const serial of [4_294_967_296, -1, 1.5]) {
      expect(() => RPZ_FORMAT.header(contextFor(ENTRIES, { serial }))).toThrow(RangeError);
    }
  });

  it('writes a subtree as the name and its wildcard, and leaves out every name below a subtree', () => {
    const text = renderFile(RPZ_FORMAT, ENTRIES, ctx);
    expect(text).toContain('sub.example CNAME .\n*.sub.example CNAME .\n');
    // Their own records would shadow *.sub.example for the names below them (a real BIND answers those normally).
    expect(text).not.toContain('www.sub.example');
    expect(text).not.toContain('deep.sub.example');
  });

  it('writes an address listed also as a one-address block once', () => {
    const text = renderFile(RPZ_FORMAT, ENTRIES, ctx);
    expect(text.split('\n').filter((l) => l === '32.7.113.0.203.rpz-ip CNAME .')).toHaveLength(1);
    const alone = ENTRIES.filter((e) => e.value !== '203.0.113.7/32');
    expect(renderFile(RPZ_FORMAT, alone, contextFor(alone))).toContain('32.7.113.0.203.rpz-ip CNAME .\n');
  });

  it('writes addresses as rpz-ip triggers in the canonical form BIND checks', () => {
    expect(rpzIpTrigger('192.0.2.10', 32)).toBe('32.10.2.0.192');
    expect(rpzIpTrigger('10.0.0.0', 8)).toBe('8.0.0.0.10');
    expect(rpzIpTrigger('2001:db8::1', 128)).toBe('128.1.zz.db8.2001');
    // Equal runs of zero words: the first in address order (RFC 5952) is `zz`, as BIND's own ip2name writes it.
    expect(rpzIpTrigger('2001:db8::1:0:0:1', 128)).toBe('128.1.0.0.1.zz.db8.2001');
    // A single zero word is written, not folded.
    expect(rpzIpTrigger('2001:db8:0:1:1:1:1:1', 128)).toBe('128.1.1.1.1.1.0.db8.2001');
    expect(rpzIpTrigger('::', 128)).toBe('128.zz');
    expect(rpzIpTrigger('::1', 128)).toBe('128.1.zz');
    expect(rpzIpTrigger('fe80::', 10)).toBe('10.zz.fe80');
  });

  it('says in a comment what it cannot express as a trigger', () => {
    const base = ENTRIES.find((e) => e.value === 'exact.example')!;
    const long = `${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(36)}.kz`;
    expect(long).toHaveLength(231);
    expect(RPZ_FORMAT.line({ ...base, value: long }, ctx)).toBe(`; too long for a trigger under kz-crypto-registry.rpz: ${long}\n`);
    const fits = long.slice(1);
    expect(RPZ_FORMAT.line({ ...base, value: fits, match: 'subtree' }, ctx)).toBe(
      `${fits} CNAME .\n; too long for a trigger under kz-crypto-registry.rpz: *.${fits}\n`,
    );
    expect(RPZ_FORMAT.line({ ...base, value: 'x.rpz-ip' }, ctx)).toBe('; not expressible as an RPZ trigger: x.rpz-ip\n');
    const cidr = ENTRIES.find((e) => e.kind === 'cidr')!;
    expect(RPZ_FORMAT.line({ ...cidr, value: '0.0.0.0/0' }, ctx)).toBe('; not expressible as an RPZ trigger: 0.0.0.0/0\n');
  });

  it('refuses an address that is not stored canonically', () => {
    const ip = ENTRIES.find((e) => e.kind === 'ipv6')!;
    expect(() => RPZ_FORMAT.line({ ...ip, value: '2001:DB8::10' }, ctx)).toThrow(/not canonical/);
    const cidr = ENTRIES.find((e) => e.kind === 'cidr')!;
    expect(() => RPZ_FORMAT.line({ ...cidr, value: '198.51.100.1/24' }, ctx)).toThrow(/not canonical/);
  });
});

describe('dnsmasq.conf', () => {
  const dnsmasq = BLOCKLIST_FORMATS.find((f) => f.format === 'dnsmasq')!;
  it('writes an address listed also as a one-address block once, and the address alone otherwise', () => {
    expect(renderFile(dnsmasq, ENTRIES, ctx).split('\n').filter((l) => l.startsWith('bogus-nxdomain=203.0.113.7'))).toEqual(['bogus-nxdomain=203.0.113.7/32']);
    const alone = ENTRIES.filter((e) => e.value !== '203.0.113.7/32');
    expect(renderFile(dnsmasq, alone, contextFor(alone))).toContain('\nbogus-nxdomain=203.0.113.7\n');
  });
});

describe('entries.csv', () => {
  it('parses back with csv-parse to every entry, in order', () => {
    const rows = parse(renderFile(BLOCKLIST_FORMATS.find((f) => f.format === 'csv')!, ENTRIES, ctx), { columns: true }) as Record<string, string>[];
    expect(Object.keys(rows[0]!)).toEqual([...CSV_COLUMNS]);
    expect(rows.map((r) => [r.id, r.kind, r.value, r.display_value, r.match, Number(r.added_serial), r.legal_basis_en])).toEqual(
      ENTRIES.map((e) => [e.id, e.kind, e.value, e.displayValue, e.match, e.addedSerial, e.legalBasis.en]),
    );
    const exact = rows.find((r) => r.value === 'exact.example')!;
    expect(exact).toMatchObject({
      legal_basis_ru: 'Закон «О цифровых активах», ст. 11',
      blocked_entity_id: COINBASE.id,
      blocked_entity_name_en: 'Coinbase',
      authority_en: COINBASE.authority.en,
      blocked_on: '2023-11-01',
      blocked_on_precision: 'month',
      decision_number: '',
      source_demo: 'false',
    });
    expect(rows.find((r) => r.kind === 'url' && r.match === 'exact')).toMatchObject({ source_url: '', source_document: 'Decision No. 7, 2026-11-30', source_demo: 'true' });
  });
});

describe('entries.ndjson', () => {
  it('is one JSON object per line holding every field of the entry and its decision', () => {
    const lines = renderFile(BLOCKLIST_FORMATS.find((f) => f.format === 'ndjson')!, ENTRIES, ctx).split('\n');
    expect(lines.pop()).toBe('');
    expect(lines.map((l) => JSON.parse(l))).toEqual(ENTRIES.map((e) => JSON.parse(JSON.stringify(e))));
  });

  it('does not depend on the key order of the objects it is given', () => {
    const e = ENTRIES.find((e) => e.blockedEntity)!;
    const reversed = <T extends object>(o: T): T => Object.fromEntries(Object.entries(o).toReversed()) as T;
    const reordered: PublishedEntry = {
      ...reversed(e),
      legalBasis: reversed(e.legalBasis),
      source: reversed(e.source),
      blockedEntity: { ...reversed(e.blockedEntity!), authority: reversed(e.blockedEntity!.authority) },
    };
    expect(Object.keys(reordered)[0]).toBe('blockedEntity');
    expect(JSON.stringify(ndjsonRecord(reordered))).toBe(JSON.stringify(ndjsonRecord(e)));
  });
});

describe('coveredBySubtree', () => {
  const subtrees = new Set(['sub.example']);
  it('is true for a name below a subtree entry, exact or subtree itself', () => {
    expect(coveredBySubtree({ value: 'www.sub.example', match: 'exact' }, subtrees)).toBe(true);
    expect(coveredBySubtree({ value: 'a.b.sub.example', match: 'subtree' }, subtrees)).toBe(true);
  });
  it('is false for the subtree entry itself, for names beside it and for names that only end alike', () => {
    expect(coveredBySubtree({ value: 'sub.example', match: 'subtree' }, subtrees)).toBe(false);
    expect(coveredBySubtree({ value: 'example', match: 'exact' }, subtrees)).toBe(false);
    expect(coveredBySubtree({ value: 'notsub.example', match: 'exact' }, subtrees)).toBe(false);
  });
});

describe('isHostCidr', () => {
  it('is true for blocks of one address only', () => {
    expect(['192.0.2.1/32', '2001:db8::1/128'].map(isHostCidr)).toEqual([true, true]);
    expect(['192.0.2.0/31', '2001:db8::/32', '2001:db8::/127'].map(isHostCidr)).toEqual([false, false, false]);
  });
});

describe('publishedBlockedEntity', () => {
  it('takes from the public record who blocked it, on what basis, when, and whether it was lifted', () => {
    const record: BlockedEntityDto = {
      ...COINBASE,
      requestedBy: { en: 'Ministry of Digital Development', ru: null, kk: null },
      decisionNumber: '7-ПР',
      decisionDate: '2023-10-30',
      liftedOn: '2025-01-15',
      state: 'lifted',
      aliases: ['Coinbase Global'],
      liftReason: 'court ruling',
      domains: ['coinbase.com'],
      source: { url: 'https://example.org/', document: null, readOn: '2026-11-24', confidence: 'third-party', demo: true },
      version: 3,
      updatedAt: '2026-11-24T09:00:00.000Z',
    };
    expect(publishedBlockedEntity(record)).toEqual({
      ...COINBASE,
      requestedBy: { en: 'Ministry of Digital Development', ru: null, kk: null },
      decisionNumber: '7-ПР',
      decisionDate: '2023-10-30',
      liftedOn: '2025-01-15',
      state: 'lifted',
    });
  });
});
