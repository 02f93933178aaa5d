// Real answers of the check on the demo data (ids and time fixed), shown in the OpenAPI document. An e2e test asks
// the check the same questions and compares: an example that drifts from what the service says fails the suite.
import type { CheckResultDto } from './check.dto.js';

export const CHECK_EXAMPLES: Record<string, { summary: string; value: CheckResultDto }> = {
  "blocked": {
    "summary": "A blocked site (a link under a subtree entry)",
    "value": {
      "query": "https://www.coinbase.com/login",
      "target": {
        "kind": "domain",
        "host": "www.coinbase.com",
        "displayHost": "www.coinbase.com",
        "registrableDomain": "coinbase.com",
        "url": "https://www.coinbase.com/login"
      },
      "verdict": "blocked",
      "reason": {
        "code": "blocked-domain",
        "message": "The site www.coinbase.com is blocked in Kazakhstan (blocklist entry coinbase.com). Legal basis: Law of the Republic of Kazakhstan \"On Digital Assets\" (as reported; the article is not stated)."
      },
      "notices": [
        "Do not enter passwords, codes or card details on this site, and do not send it money or crypto-assets. If you already have, contact your bank at once and report it to the police (102).",
        "This answer rests on demo data: the record illustrates how the registry works and is not an official statement."
      ],
      "firm": null,
      "blockedEntity": {
        "id": "9a7b6c5d-4e3f-4a1b-8c9d-0e1f2a3b4c5d",
        "name": "Coinbase",
        "authority": "Ministry of Culture and Information of the Republic of Kazakhstan",
        "requestedBy": "Ministry of Digital Development, Innovation and Aerospace Industry",
        "legalBasis": "Law of the Republic of Kazakhstan \"On Digital Assets\" (as reported; the article is not stated)",
        "decisionNumber": null,
        "blockedOn": "2023-11-01",
        "blockedOnPrecision": "month",
        "liftedOn": null,
        "liftReason": null
      },
      "entry": {
        "id": "5e4d3c2b-1a09-4f8e-b7d6-c5b4a3928170",
        "kind": "domain",
        "value": "coinbase.com",
        "match": "subtree",
        "addedSerial": 1,
        "legalBasis": "Law of the Republic of Kazakhstan \"On Digital Assets\" (as reported; the article is not stated)"
      },
      "sources": [
        {
          "url": null,
          "document": "Press reports: Coinbase was blocked in Kazakhstan in 2023 for violating the digital-asset law; reportedly in November 2023 by the Ministry of Culture and Information at the request of the Ministry of Digital Development.",
          "readOn": "2026-11-24",
          "confidence": "third-party",
          "demo": true
        }
      ],
      "warning": null,
      "matches": [],
      "lookalikes": [],
      "displayHostALabel": null,
      "lang": "en",
      "serial": 2,
      "stale": null,
      "checkedAt": "2026-11-24T09:00:00.000Z"
    }
  },
  "licensed": {
    "summary": "An official domain of a licensed firm",
    "value": {
      "query": "binance.com",
      "target": {
        "kind": "domain",
        "host": "binance.com",
        "displayHost": "binance.com",
        "registrableDomain": "binance.com",
        "url": null
      },
      "verdict": "licensed",
      "reason": {
        "code": "licensed-firm-domain",
        "message": "binance.com is an official domain of Binance Kazakhstan, licensed by AFSA (licence DEMO-AFSA-A-LA-0001)."
      },
      "notices": [
        "Make sure the address is exactly binance.com: fraudsters use look-alike addresses.",
        "This answer rests on demo data: the record illustrates how the registry works and is not an official statement.",
        "Part of this answer rests on a record not confirmed at an official source: treat it with caution."
      ],
      "firm": {
        "id": "3f1c2a9e-8b7d-4c6e-9f0a-1b2c3d4e5f60",
        "names": {
          "en": "Binance Kazakhstan",
          "ru": "Бинанс Казахстан",
          "kk": "Бинанс Қазақстан"
        },
        "licensingStatus": "licensed",
        "matchedDomain": "binance.com",
        "officialDomains": [
          "binance.com"
        ],
        "licences": [
          {
            "number": "DEMO-AFSA-A-LA-0001",
            "regulator": "AFSA",
            "status": "active",
            "activities": [
              "Operating a Digital Asset Trading Facility",
              "Providing Custody"
            ]
          }
        ]
      },
      "blockedEntity": null,
      "entry": null,
      "sources": [
        {
          "url": null,
          "document": "Press report on Kazakhstan's 2024 crypto crackdown (late 2024): licensed exchanges such as Binance and Bybit operate under the AFSA in the AIFC; in 2024 the KNB, the Ministry of Culture and Information and the AFM blocked over 3,500 illegal online exchanges.",
          "readOn": "2026-11-24",
          "confidence": "third-party",
          "demo": true
        },
        {
          "url": null,
          "document": "Not confirmed: no source gathered for this registry says which web domains the AFSA-licensed Kazakh entity uses. binance.com is the global brand's domain, listed so the demo can show a licensed answer; do not rely on it.",
          "readOn": "2026-11-24",
          "confidence": "unconfirmed",
          "demo": true
        },
        {
          "url": null,
          "document": "Illustrative licence: the firm is reported as AFSA-licensed (press, third-party), but this number is made up (DEMO-) and was not confirmed at the AFSA public register. No source gathered here gives its grant date, expiry or activities beyond what the record states, so those are recorded as unknown. Real numbers follow AFSA-<letter>-LA-<YYYY>-<NNNN> (third-party reports).",
          "readOn": "2026-11-24",
          "confidence": "unconfirmed",
          "demo": true
        }
      ],
      "warning": null,
      "matches": [],
      "lookalikes": [],
      "displayHostALabel": null,
      "lang": "en",
      "serial": 2,
      "stale": null,
      "checkedAt": "2026-11-24T09:00:00.000Z"
    }
  },
  "blockLifted": {
    "summary": "A site whose block was lifted",
    "value": {
      "query": "trade-review.example",
      "target": {
        "kind": "domain",
        "host": "trade-review.example",
        "displayHost": "trade-review.example",
        "registrableDomain": "trade-review.example",
        "url": null
      },
      "verdict": "unknown",
      "reason": {
        "code": "block-lifted",
        "message": "The site trade-review.example was blocked in Kazakhstan from 2024-03-01 (Ministry of Culture and Information of the Republic of Kazakhstan); the block was lifted on 2024-09-01. It is not blocked now, and it is not licensed."
      },
      "notices": [
        "Not being listed is not proof of safety: new fraudulent sites appear every day. The Law of the Republic of Kazakhstan \"On Digital Assets\" (Art. 11(5)) prohibits organising the circulation of digital assets without a licence, and only firms licensed by the AFSA may carry on regulated activities in or from the AIFC (AFSA warning on unlicensed digital asset platforms: https://afsa.aifc.kz/afsa-warning-on-unlicensed-digital-asset-platforms/).",
        "This answer rests on demo data: the record illustrates how the registry works and is not an official statement.",
        "Part of this answer rests on a record not confirmed at an official source: treat it with caution."
      ],
      "firm": null,
      "blockedEntity": {
        "id": "9a7b6c5d-4e3f-4a1b-8c9d-0e1f2a3b4c5d",
        "name": "Trade Review Platform (illustrative, lifted)",
        "authority": "Ministry of Culture and Information of the Republic of Kazakhstan",
        "requestedBy": null,
        "legalBasis": "Law of the Republic of Kazakhstan \"On Digital Assets\", Art. 11(5)",
        "decisionNumber": "DEMO-DECISION-2024-0002",
        "blockedOn": "2024-03-01",
        "blockedOnPrecision": "day",
        "liftedOn": "2024-09-01",
        "liftReason": "Illustrative: some blocks were later lifted after review (reported for Interactive Brokers and NYMEX)."
      },
      "entry": null,
      "sources": [
        {
          "url": null,
          "document": "Illustrative record, not a real decision: it stands for the 3,500+ exchange sites blocked in 2024 (press report, late 2024), whose names are not published here. Its name, decision number and dates are illustrative; the site uses the reserved .example domain.",
          "readOn": "2026-11-24",
          "confidence": "unconfirmed",
          "demo": true
        }
      ],
      "warning": null,
      "matches": [],
      "lookalikes": [],
      "displayHostALabel": null,
      "lang": "en",
      "serial": 2,
      "stale": null,
      "checkedAt": "2026-11-24T09:00:00.000Z"
    }
  },
  "unknown": {
    "summary": "A site the registry knows nothing of",
    "value": {
      "query": "example.org",
      "target": {
        "kind": "domain",
        "host": "example.org",
        "displayHost": "example.org",
        "registrableDomain": "example.org",
        "url": null
      },
      "verdict": "unknown",
      "reason": {
        "code": "not-listed",
        "message": "example.org is neither licensed nor blocked in this registry."
      },
      "notices": [
        "Not being listed is not proof of safety: new fraudulent sites appear every day. The Law of the Republic of Kazakhstan \"On Digital Assets\" (Art. 11(5)) prohibits organising the circulation of digital assets without a licence, and only firms licensed by the AFSA may carry on regulated activities in or from the AIFC (AFSA warning on unlicensed digital asset platforms: https://afsa.aifc.kz/afsa-warning-on-unlicensed-digital-asset-platforms/)."
      ],
      "firm": null,
      "blockedEntity": null,
      "entry": null,
      "sources": [],
      "warning": null,
      "matches": [],
      "lookalikes": [],
      "displayHostALabel": null,
      "lang": "en",
      "serial": 2,
      "stale": null,
      "checkedAt": "2026-11-24T09:00:00.000Z"
    }
  },
  "warned-name": {
    "summary": "A name AFSA has warned about (a name query)",
    "value": {
      "query": "OKX",
      "target": {
        "kind": "name",
        "host": null,
        "displayHost": null,
        "registrableDomain": null,
        "url": null
      },
      "verdict": "warned",
      "reason": {
        "code": "warned-name",
        "message": "AFSA has publicly warned that OKX is not licensed (\"AFSA Warning on Unlicensed Digital Asset Platforms\"; the sources gathered here do not give its date)."
      },
      "notices": [
        "Do not open an account with it or send it money or crypto-assets: a platform not licensed in Kazakhstan answers to no Kazakh regulator, and money lost there is hard to recover. If you already have, contact your bank and report it to the police (102).",
        "This answer rests on demo data: the record illustrates how the registry works and is not an official statement."
      ],
      "firm": null,
      "blockedEntity": null,
      "entry": null,
      "warning": {
        "id": "019a4f2e-7c1d-7b3a-9e8f-0a1b2c3d4e5f",
        "issuer": "AFSA",
        "brands": [
          "OKX",
          "HTX",
          "Bitget",
          "MEXC"
        ],
        "domains": [
          "okx.com",
          "htx.com",
          "bitget.com",
          "mexc.com"
        ],
        "issuedOn": null,
        "title": "AFSA Warning on Unlicensed Digital Asset Platforms",
        "summary": "AFSA warns that OKX, HTX, Bitget and MEXC are not licensed in the AIFC. Only AFSA-licensed entities may carry on regulated activities in or from the AIFC, and the Law \"On Digital Assets\" (Art. 11(5)) prohibits organising the circulation of digital assets in Kazakhstan without a licence or authorisation."
      },
      "sources": [
        {
          "url": "https://afsa.aifc.kz/afsa-warning-on-unlicensed-digital-asset-platforms/",
          "document": "AFSA Warning on Unlicensed Digital Asset Platforms: names OKX, HTX, Bitget and MEXC as not licensed in the AIFC and cites Art. 11(5) of the Law \"On Digital Assets\". The sources gathered for this registry do not give the date it was issued, so none is recorded. The warning names brands, not sites: the domains listed are the brands' global sites as commonly known, not taken from the warning.",
          "readOn": "2026-11-24",
          "confidence": "verified",
          "demo": true
        }
      ],
      "matches": [
        {
          "recordType": "warning",
          "id": "019a4f2e-7c1d-7b3a-9e8f-0a1b2c3d4e5f",
          "name": "OKX",
          "verdict": "warned",
          "score": 1
        }
      ],
      "lookalikes": [],
      "displayHostALabel": null,
      "lang": "en",
      "serial": 2,
      "stale": null,
      "checkedAt": "2026-11-24T09:00:00.000Z"
    }
  },
  "licensed-name": {
    "summary": "A licensed firm asked by its name in Cyrillic (in Russian)",
    "value": {
      "query": "Байбит",
      "target": {
        "kind": "name",
        "host": null,
        "displayHost": null,
        "registrableDomain": null,
        "url": null
      },
      "verdict": "licensed",
      "reason": {
        "code": "licensed-firm-name",
        "message": "«Байбит» — название компании Байбит Казахстан, имеющей лицензию AFSA (лицензия DEMO-AFSA-A-LA-2024-0003)."
      },
      "notices": [
        "Одно название не доказывает, что сайт принадлежит Байбит Казахстан: официальные сайты компании в этом реестре — bybit.com, bybit.kz. Мошенники используют похожие адреса.",
        "Этот ответ основан на демонстрационных данных: запись показывает, как работает реестр, и не является официальным сведением.",
        "Часть этого ответа основана на записи, не подтверждённой официальным источником: относитесь к ней с осторожностью."
      ],
      "firm": {
        "id": "3f1c2a9e-8b7d-4c6e-9f0a-1b2c3d4e5f61",
        "names": {
          "en": "Bybit Kazakhstan",
          "ru": "Байбит Казахстан",
          "kk": "Байбит Қазақстан"
        },
        "licensingStatus": "licensed",
        "matchedDomain": null,
        "officialDomains": [
          "bybit.com",
          "bybit.kz"
        ],
        "licences": [
          {
            "number": "DEMO-AFSA-A-LA-2024-0003",
            "regulator": "AFSA",
            "status": "active",
            "activities": []
          }
        ]
      },
      "blockedEntity": null,
      "entry": null,
      "warning": null,
      "sources": [
        {
          "url": null,
          "document": "Press report on Kazakhstan's 2024 crypto crackdown (late 2024): licensed exchanges such as Binance and Bybit operate under the AFSA in the AIFC; in 2024 the KNB, the Ministry of Culture and Information and the AFM blocked over 3,500 illegal online exchanges.",
          "readOn": "2026-11-24",
          "confidence": "third-party",
          "demo": true
        },
        {
          "url": null,
          "document": "Third-party reports: Bybit is named with one AFSA licence from 2023 and another from 2024 (only the years are given); the late-2024 press report calls Bybit licensed. Which licence is in force, when each was granted to the day, their activities and whether the 2023 one ended are not stated. The numbers are made up (DEMO-).",
          "readOn": "2026-11-24",
          "confidence": "unconfirmed",
          "demo": true
        }
      ],
      "matches": [
        {
          "recordType": "firm",
          "id": "3f1c2a9e-8b7d-4c6e-9f0a-1b2c3d4e5f61",
          "name": "Байбит Казахстан",
          "verdict": "licensed",
          "score": 1
        }
      ],
      "lookalikes": [],
      "displayHostALabel": null,
      "lang": "ru",
      "serial": 2,
      "stale": null,
      "checkedAt": "2026-11-24T09:00:00.000Z"
    }
  },
  "blocked-name": {
    "summary": "A blocked entity asked by its name in Cyrillic (in Kazakh)",
    "value": {
      "query": "Коинбейс",
      "target": {
        "kind": "name",
        "host": null,
        "displayHost": null,
        "registrableDomain": null,
        "url": null
      },
      "verdict": "blocked",
      "reason": {
        "code": "blocked-name",
        "message": "«Коинбейс» — Қазақстанда 2023-11-01 бастап бұғатталған Coinbase атауы (Қазақстан Республикасының Мәдениет және ақпарат министрлігі). Құқықтық негіз: «Қазақстан Республикасындағы цифрлық активтер туралы» Қазақстан Республикасының Заңы (БАҚ хабарлары бойынша; бабы көрсетілмеген)."
      },
      "notices": [
        "Бұл сайтта құпиясөздерді, кодтарды және карта деректерін енгізбеңіз, оған ақша немесе криптоактив аудармаңыз. Егер бұны жасап қойсаңыз, дереу банкіңізге хабарласып, полицияға (102) хабарлаңыз.",
        "Бұл жауап демонстрациялық деректерге негізделген: жазба тізілімнің қалай жұмыс істейтінін көрсетеді және ресми мәлімет емес."
      ],
      "firm": null,
      "blockedEntity": {
        "id": "9a7b6c5d-4e3f-4a1b-8c9d-0e1f2a3b4c5d",
        "name": "Coinbase",
        "authority": "Қазақстан Республикасының Мәдениет және ақпарат министрлігі",
        "requestedBy": "Цифрлық даму, инновациялар және аэроғарыш өнеркәсібі министрлігі",
        "legalBasis": "«Қазақстан Республикасындағы цифрлық активтер туралы» Қазақстан Республикасының Заңы (БАҚ хабарлары бойынша; бабы көрсетілмеген)",
        "decisionNumber": null,
        "blockedOn": "2023-11-01",
        "blockedOnPrecision": "month",
        "liftedOn": null,
        "liftReason": null
      },
      "entry": null,
      "warning": null,
      "sources": [
        {
          "url": null,
          "document": "Press reports: Coinbase was blocked in Kazakhstan in 2023 for violating the digital-asset law; reportedly in November 2023 by the Ministry of Culture and Information at the request of the Ministry of Digital Development.",
          "readOn": "2026-11-24",
          "confidence": "third-party",
          "demo": true
        }
      ],
      "matches": [
        {
          "recordType": "blocked-entity",
          "id": "9a7b6c5d-4e3f-4a1b-8c9d-0e1f2a3b4c5d",
          "name": "Коинбейс",
          "verdict": "blocked",
          "score": 1
        }
      ],
      "lookalikes": [],
      "displayHostALabel": null,
      "lang": "kk",
      "serial": 2,
      "stale": null,
      "checkedAt": "2026-11-24T09:00:00.000Z"
    }
  },
  "warned-domain": {
    "summary": "A site of a brand AFSA has warned about",
    "value": {
      "query": "okx.com",
      "target": {
        "kind": "domain",
        "host": "okx.com",
        "displayHost": "okx.com",
        "registrableDomain": "okx.com",
        "url": null
      },
      "verdict": "warned",
      "reason": {
        "code": "warned-domain",
        "message": "The site okx.com belongs to OKX, which AFSA has publicly warned is not licensed (\"AFSA Warning on Unlicensed Digital Asset Platforms\"; the sources gathered here do not give its date)."
      },
      "notices": [
        "Do not open an account with it or send it money or crypto-assets: a platform not licensed in Kazakhstan answers to no Kazakh regulator, and money lost there is hard to recover. If you already have, contact your bank and report it to the police (102).",
        "This answer rests on demo data: the record illustrates how the registry works and is not an official statement."
      ],
      "firm": null,
      "blockedEntity": null,
      "entry": null,
      "warning": {
        "id": "019a4f2e-7c1d-7b3a-9e8f-0a1b2c3d4e5f",
        "issuer": "AFSA",
        "brands": [
          "OKX",
          "HTX",
          "Bitget",
          "MEXC"
        ],
        "domains": [
          "okx.com",
          "htx.com",
          "bitget.com",
          "mexc.com"
        ],
        "issuedOn": null,
        "title": "AFSA Warning on Unlicensed Digital Asset Platforms",
        "summary": "AFSA warns that OKX, HTX, Bitget and MEXC are not licensed in the AIFC. Only AFSA-licensed entities may carry on regulated activities in or from the AIFC, and the Law \"On Digital Assets\" (Art. 11(5)) prohibits organising the circulation of digital assets in Kazakhstan without a licence or authorisation."
      },
      "sources": [
        {
          "url": "https://afsa.aifc.kz/afsa-warning-on-unlicensed-digital-asset-platforms/",
          "document": "AFSA Warning on Unlicensed Digital Asset Platforms: names OKX, HTX, Bitget and MEXC as not licensed in the AIFC and cites Art. 11(5) of the Law \"On Digital Assets\". The sources gathered for this registry do not give the date it was issued, so none is recorded. The warning names brands, not sites: the domains listed are the brands' global sites as commonly known, not taken from the warning.",
          "readOn": "2026-11-24",
          "confidence": "verified",
          "demo": true
        }
      ],
      "matches": [],
      "lookalikes": [],
      "displayHostALabel": null,
      "lang": "en",
      "serial": 2,
      "stale": null,
      "checkedAt": "2026-11-24T09:00:00.000Z"
    }
  }
};
