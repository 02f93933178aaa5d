// Demo records for a fresh database. Each cites where its facts come from (see ../shared/facts.md); identifiers not
// confirmed at an official source carry the DEMO- prefix, and invented sites use the reserved .example TLD.
import type { BlockedEntityInput } from '../blocked-entities/blocked-entities.service.js';
import type { EntryInput } from '../blocklist/entry-plan.js';
import type { FirmInput } from '../firms/firms.service.js';
import type { SourceEmbedded } from '../provenance/source.embedded.js';
import type { WarningInput } from '../warnings/warnings.service.js';

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
    'Illustrative licence: the firm is reported as AFSA-licensed (press, third-party), but this number is made up ' +
    '(DEMO-) and was not confirmed at the AFSA public register. No source gathered here gives its grant date, expiry ' +
    'or activities beyond what the record states, so those are recorded as unknown. Real numbers follow ' +
    'AFSA-<letter>-LA-<YYYY>-<NNNN> (third-party reports).',
  readOn: COMPILED_ON,
  confidence: 'unconfirmed',
};

const BYBIT_LICENCES: SourceEmbedded = {
  url: null,
  document:
    'Third-party reports: Bybit is named with one AFSA licence from 2023 and another from 2024 (only the years are ' +
    'given); the late-2024 press report calls Bybit licensed. Which licence is in force, when each was granted to the ' +
    'day, their activities and whether the 2023 one ended are not stated. The numbers are made up (DEMO-).',
  readOn: COMPILED_ON,
  confidence: 'unconfirmed',
};

/** Every demo firm's web domain: no source says which domains the licensed Kazakh entities use (../shared/facts.md). */
function unconfirmedDomain(domain: string, what: string): { domain: string; source: SourceEmbedded } {
  return {
    domain,
    source: {
      url: null,
      document:
        `Not confirmed: no source gathered for this registry says which web domains the AFSA-licensed Kazakh entity ` +
        `uses. ${domain} is ${what}, listed so the demo can show a licensed answer; do not rely on it.`,
      readOn: COMPILED_ON,
      confidence: 'unconfirmed',
    },
  };
}

const ILLUSTRATIVE_BLOCK: SourceEmbedded = {
  url: null,
  document:
    'Illustrative record, not a real decision: it stands for the 3,500+ exchange sites blocked in 2024 (press report, ' +
    'late 2024), whose names are not published here. Its name, decision number and dates are illustrative; the site ' +
    'uses the reserved .example domain.',
  readOn: COMPILED_ON,
  confidence: 'unconfirmed',
};

// Official names of the bodies and the law in Russian and Kazakh, as the bodies and the law's own title give them.
const MINISTRY_OF_CULTURE_AND_INFORMATION = {
  en: 'Ministry of Culture and Information of the Republic of Kazakhstan',
  ru: 'Министерство культуры и информации Республики Казахстан',
  kk: 'Қазақстан Республикасының Мәдениет және ақпарат министрлігі',
};
const MINISTRY_OF_DIGITAL_DEVELOPMENT = {
  en: 'Ministry of Digital Development, Innovation and Aerospace Industry',
  ru: 'Министерство цифрового развития, инноваций и аэрокосмической промышленности',
  kk: 'Цифрлық даму, инновациялар және аэроғарыш өнеркәсібі министрлігі',
};
const NATIONAL_SECURITY_COMMITTEE = {
  en: 'National Security Committee of the Republic of Kazakhstan',
  ru: 'Комитет национальной безопасности Республики Казахстан',
  kk: 'Қазақстан Республикасының Ұлттық қауіпсіздік комитеті',
};
const FINANCIAL_MONITORING_AGENCY = {
  en: 'Financial Monitoring Agency of the Republic of Kazakhstan',
  ru: 'Агентство Республики Казахстан по финансовому мониторингу',
  kk: 'Қазақстан Республикасының Қаржылық мониторинг агенттігі',
};

/** The article AFSA's warning cites (../shared/facts.md): organising the circulation of digital assets without a licence. */
const DIGITAL_ASSETS_LAW = {
  en: 'Law of the Republic of Kazakhstan "On Digital Assets", Art. 11(5)',
  ru: 'Закон Республики Казахстан «О цифровых активах в Республике Казахстан», пункт 5 статьи 11',
  kk: '«Қазақстан Республикасындағы цифрлық активтер туралы» Қазақстан Республикасының Заңы, 11-баптың 5-тармағы',
};

/** Coinbase's block is reported as a breach of the digital-asset law; the reports name no article. */
const DIGITAL_ASSETS_LAW_AS_REPORTED = {
  en: 'Law of the Republic of Kazakhstan "On Digital Assets" (as reported; the article is not stated)',
  ru: 'Закон Республики Казахстан «О цифровых активах в Республике Казахстан» (по сообщениям СМИ; статья не указана)',
  kk: '«Қазақстан Республикасындағы цифрлық активтер туралы» Қазақстан Республикасының Заңы (БАҚ хабарлары бойынша; бабы көрсетілмеген)',
};

export const DEMO_FIRMS: FirmInput[] = [
  {
    names: { en: 'Binance Kazakhstan', ru: 'Бинанс Казахстан', kk: 'Бинанс Қазақстан' },
    brands: ['Binance'],
    // Aliases are how citizens type the brand, not official names: Бинанс is the common Cyrillic transliteration (the
    // firm's own ru/kk names above use it); Binance KZ the usual short form of the Kazakh entity's name.
    aliases: ['Бинанс', 'Binance KZ'],
    bin: 'DEMO-BIN-0001',
    lei: null,
    jurisdiction: 'AIFC',
    domains: [unconfirmedDomain('binance.com', "the global brand's domain")],
    licences: [
      {
        // The press names the activities (a trading facility and custody) but no date: the grant date is unknown.
        number: 'DEMO-AFSA-A-LA-0001',
        regulator: 'AFSA',
        activities: ['Operating a Digital Asset Trading Facility', 'Providing Custody'],
        status: 'active',
        grantedOn: null,
        grantedOnPrecision: null,
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
    // Байбит: the common Cyrillic transliteration of the brand (as in the firm's ru/kk names above); Bybit KZ the usual
    // short form of the Kazakh entity's name.
    aliases: ['Байбит', 'Bybit KZ'],
    bin: 'DEMO-BIN-0002',
    lei: null,
    jurisdiction: 'AIFC',
    domains: [
      unconfirmedDomain('bybit.com', "the global brand's domain"),
      unconfirmedDomain('bybit.kz', 'a .kz name of the brand, assumed'),
    ],
    // Reported with one licence from 2023 and another from 2024: history, not an overwrite. The firm is reported as
    // licensed, so the newer one is taken as in force; what became of the 2023 one is not stated.
    licences: [
      {
        number: 'DEMO-AFSA-A-LA-2023-0002',
        regulator: 'AFSA',
        activities: [],
        status: 'unknown',
        grantedOn: '2023-01-01',
        grantedOnPrecision: 'year',
        expiresOn: null,
        endedOn: null,
        source: BYBIT_LICENCES,
      },
      {
        number: 'DEMO-AFSA-A-LA-2024-0003',
        regulator: 'AFSA',
        activities: [],
        status: 'active',
        grantedOn: '2024-01-01',
        grantedOnPrecision: 'year',
        expiresOn: null,
        endedOn: null,
        source: BYBIT_LICENCES,
      },
    ],
    source: CRACKDOWN_REPORT,
  },
];

/** Keyed so blocklist entries can name their entity. */
export const DEMO_BLOCKED_ENTITIES: Record<string, BlockedEntityInput> = {
  coinbase: {
    // A brand written the same way in every language: no ru or kk version (English is the fallback).
    name: { en: 'Coinbase', ru: null, kk: null },
    // Coinbase Global: the parent company's name (press reports); Коинбейс and Коинбэйс: common Cyrillic transliterations
    // of the brand, as Russian-language press and citizens write it.
    aliases: ['Coinbase Global', 'Коинбейс', 'Коинбэйс'],
    category: 'online-exchange',
    authority: MINISTRY_OF_CULTURE_AND_INFORMATION,
    requestedBy: MINISTRY_OF_DIGITAL_DEVELOPMENT,
    legalBasis: DIGITAL_ASSETS_LAW_AS_REPORTED,
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
    name: {
      en: 'Kripto Obmen KZ (illustrative)',
      ru: 'Крипто Обмен KZ (иллюстративная запись)',
      kk: 'Крипто Обмен KZ (иллюстрациялық жазба)',
    },
    aliases: ['Крипто Обмен'],
    category: 'online-exchange',
    authority: NATIONAL_SECURITY_COMMITTEE,
    requestedBy: FINANCIAL_MONITORING_AGENCY,
    legalBasis: DIGITAL_ASSETS_LAW,
    decisionNumber: 'DEMO-DECISION-2024-0001',
    decisionDate: '2024-06-01',
    blockedOn: '2024-06-01',
    blockedOnPrecision: 'day',
    domains: ['kripto-obmen-kz.example', 'крипто-обмен.example'],
    source: ILLUSTRATIVE_BLOCK,
  },
  liftedSite: {
    name: {
      en: 'Trade Review Platform (illustrative, lifted)',
      ru: 'Trade Review Platform (иллюстративная запись, блокировка снята)',
      kk: 'Trade Review Platform (иллюстрациялық жазба, бұғаттау алынды)',
    },
    category: 'online-exchange',
    authority: MINISTRY_OF_CULTURE_AND_INFORMATION,
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

/**
 * AFSA's public warning (../shared/facts.md, read at the source). No source gathered here gives the day it was issued,
 * so the date is null and the record says so. The warning names brands, not sites: the domains are the brands' global
 * sites as commonly known, added so that the demo can answer a link as well as a name, and the source says so.
 */
export const DEMO_WARNINGS: WarningInput[] = [
  {
    brands: ['OKX', 'HTX', 'Bitget', 'MEXC'],
    // Common Cyrillic transliterations, as citizens and Russian-language press write the brands (not AFSA's wording);
    // Huobi is HTX's former name.
    aliases: ['ОКХ', 'ОКЭКС', 'Huobi', 'Хуоби', 'Битгет', 'Мекс', 'МЕКСИ'],
    domains: ['okx.com', 'htx.com', 'bitget.com', 'mexc.com'],
    issuedOn: null,
    issuer: 'AFSA',
    title: {
      en: 'AFSA Warning on Unlicensed Digital Asset Platforms',
      ru: 'Предупреждение AFSA о нелицензированных платформах цифровых активов',
      kk: 'AFSA-ның лицензиясыз цифрлық актив платформалары туралы ескертуі',
    },
    summary: {
      en:
        'AFSA warns that OKX, HTX, Bitget and MEXC are not licensed in the AIFC. Only AFSA-licensed entities may carry on ' +
        'regulated activities in or from the AIFC, and the Law "On Digital Assets" (Art. 11(5)) prohibits organising the ' +
        'circulation of digital assets in Kazakhstan without a licence or authorisation.',
      ru:
        'AFSA предупреждает, что OKX, HTX, Bitget и MEXC не имеют лицензии в МФЦА. Регулируемую деятельность в МФЦА или из ' +
        'МФЦА вправе вести только компании с лицензией AFSA, а Закон «О цифровых активах» (п. 5 ст. 11) запрещает ' +
        'организовывать оборот цифровых активов в Казахстане без лицензии или разрешения.',
      kk:
        'AFSA OKX, HTX, Bitget және MEXC платформаларының АХҚО-да лицензиясы жоқ екенін ескертеді. АХҚО-да немесе ' +
        'АХҚО-дан реттелетін қызметті тек AFSA лицензиясы бар ұйымдар жүргізе алады, ал «Цифрлық активтер туралы» Заң ' +
        '(11-баптың 5-тармағы) Қазақстанда цифрлық активтердің айналымын лицензиясыз немесе рұқсатсыз ұйымдастыруға тыйым салады.',
    },
    source: {
      url: 'https://afsa.aifc.kz/afsa-warning-on-unlicensed-digital-asset-platforms/',
      document:
        'AFSA Warning on Unlicensed Digital Asset Platforms: names OKX, HTX, Bitget and MEXC as not licensed in the AIFC ' +
        'and cites Art. 11(5) of the Law "On Digital Assets". The sources gathered for this registry do not give the ' +
        "date it was issued, so none is recorded. The warning names brands, not sites: the domains listed are the brands' " +
        'global sites as commonly known, not taken from the warning.',
      readOn: COMPILED_ON,
      confidence: 'verified',
    },
  },
];
