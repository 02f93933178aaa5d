import { describe, expect, it } from '@jest/globals';
import { aBlockedEntity, aFirm, aLicence, aSource, anEntry } from '../../test/fixtures/builders.js';
import { toBlockedEntityDto } from '../blocked-entities/blocked-entity.mapper.js';
import type { BlockedEntityEntity } from '../blocked-entities/blocked-entity.entity.js';
import type { BlocklistEntryEntity } from '../blocklist/blocklist.entity.js';
import { toBlocklistEntryDto } from '../blocklist/blocklist.mapper.js';
import type { FirmEntity, LicenceEntity } from '../firms/firm.entity.js';
import { toFirmView, toOfficialDomains } from '../firms/official-domain.js';
import { canonicaliseEntryValue } from '../domain-names/entry-value.js';
import type { EntryKind, MatchMode } from '../domain-names/entry-kinds.js';
import { blockedEntityIndex, type CheckIndex, firmIndex, namesAndBrands, warningIndex } from './check-index.js';
import type { CheckIndexService } from './check-index.service.js';
import { EntryIndex } from './entry-index.js';
import { InvalidTargetError } from './check.errors.js';
import { CheckService } from './check.service.js';
import type { WarningDto } from '../warnings/warnings.dto.js';

/** The records as entities (the builders'), handed to the index as the read models the modules offer. */
function serviceWith(records: {
  entries?: BlocklistEntryEntity[];
  firms?: FirmEntity[];
  blockedEntities?: BlockedEntityEntity[];
  warnings?: WarningDto[];
  staleSince?: number;
}): CheckService {
  const entries = new EntryIndex();
  for (const entry of (records.entries ?? []).map(toBlocklistEntryDto)) {
    entries.add(entry, entries.provenances.intern({ legalBasis: entry.legalBasis, source: entry.source }));
  }
  const firms = firmIndex((records.firms ?? []).map(toFirmView), toOfficialDomains(records.firms ?? []));
  const blockedEntities = blockedEntityIndex((records.blockedEntities ?? []).map(toBlockedEntityDto));
  const warnings = warningIndex(records.warnings ?? []);
  const index: CheckIndex = { serial: 7, entries, firms, blockedEntities, warnings, derived: namesAndBrands(firms, blockedEntities, warnings) };
  const fakeIndex = { get: async () => ({ index, staleSince: records.staleSince ?? null }) } as unknown as CheckIndexService;
  return new CheckService(fakeIndex);
}

const NOW = new Date('2026-11-24T10:00:00Z');

describe('CheckService', () => {
  const service = serviceWith({
    entries: [
      anEntry({ value: 'bad.example', match: 'subtree' }),
      anEntry({ value: 'only-apex.example', match: 'exact' }),
      anEntry({ kind: 'url', value: 'https://host.example/scam', match: 'subtree' }),
      anEntry({ kind: 'cidr', value: '203.0.113.0/24', match: 'exact' }),
      anEntry({ value: 'licensed-but-blocked.kz', match: 'exact' }),
    ],
    blockedEntities: [aBlockedEntity()],
    firms: [
      aFirm({ id: 'f1', domainNames: ['good.kz', 'licensed-but-blocked.kz'] }),
      aFirm({ id: 'f2', domainNames: ['paused.kz'], licences: [aLicence({ status: 'suspended' })] }),
      aFirm({
        id: 'f3',
        domainNames: ['gone.kz'],
        licences: [aLicence({ status: 'revoked', endedOn: '2025-01-01' })],
      }),
    ],
  });
  const check = (q: string, lang?: 'kk' | 'ru' | 'en', acceptLanguage?: string) =>
    service.check({ q, lang }, acceptLanguage, NOW);

  it('blocks a subdomain of a subtree entry and names the entry, entity, serial and sources', async () => {
    const result = await check('https://login.bad.example/path');
    expect(result).toMatchObject({
      verdict: 'blocked',
      reason: { code: 'blocked-domain' },
      serial: 7,
      entry: { value: 'bad.example', match: 'subtree' },
      blockedEntity: { id: 'blocked-1' },
      checkedAt: NOW.toISOString(),
    });
    expect(result.sources.map((s) => s.url)).toEqual(['https://example.org/entry', 'https://example.org/block']);
    expect(Object.keys(result)).toEqual([
      'query', 'target', 'verdict', 'reason', 'notices', 'firm', 'blockedEntity', 'entry', 'warning', 'sources',
      'matches', 'lookalikes', 'displayHostALabel', 'lang', 'serial', 'stale', 'checkedAt',
    ]);
    expect(result.stale).toBeNull();
  });

  it('says since when and for how long its copy of the registry has not been confirmed current', async () => {
    const stale = serviceWith({ entries: [anEntry({ value: 'bad.example' })], staleSince: NOW.getTime() - 95_500 });
    const result = await stale.check({ q: 'bad.example' }, undefined, NOW);
    expect(result).toMatchObject({ verdict: 'blocked', serial: 7, stale: { since: '2026-11-24T09:58:24.500Z', ageSeconds: 95 } });
  });

  it('does not extend an exact entry to subdomains', async () => {
    expect((await check('only-apex.example')).verdict).toBe('blocked');
    expect((await check('www.only-apex.example')).verdict).toBe('unknown');
  });

  it('matches URL entries below their path only, over http and https', async () => {
    expect((await check('http://host.example/scam/page')).reason.code).toBe('blocked-url');
    expect((await check('https://host.example/scammer')).verdict).toBe('unknown');
    expect((await check('https://host.example/other')).verdict).toBe('unknown');
  });

  it('matches an IP inside a CIDR block', async () => {
    expect((await check('203.0.113.9')).reason.code).toBe('blocked-ip');
    expect((await check('203.0.114.9')).verdict).toBe('unknown');
  });

  it('says licensed for an official domain and its subdomains, with a look-alike warning', async () => {
    const result = await check('app.good.kz');
    expect(result).toMatchObject({ verdict: 'licensed', firm: { id: 'f1', matchedDomain: 'good.kz' } });
    expect(result.notices[0]).toContain('good.kz');
  });

  it('lets a block win over a licence', async () => {
    expect((await check('licensed-but-blocked.kz')).verdict).toBe('blocked');
  });

  it('does not call a firm without a licence in force licensed', async () => {
    const gone = await check('gone.kz');
    expect(gone).toMatchObject({ verdict: 'unknown', reason: { code: 'firm-not-licensed' } });
    expect(gone.notices).toHaveLength(1);
  });

  it('never presents unknown as safe', async () => {
    for (const lang of ['en', 'ru', 'kk'] as const) {
      const result = await check('unlisted.example', lang);
      expect(result.verdict).toBe('unknown');
      expect(result.notices).toHaveLength(1);
    }
    expect((await check('unlisted.example', 'en')).notices[0]).toMatch(/not proof of safety/);
    expect((await check('unlisted.example', 'ru')).notices[0]).toMatch(/не доказывает безопасность/);
    expect((await check('unlisted.example', 'kk')).notices[0]).toMatch(/қауіпсіздіктің дәлелі емес/);
  });

  it('prefers lang over Accept-Language, and names the firm in that language', async () => {
    const result = await check('good.kz', 'kk', 'ru');
    expect(result.lang).toBe('kk');
    expect(result.reason.message).toContain('Мысал Биржа');
    expect((await check('good.kz', undefined, 'ru;q=1, en;q=0.5')).lang).toBe('ru');
  });

  it('rejects what a browser could not visit, on the q field', async () => {
    await expect(check('javascript:alert(1)')).rejects.toBeInstanceOf(InvalidTargetError);
    await expect(check('exa|mple.com')).rejects.toMatchObject({ errors: [{ field: 'q' }] });
  });
});

/** An entry as an operator would write it: canonicalised by the same rule as the admin API. */
function entered(kind: EntryKind, raw: string, match: MatchMode = 'exact'): BlocklistEntryEntity {
  const { kind: storedKind, value, displayValue } = canonicaliseEntryValue(kind, raw);
  return anEntry({ id: `entry-${raw}`, kind: storedKind, value, displayValue, match });
}

describe('CheckService: every form a link to a blocked address can take', () => {
  const service = serviceWith({
    entries: [
      entered('ipv4', '192.0.2.10'),
      entered('cidr', '198.51.100.0/24'),
      entered('ipv6', '::ffff:203.0.113.7'),
      entered('cidr', '::ffff:233.252.0.0/120'),
      entered('url', 'https://free-hosting.example/usdt-p2p-kz/', 'subtree'),
      entered('url', 'https://files.example/get?id=42'),
      entered('url', 'https://pages.example/offer', 'exact'),
      entered('domain', 'coinbase.com', 'subtree'),
      entered('domain', 'amazonaws.com', 'subtree'),
    ],
    blockedEntities: [aBlockedEntity()],
  });
  const verdictOf = async (q: string) => (await service.check({ q }, undefined, NOW)).verdict;

  it('stores an IPv4-mapped IPv6 address or block as the IPv4 it stands for', () => {
    expect(canonicaliseEntryValue('ipv6', '::ffff:203.0.113.7')).toMatchObject({ kind: 'ipv4', value: '203.0.113.7' });
    expect(canonicaliseEntryValue('cidr', '::ffff:233.252.0.0/120')).toMatchObject({ kind: 'cidr', value: '233.252.0.0/24' });
  });

  it.each([
    'http://[::ffff:192.0.2.10]/',
    '[::ffff:c000:20a]',
    '::ffff:192.0.2.10',
    'http://[::ffff:198.51.100.77]/login',
    '203.0.113.7',
    'http://[::ffff:203.0.113.7]/',
    '233.252.0.9',
  ])('blocks %s (IPv4 in IPv6 form, or the IPv4 of a mapped entry)', async (q) => {
    expect(await verdictOf(q)).toBe('blocked');
  });

  it.each([
    'https://free-hosting.example/usdt-p2p-kz/',
    'https://free-hosting.example/usdt-p2p-kz',
    'http://free-hosting.example/%75sdt-p2p-kz/',
    'https://free-hosting.example/usdt%2Dp2p%2dkz/',
    'https://free-hosting.example//usdt-p2p-kz//',
    'https://free-hosting.example/usdt-p2p-kz?ref=chat',
    'https://free-hosting.example/usdt-p2p-kz/?ref=chat',
    'https://free-hosting.example/usdt-p2p-kz;jsessionid=AB12/',
    'https://free-hosting.example/usdt-p2p-kz/pay/step;x=1/',
    'https://free-hosting.example/a/../usdt-p2p-kz/./pay',
    'https://FREE-HOSTING.example:443/usdt-p2p-kz#top',
    'https://files.example/get?id=42',
    'https://files.example/get/?id=%34%32',
    'https://pages.example/offer/',
    'https://pages.example/offer?utm_source=chat',
  ])('blocks the equivalent form %s of a blocked URL', async (q) => {
    expect(await verdictOf(q)).toBe('blocked');
  });

  it.each([
    'https://free-hosting.example/usdt-p2p-kz-other',
    'https://free-hosting.example/USDT-P2P-KZ',
    'https://files.example/get?id=43',
    'https://files.example/get',
    'https://pages.example/offer/more',
  ])('does not stretch a URL entry to the different page %s', async (q) => {
    expect(await verdictOf(q)).toBe('unknown');
  });

  it('blocks a host with an underscore label under a blocked domain, as browsers visit it', async () => {
    expect(await verdictOf('a_b.coinbase.com')).toBe('blocked');
    expect(await verdictOf('https://_dmarc.coinbase.com/x')).toBe('blocked');
  });

  it('applies a subtree entry above the registrable domain, as resolvers do', async () => {
    // bucket.s3.amazonaws.com is its own registrable domain (s3.amazonaws.com is a private suffix), yet RPZ's
    // *.amazonaws.com covers it.
    expect(await verdictOf('https://bucket.s3.amazonaws.com/wallet')).toBe('blocked');
  });
});

describe('CheckService: answers that say what the record says', () => {
  const service = serviceWith({
    entries: [
      anEntry({ value: 'scam.example', match: 'subtree' }),
      anEntry({
        id: 'entry-ru',
        value: 'translated.example',
        blockedEntityId: 'translated',
        legalBasis: { en: 'Law "On Digital Assets", Art. 11(5)', ru: 'Закон «О цифровых активах», п. 5 ст. 11', kk: null },
      }),
    ],
    blockedEntities: [
      aBlockedEntity(),
      aBlockedEntity({
        id: 'translated',
        name: { en: 'Scam Exchange', ru: 'Мошенническая биржа', kk: 'Алаяқ биржа' },
        authority: {
          en: 'Ministry of Culture and Information of the Republic of Kazakhstan',
          ru: 'Министерство культуры и информации Республики Казахстан',
          kk: 'Қазақстан Республикасы Мәдениет және ақпарат министрлігі',
        },
        legalBasis: { en: 'Law "On Digital Assets", Art. 11(5)', ru: 'Закон «О цифровых активах», п. 5 ст. 11', kk: null },
      }),
      aBlockedEntity({
        id: 'lifted-1',
        name: { en: 'Trade Review', ru: null, kk: null },
        domains: ['was-blocked.example'],
        blockedOn: '2023-05-01',
        liftedOn: '2024-09-01',
        liftReason: 'Court ruling',
      }),
    ],
    firms: [
      aFirm({
        id: 'paused',
        domainNames: ['paused.kz'],
        licences: [aLicence({ number: 'DEMO-AFSA-B-LA-2024-0002', status: 'suspended' })],
      }),
      aFirm({
        id: 'demo-firm',
        domainNames: ['demo-firm.kz'],
        source: aSource({ demo: true, confidence: 'unconfirmed' }),
      }),
    ],
  });
  const check = (q: string, lang: 'kk' | 'ru' | 'en' = 'en') => service.check({ q, lang }, undefined, NOW);

  it('calls a listed firm with a suspended licence suspended, not unknown, and says it is listed', async () => {
    const result = await check('paused.kz');
    expect(result).toMatchObject({ verdict: 'suspended', reason: { code: 'firm-licence-suspended' }, firm: { id: 'paused' } });
    expect(result.reason.message).toBe(
      'paused.kz is an official domain of Example Exchange, which is listed in this registry, but its licence ' +
        'DEMO-AFSA-B-LA-2024-0002 is suspended: it may not offer the licensed services while the suspension lasts.',
    );
    expect(result.notices.join(' ')).not.toMatch(/not proof of safety/);
    expect((await check('paused.kz', 'ru')).reason.message).toContain('которая есть в этом реестре, но её лицензия');
    expect((await check('paused.kz', 'kk')).reason.message).toContain('лицензиясы тоқтатыла тұрған');
  });

  it('gives legal basis, authority and entity name in the answer language, English where the record has none', async () => {
    const ru = await check('translated.example', 'ru');
    expect(ru.reason.message).toBe(
      'Сайт translated.example заблокирован в Казахстане (запись в списке блокировок: translated.example). ' +
        'Правовое основание: Закон «О цифровых активах», п. 5 ст. 11.',
    );
    expect(ru.blockedEntity).toMatchObject({
      name: 'Мошенническая биржа',
      authority: 'Министерство культуры и информации Республики Казахстан',
      legalBasis: 'Закон «О цифровых активах», п. 5 ст. 11',
    });
    expect(ru.entry?.legalBasis).toBe('Закон «О цифровых активах», п. 5 ст. 11');
    const kk = await check('translated.example', 'kk');
    expect(kk.blockedEntity).toMatchObject({ name: 'Алаяқ биржа', legalBasis: 'Law "On Digital Assets", Art. 11(5)' });
    expect(kk.reason.message).toContain('Құқықтық негіз: Law "On Digital Assets", Art. 11(5).');
  });

  it('says since when a licence is suspended when its history records the date', async () => {
    const dated = serviceWith({
      firms: [
        aFirm({
          id: 'dated',
          domainNames: ['dated.kz'],
          licences: [
            aLicence({
              number: 'DEMO-AFSA-C-LA-2024-0003',
              status: 'suspended',
              history: [
                { id: '1', event: 'granted', effectiveOn: '2024-02-01' },
                { id: '2', event: 'suspended', effectiveOn: '2026-10-15' },
              ] as LicenceEntity['history'],
            }),
          ],
        }),
      ],
    });
    const result = await dated.check({ q: 'dated.kz', lang: 'en' }, undefined, NOW);
    expect(result.reason.message).toContain('its licence DEMO-AFSA-C-LA-2024-0003 has been suspended since 2026-10-15:');
    expect((await dated.check({ q: 'dated.kz', lang: 'ru' }, undefined, NOW)).reason.message).toContain('приостановлена с 2026-10-15');
  });

  it('says a site was blocked and when the block was lifted, not that it was never listed', async () => {
    const result = await check('https://www.was-blocked.example/');
    expect(result).toMatchObject({
      verdict: 'unknown',
      reason: { code: 'block-lifted' },
      blockedEntity: { id: 'lifted-1', liftedOn: '2024-09-01', liftReason: 'Court ruling' },
      entry: null,
    });
    expect(result.reason.message).toBe(
      'The site www.was-blocked.example was blocked in Kazakhstan from 2023-05-01 (Ministry of Culture and Information ' +
        'of the Republic of Kazakhstan); the block was lifted on 2024-09-01. It is not blocked now, and it is not licensed.',
    );
    expect(result.notices[0]).toMatch(/^Not being listed is not proof of safety/);
  });

  it.each([
    ['en', /^Do not enter passwords, codes or card details on this site.*police \(102\)\.$/],
    ['ru', /^Не вводите на этом сайте пароли.*полицию \(102\)\.$/],
    ['kk', /^Бұл сайтта құпиясөздерді.*полицияға \(102\) хабарлаңыз\.$/],
  ] as const)('tells the citizen what to do about a blocked site (%s)', async (lang, advice) => {
    const result = await check('scam.example', lang);
    expect(result.verdict).toBe('blocked');
    expect(result.notices).toHaveLength(1);
    expect(result.notices[0]).toMatch(advice);
  });

  it('cites the law and the AFSA warning, with its address, when nothing is known', async () => {
    const [notice] = (await check('nothing-known.example')).notices;
    expect(notice).toContain('"On Digital Assets" (Art. 11(5)) prohibits organising the circulation of digital assets without a licence');
    expect(notice).toContain('https://afsa.aifc.kz/afsa-warning-on-unlicensed-digital-asset-platforms/');
    expect((await check('nothing-known.example', 'ru')).notices[0]).toContain('«О цифровых активах» (п. 5 ст. 11)');
    expect((await check('nothing-known.example', 'kk')).notices[0]).toContain('«Цифрлық активтер туралы» Заңы');
  });

  it.each([
    ['en', 'This answer rests on demo data', 'Part of this answer rests on a record not confirmed'],
    ['ru', 'Этот ответ основан на демонстрационных данных', 'не подтверждённой официальным источником'],
    ['kk', 'Бұл жауап демонстрациялық деректерге негізделген', 'ресми дереккөзде расталмаған'],
  ] as const)('says in words when the answer rests on demo or unconfirmed records (%s)', async (lang, demo, unconfirmed) => {
    const result = await check('demo-firm.kz', lang);
    expect(result.verdict).toBe('licensed');
    expect(result.notices.slice(1)).toEqual([expect.stringContaining(demo), expect.stringContaining(unconfirmed)]);
    expect(result.sources[0]).toMatchObject({ demo: true, confidence: 'unconfirmed' });
    expect((await check('paused.kz', lang)).notices).toHaveLength(1);
  });
});
