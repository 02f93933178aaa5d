// Demo records for a fresh database. Each cites where its facts come from (see ../shared/facts.md); identifiers not
// confirmed at an official source carry the DEMO- prefix, and invented sites use the reserved .example TLD.
import type { BlockedEntityInput } from '../blocked-entities/blocked-entities.service.js';
import type { EntryInput } from '../blocklist/entry-plan.js';
import type { FirmInput } from '../firms/firms.service.js';
import type { SourceEmbedded } from '../provenance/source.embedded.js';

const COMPILED_ON = '2026-11-24';

const CRACKDOWN_REPORT: SourceEmbedded = {
  url: null,
  document:
    "Press report on Kazakhstan's 2024 crypto crackdown (late 2024): licensed exchanges such as Binance and Bybit " +
    'operate under the AFSA in the AIFC; in 2024 the KNB, the Ministry of Culture and Information and the AFM ' +
    'blocked over 3,500 illegal online exchanges.',
  readOn: COMPILED_ON,
  confidence: 'third-party',
};

const ILLUSTRATIVE_LICENCE: SourceEmbedded = {
  url: null,
  document:
    'Illustrative licence (DEMO-): the firm is reported as AFSA-licensed, but this number and these dates were not ' +
    'confirmed at the AFSA public register. Real numbers follow AFSA-<letter>-LA-<YYYY>-<NNNN> (third-party reports).',
  readOn: COMPILED_ON,
  confidence: 'unconfirmed',
};

const ILLUSTRATIVE_BLOCK: SourceEmbedded = {
  url: null,
  document:
    'Illustrative record, not a real decision: it stands for the 3,500+ exchange sites blocked in 2024 (press report, ' +
    'late 2024), whose names are not published here. The site uses the reserved .example domain.',
  readOn: COMPILED_ON,
  confidence: 'unconfirmed',
};

const DIGITAL_ASSETS_LAW = 'Law of the Republic of Kazakhstan "On Digital Assets", Art. 11(5)';

export const DEMO_FIRMS: FirmInput[] = [
  {
    names: { en: 'Binance Kazakhstan', ru: 'Бинанс Казахстан', kk: 'Бинанс Қазақстан' },
    brands: ['Binance'],
    aliases: ['Бинанс', 'Binance KZ'],
    bin: 'DEMO-BIN-0001',
    lei: null,
    jurisdiction: 'AIFC',
    domains: ['binance.com'],
    licences: [
      {
        number: 'DEMO-AFSA-A-LA-2023-0001',
        regulator: 'AFSA',
        activities: ['Operating a Digital Asset Trading Facility', 'Providing Custody'],
        status: 'active',
        grantedOn: '2023-01-01',
        expiresOn: null,
        endedOn: null,
        source: ILLUSTRATIVE_LICENCE,
      },
    ],
    source: CRACKDOWN_REPORT,
  },
  {
    names: { en: 'Bybit Kazakhstan', ru: 'Байбит Казахстан', kk: 'Байбит Қазақстан' },
    brands: ['Bybit'],
    aliases: ['Байбит'],
    bin: 'DEMO-BIN-0002',
    lei: null,
    jurisdiction: 'AIFC',
    domains: ['bybit.com', 'bybit.kz'],
    // Bybit is reported with one licence from 2023 and another from 2024: history, not an overwrite.
    licences: [
      {
        number: 'DEMO-AFSA-A-LA-2023-0002',
        regulator: 'AFSA',
        activities: ['Operating a Digital Asset Trading Facility'],
        status: 'expired',
        grantedOn: '2023-01-01',
        expiresOn: null,
        endedOn: '2024-01-01',
        source: ILLUSTRATIVE_LICENCE,
      },
      {
        number: 'DEMO-AFSA-A-LA-2024-0003',
        regulator: 'AFSA',
        activities: ['Operating a Digital Asset Trading Facility', 'Providing Custody'],
        status: 'active',
        grantedOn: '2024-01-01',
        expiresOn: null,
        endedOn: null,
        source: ILLUSTRATIVE_LICENCE,
      },
    ],
    source: CRACKDOWN_REPORT,
  },
];

/** Keyed so blocklist entries can name their entity. */
export const DEMO_BLOCKED_ENTITIES: Record<string, BlockedEntityInput> = {
  coinbase: {
    name: 'Coinbase',
    aliases: ['Coinbase Global', 'Коинбейс'],
    category: 'online-exchange',
    authority: 'Ministry of Culture and Information of the Republic of Kazakhstan',
    requestedBy: 'Ministry of Digital Development, Innovation and Aerospace Industry',
    legalBasis: DIGITAL_ASSETS_LAW,
    decisionNumber: null,
    decisionDate: null,
    blockedOn: '2023-11-01',
    blockedOnPrecision: 'month',
    domains: ['coinbase.com'],
    source: {
      url: null,
      document:
        'Press reports: Coinbase was blocked in Kazakhstan in 2023 for violating the digital-asset law; reportedly in ' +
        'November 2023 by the Ministry of Culture and Information at the request of the Ministry of Digital Development.',
      readOn: COMPILED_ON,
      confidence: 'third-party',
    },
  },
  exchangeSite: {
    name: 'Kripto Obmen KZ (illustrative)',
    aliases: ['Крипто Обмен'],
    category: 'online-exchange',
    authority: 'National Security Committee of the Republic of Kazakhstan',
    requestedBy: 'Financial Monitoring Agency of the Republic of Kazakhstan',
    legalBasis: DIGITAL_ASSETS_LAW,
    decisionNumber: 'DEMO-DECISION-2024-0001',
    decisionDate: '2024-06-01',
    blockedOn: '2024-06-01',
    blockedOnPrecision: 'day',
    domains: ['kripto-obmen-kz.example', 'крипто-обмен.example'],
    source: ILLUSTRATIVE_BLOCK,
  },
  liftedSite: {
    name: 'Trade Review Platform (illustrative, lifted)',
    category: 'online-exchange',
    authority: 'Ministry of Culture and Information of the Republic of Kazakhstan',
    requestedBy: null,
    legalBasis: DIGITAL_ASSETS_LAW,
    decisionNumber: 'DEMO-DECISION-2024-0002',
    decisionDate: '2024-03-01',
    blockedOn: '2024-03-01',
    blockedOnPrecision: 'day',
    liftedOn: '2024-09-01',
    liftReason: 'Illustrative: some blocks were later lifted after review (reported for Interactive Brokers and NYMEX).',
    domains: ['trade-review.example'],
    source: ILLUSTRATIVE_BLOCK,
  },
};

type DemoEntry = Omit<EntryInput, 'blockedEntityId'> & {
  entity: keyof typeof DEMO_BLOCKED_ENTITIES;
};

export const DEMO_ENTRIES: DemoEntry[] = [
  { entity: 'coinbase', kind: 'domain', value: 'coinbase.com', match: 'subtree' },
  { entity: 'exchangeSite', kind: 'domain', value: 'kripto-obmen-kz.example', match: 'subtree' },
  { entity: 'exchangeSite', kind: 'domain', value: 'крипто-обмен.example', match: 'subtree' },
  { entity: 'exchangeSite', kind: 'url', value: 'https://free-hosting.example/usdt-p2p-kz/', match: 'subtree' },
  // Documentation address ranges (RFC 5737, RFC 3849): safe to publish as examples.
  { entity: 'exchangeSite', kind: 'ipv4', value: '192.0.2.10', match: 'exact' },
  { entity: 'exchangeSite', kind: 'cidr', value: '198.51.100.0/24', match: 'exact' },
  { entity: 'exchangeSite', kind: 'ipv6', value: '2001:db8::10', match: 'exact' },
  { entity: 'liftedSite', kind: 'domain', value: 'trade-review.example', match: 'subtree' },
];

/** The lifted entity's entries are removed in a second serial, so the demo shows history. */
export const DEMO_LIFTED_ENTITY: keyof typeof DEMO_BLOCKED_ENTITIES = 'liftedSite';
