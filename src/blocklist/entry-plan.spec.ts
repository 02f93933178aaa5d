import { describe, expect, it } from '@jest/globals';
import { canonicaliseInputs, type EntryInput, planEntries, type RegistryState } from './entry-plan.js';

const ENTITY = '9a7b6c5d-4e3f-4a1b-8c9d-0e1f2a3b4c5d';

const state: RegistryState = {
  inForce: new Map([['domain fake.example', { id: 'e1', match: 'subtree', blockedEntityId: ENTITY }]]),
  officialDomains: new Map([['binance.com', 'Binance Kazakhstan']]),
  knownBlockedEntityIds: new Set([ENTITY]),
};

const plan = (inputs: EntryInput[], options = {}) => planEntries(canonicaliseInputs(inputs), state, options);
const domain = (value: string, match: 'exact' | 'subtree' = 'exact', blockedEntityId?: string): EntryInput => ({
  kind: 'domain',
  value,
  match,
  ...(blockedEntityId ? { blockedEntityId } : {}),
});

describe('canonicaliseInputs', () => {
  it('canonicalises every kind', () => {
    const { entries, problems } = canonicaliseInputs([
      domain(' WWW.Крипто.Example. '),
      { kind: 'ipv6', value: '2001:0DB8:0000:0000:0000:0000:0000:0010', match: 'exact' },
      { kind: 'cidr', value: '198.51.100.0/24', match: 'exact' },
      { kind: 'url', value: 'HTTPS://Host.Example/Path?x=1#frag', match: 'exact' },
    ]);
    expect(problems).toEqual([]);
    expect(entries.map((e) => e.value)).toEqual([
      'www.xn--h1adnddo.example',
      '2001:db8::10',
      '198.51.100.0/24',
      'https://host.example/Path?x=1',
    ]);
    expect(entries[0]?.displayValue).toBe('www.крипто.example');
  });

  it('reports every invalid value and every duplicate by index, not just the first', () => {
    const { entries, problems } = canonicaliseInputs([
      domain('ok.example'),
      domain('not a domain'),
      { kind: 'cidr', value: '10.0.0.1/8', match: 'exact' },
      { kind: 'ipv4', value: '2001:db8::1', match: 'exact' },
      { kind: 'ipv4', value: '1.2.3', match: 'exact' },
      { kind: 'url', value: 'https://no-path.example', match: 'exact' },
      domain('OK.example.'),
    ]);
    expect(entries.map((e) => e.index)).toEqual([0]);
    expect(problems.map((p) => p.index)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(problems[1]?.message).toContain('did you mean 10.0.0.0/8');
    expect(problems[3]?.message).toContain('four numbers');
    expect(problems[5]?.message).toBe('Duplicate of entries.0 (ok.example).');
  });

  it.each(['kz', 'co.uk', 'com.kz', 'github.io', 'blogspot.com', 's3.amazonaws.com', 'anything.ck', 'CO.UK.'])(
    'refuses the public suffix %j: a subtree block of it would block every site under it',
    (value) => {
      const { entries, problems } = canonicaliseInputs([domain(value, 'subtree'), domain(value)]);
      expect(entries).toEqual([]);
      expect(problems).toHaveLength(2);
      expect(problems[0]?.message).toMatch(/is a public suffix \(on the Public Suffix List\)/);
    },
  );

  it('accepts a registrable domain under a public suffix, private ones included', () => {
    const { problems } = canonicaliseInputs([domain('scam.github.io', 'subtree'), domain('example.co.uk', 'subtree')]);
    expect(problems).toEqual([]);
  });

  it('refuses a host the registry cannot publish (underscore), and stores URLs in their normalised form', () => {
    const { entries, problems } = canonicaliseInputs([
      domain('a_b.example'),
      { kind: 'url', value: 'https://x_y.example/path', match: 'exact' },
      { kind: 'url', value: 'https://host.example//a/%62;c/', match: 'subtree' },
      { kind: 'url', value: 'https://host.example/a/b', match: 'subtree' },
    ]);
    expect(problems.map((p) => p.index)).toEqual([0, 1, 3]);
    expect(problems[2]?.message).toBe('Duplicate of entries.2 (https://host.example/a/b).');
    expect(entries.map((e) => e.value)).toEqual(['https://host.example/a/b']);
  });
});

describe('planEntries', () => {
  it('adds what is new and refuses what is already in force, as the admin API answers', () => {
    const result = plan([domain('new.example', 'exact', ENTITY), domain('FAKE.example', 'subtree'), { kind: 'ipv4', value: 'x', match: 'exact' }]);
    expect(result.toAdd.map((e) => e.value)).toEqual(['new.example']);
    expect(result.inForce).toEqual([]);
    expect(result.problems).toEqual([
      { index: 1, field: 'value', message: 'fake.example is already on the blocklist (entry e1).' },
      { index: 2, field: 'value', message: expect.stringContaining('is not an IP address') },
    ]);
  });

  it('leaves an identical entry in force where it is only when asked to (skipInForce)', () => {
    const result = plan([domain('fake.example', 'subtree')], { skipInForce: true });
    expect(result.problems).toEqual([]);
    expect(result.inForce).toEqual([expect.objectContaining({ index: 0, id: 'e1', value: 'fake.example' })]);
  });

  it('refuses an entry that contradicts the one in force, even with skipInForce, naming the entry', () => {
    const result = plan([domain('fake.example', 'exact')], { skipInForce: true });
    expect(result.problems).toEqual([
      { index: 0, field: 'value', message: expect.stringContaining('(entry e1) with match subtree, not exact') },
    ]);
  });

  it('refuses a subtree entry above an official domain (a public suffix never gets that far)', () => {
    const above = planEntries(canonicaliseInputs([domain('com', 'subtree'), domain('example.com', 'subtree')]), {
      ...state,
      officialDomains: new Map([['app.example.com', 'Example Exchange']]),
    });
    expect(above.problems).toEqual([
      { index: 0, field: 'value', message: expect.stringContaining('is a public suffix') },
      { index: 1, field: 'value', message: expect.stringContaining('app.example.com') },
    ]);
  });

  it("refuses unknown blocked entities and licensed firms' domains unless allowed", () => {
    const inputs = [domain('a.example', 'exact', '0b0b0b0b-0b0b-4b0b-8b0b-0b0b0b0b0b0b'), domain('login.binance.com')];
    expect(plan(inputs).problems).toEqual([
      { index: 0, field: 'blockedEntityId', message: 'No blocked entity has the id 0b0b0b0b-0b0b-4b0b-8b0b-0b0b0b0b0b0b.' },
      { index: 1, field: 'value', message: expect.stringContaining('official domain of the licensed firm Binance Kazakhstan') },
    ]);
    expect(plan(inputs, { allowLicensedDomains: true }).toAdd.map((e) => e.value)).toEqual(['login.binance.com']);
  });
});
