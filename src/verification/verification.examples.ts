// Real answers of the verification on the demo data (ids, serial and times fixed; receipts abbreviated), shown in the
// OpenAPI document. An e2e test asks the same questions and compares: an example that drifts from what the service says
// fails the suite.
import type { VerificationBatchResultDto, VerificationDto, VerificationQueryDto } from './verification.dto.js';

type Examples<T> = Record<string, { summary: string; value: T }>;

/** The day the examples were answered on ("today" in them). */
export const EXAMPLES_DAY = '2026-12-02';

export const VERIFICATION_EXAMPLES: { requests: Examples<VerificationQueryDto>; responses: Examples<VerificationDto> } = {
  requests: {
  "licensedByBin": {
    "summary": "A licensed firm found by its BIN (score 1), with its licences on the day",
    "value": {
      "bin": "DEMO-BIN-0002"
    }
  },
  "nameWithLegalForm": {
    "summary": "A Latin name with its legal form (BYBIT LTD finds Bybit; a name alone scores at most 0.9)",
    "value": {
      "name": "BYBIT LTD"
    }
  },
  "blockedDomain": {
    "summary": "A blocked entity's domain (a subdomain counts as its parent)",
    "value": {
      "domain": "www.coinbase.com"
    }
  },
  "warnedBrand": {
    "summary": "A brand an AFSA warning names",
    "value": {
      "name": "OKX"
    }
  },
  "notFound": {
    "summary": "Nothing matches: which proves nothing",
    "value": {
      "name": "Nowhere Exchange Holdings"
    }
  },
  "ambiguous": {
    "summary": "Two firms match a name about equally: add an identifier",
    "value": {
      "name": "Kazakhstan"
    }
  },
  "asOf": {
    "summary": "As of a past day, by licence number",
    "value": {
      "licenceNumber": "DEMO-AFSA-A-LA-2024-0003",
      "asOf": "2025-06-30"
    }
  }
},
  responses: {
  "licensedByBin": {
    "summary": "A licensed firm found by its BIN (score 1), with its licences on the day",
    "value": {
      "status": "licensed",
      "asOf": "2026-12-02",
      "score": 1,
      "match": {
        "kind": "firm",
        "id": "51eb3baa-5efe-4c9c-8985-f37b8d7c55c6",
        "name": "Bybit Kazakhstan",
        "bin": "DEMO-BIN-0002",
        "lei": null,
        "standing": "licensed",
        "licences": [
          {
            "id": "1eeffe64-ffed-460e-873c-2329ca0da9aa",
            "number": "DEMO-AFSA-A-LA-2024-0003",
            "regulator": "AFSA",
            "activities": [],
            "status": "active",
            "since": "2024-01-01",
            "sincePrecision": "year",
            "sinceIsRecorded": false,
            "uncertain": false,
            "statusNow": "active"
          },
          {
            "id": "eef70f41-58cd-469e-8d7f-9da732a78575",
            "number": "DEMO-AFSA-A-LA-2023-0002",
            "regulator": "AFSA",
            "activities": [],
            "status": "unknown",
            "since": "2023-01-01",
            "sincePrecision": "year",
            "sinceIsRecorded": false,
            "uncertain": false,
            "statusNow": "unknown"
          }
        ],
        "href": "/v1/firms/51eb3baa-5efe-4c9c-8985-f37b8d7c55c6"
      },
      "features": [
        {
          "feature": "bin",
          "value": "DEMO-BIN-0002",
          "matched": true,
          "score": 1,
          "explanation": "The BIN DEMO-BIN-0002 is this record’s."
        }
      ],
      "candidates": [
        {
          "kind": "firm",
          "id": "51eb3baa-5efe-4c9c-8985-f37b8d7c55c6",
          "name": "Bybit Kazakhstan",
          "score": 1,
          "href": "/v1/firms/51eb3baa-5efe-4c9c-8985-f37b8d7c55c6"
        }
      ],
      "message": "Bybit Kazakhstan held an AIFC licence in force on 2026-12-02.",
      "records": {
        "firm": {
          "id": "51eb3baa-5efe-4c9c-8985-f37b8d7c55c6",
          "names": {
            "en": "Bybit Kazakhstan",
            "ru": "Байбит Казахстан",
            "kk": "Байбит Қазақстан"
          },
          "brands": [
            "Bybit"
          ],
          "aliases": [
            "Байбит",
            "Bybit KZ"
          ],
          "bin": "DEMO-BIN-0002",
          "lei": null,
          "jurisdiction": "AIFC",
          "licensingStatus": "licensed",
          "domains": [
            {
              "domain": "bybit.com",
              "display": "bybit.com",
              "source": {
                "url": null,
                "document": "Not confirmed: no source gathered for this registry says which web domains the AFSA-licensed Kazakh entity uses. bybit.com is the global brand's domain, listed so the demo can show a licensed answer; do not rely on it.",
                "readOn": "2026-11-24",
                "confidence": "unconfirmed",
                "demo": true
              }
            },
            {
              "domain": "bybit.kz",
              "display": "bybit.kz",
              "source": {
                "url": null,
                "document": "Not confirmed: no source gathered for this registry says which web domains the AFSA-licensed Kazakh entity uses. bybit.kz is a .kz name of the brand, assumed, listed so the demo can show a licensed answer; do not rely on it.",
                "readOn": "2026-11-24",
                "confidence": "unconfirmed",
                "demo": true
              }
            }
          ],
          "licences": [
            {
              "id": "1eeffe64-ffed-460e-873c-2329ca0da9aa",
              "number": "DEMO-AFSA-A-LA-2024-0003",
              "regulator": "AFSA",
              "activities": [],
              "status": "active",
              "grantedOn": "2024-01-01",
              "grantedOnPrecision": "year",
              "expiresOn": null,
              "endedOn": null,
              "history": [
                {
                  "status": "granted",
                  "from": "2024-01-01",
                  "fromPrecision": "year",
                  "reason": null
                }
              ],
              "source": {
                "url": null,
                "document": "Third-party reports: Bybit is named with one AFSA licence from 2023 and another from 2024 (only the years are given); the late-2024 press report calls Bybit licensed. Which licence is in force, when each was granted to the day, their activities and whether the 2023 one ended are not stated. The numbers are made up (DEMO-).",
                "readOn": "2026-11-24",
                "confidence": "unconfirmed",
                "demo": true
              }
            },
            {
              "id": "eef70f41-58cd-469e-8d7f-9da732a78575",
              "number": "DEMO-AFSA-A-LA-2023-0002",
              "regulator": "AFSA",
              "activities": [],
              "status": "unknown",
              "grantedOn": "2023-01-01",
              "grantedOnPrecision": "year",
              "expiresOn": null,
              "endedOn": null,
              "history": [
                {
                  "status": "granted",
                  "from": "2023-01-01",
                  "fromPrecision": "year",
                  "reason": null
                }
              ],
              "source": {
                "url": null,
                "document": "Third-party reports: Bybit is named with one AFSA licence from 2023 and another from 2024 (only the years are given); the late-2024 press report calls Bybit licensed. Which licence is in force, when each was granted to the day, their activities and whether the 2023 one ended are not stated. The numbers are made up (DEMO-).",
                "readOn": "2026-11-24",
                "confidence": "unconfirmed",
                "demo": true
              }
            }
          ],
          "source": {
            "url": null,
            "document": "Press report on Kazakhstan's 2024 crypto crackdown (late 2024): licensed exchanges such as Binance and Bybit operate under the AFSA in the AIFC; in 2024 the KNB, the Ministry of Culture and Information and the AFM blocked over 3,500 illegal online exchanges.",
            "readOn": "2026-11-24",
            "confidence": "third-party",
            "demo": true
          },
          "version": 1,
          "updatedAt": "2026-11-24T09:00:00.000Z"
        }
      },
      "serial": 42,
      "checkedAt": "2026-12-02T10:15:00.000Z",
      "lang": "en",
      "receipt": {
        "id": "85f3e42f-5b0a-47de-8000-1877f6a4d7e8",
        "jws": "eyJhbGciOiJFZERTQSIsImtpZCI6IjMyMDVDbWtrLVdmUkFfbHItOHdvYlRa…(abbreviated)",
        "keyId": "3205Cmkk-WfRA_lr-8wobTZafe4ZEPt05OXhpe7vbQ4",
        "issuedAt": "2026-12-02T10:15:00.000Z",
        "href": "/v1/receipts/85f3e42f-5b0a-47de-8000-1877f6a4d7e8"
      }
    }
  },
  "nameWithLegalForm": {
    "summary": "A Latin name with its legal form (BYBIT LTD finds Bybit; a name alone scores at most 0.9)",
    "value": {
      "status": "licensed",
      "asOf": "2026-12-02",
      "score": 0.9,
      "match": {
        "kind": "firm",
        "id": "51eb3baa-5efe-4c9c-8985-f37b8d7c55c6",
        "name": "Bybit Kazakhstan",
        "bin": "DEMO-BIN-0002",
        "lei": null,
        "standing": "licensed",
        "licences": [
          {
            "id": "1eeffe64-ffed-460e-873c-2329ca0da9aa",
            "number": "DEMO-AFSA-A-LA-2024-0003",
            "regulator": "AFSA",
            "activities": [],
            "status": "active",
            "since": "2024-01-01",
            "sincePrecision": "year",
            "sinceIsRecorded": false,
            "uncertain": false,
            "statusNow": "active"
          },
          {
            "id": "eef70f41-58cd-469e-8d7f-9da732a78575",
            "number": "DEMO-AFSA-A-LA-2023-0002",
            "regulator": "AFSA",
            "activities": [],
            "status": "unknown",
            "since": "2023-01-01",
            "sincePrecision": "year",
            "sinceIsRecorded": false,
            "uncertain": false,
            "statusNow": "unknown"
          }
        ],
        "href": "/v1/firms/51eb3baa-5efe-4c9c-8985-f37b8d7c55c6"
      },
      "features": [
        {
          "feature": "name",
          "value": "BYBIT LTD",
          "matched": true,
          "score": 0.9,
          "explanation": "The name, folded across scripts and without its legal form, is close to “bybit” (similarity 1.00)."
        }
      ],
      "candidates": [
        {
          "kind": "firm",
          "id": "51eb3baa-5efe-4c9c-8985-f37b8d7c55c6",
          "name": "Bybit Kazakhstan",
          "score": 0.9,
          "href": "/v1/firms/51eb3baa-5efe-4c9c-8985-f37b8d7c55c6"
        }
      ],
      "message": "Bybit Kazakhstan held an AIFC licence in force on 2026-12-02.",
      "records": {
        "firm": {
          "id": "51eb3baa-5efe-4c9c-8985-f37b8d7c55c6",
          "names": {
            "en": "Bybit Kazakhstan",
            "ru": "Байбит Казахстан",
            "kk": "Байбит Қазақстан"
          },
          "brands": [
            "Bybit"
          ],
          "aliases": [
            "Байбит",
            "Bybit KZ"
          ],
          "bin": "DEMO-BIN-0002",
          "lei": null,
          "jurisdiction": "AIFC",
          "licensingStatus": "licensed",
          "domains": [
            {
              "domain": "bybit.com",
              "display": "bybit.com",
              "source": {
                "url": null,
                "document": "Not confirmed: no source gathered for this registry says which web domains the AFSA-licensed Kazakh entity uses. bybit.com is the global brand's domain, listed so the demo can show a licensed answer; do not rely on it.",
                "readOn": "2026-11-24",
                "confidence": "unconfirmed",
                "demo": true
              }
            },
            {
              "domain": "bybit.kz",
              "display": "bybit.kz",
              "source": {
                "url": null,
                "document": "Not confirmed: no source gathered for this registry says which web domains the AFSA-licensed Kazakh entity uses. bybit.kz is a .kz name of the brand, assumed, listed so the demo can show a licensed answer; do not rely on it.",
                "readOn": "2026-11-24",
                "confidence": "unconfirmed",
                "demo": true
              }
            }
          ],
          "licences": [
            {
              "id": "1eeffe64-ffed-460e-873c-2329ca0da9aa",
              "number": "DEMO-AFSA-A-LA-2024-0003",
              "regulator": "AFSA",
              "activities": [],
              "status": "active",
              "grantedOn": "2024-01-01",
              "grantedOnPrecision": "year",
              "expiresOn": null,
              "endedOn": null,
              "history": [
                {
                  "status": "granted",
                  "from": "2024-01-01",
                  "fromPrecision": "year",
                  "reason": null
                }
              ],
              "source": {
                "url": null,
                "document": "Third-party reports: Bybit is named with one AFSA licence from 2023 and another from 2024 (only the years are given); the late-2024 press report calls Bybit licensed. Which licence is in force, when each was granted to the day, their activities and whether the 2023 one ended are not stated. The numbers are made up (DEMO-).",
                "readOn": "2026-11-24",
                "confidence": "unconfirmed",
                "demo": true
              }
            },
            {
              "id": "eef70f41-58cd-469e-8d7f-9da732a78575",
              "number": "DEMO-AFSA-A-LA-2023-0002",
              "regulator": "AFSA",
              "activities": [],
              "status": "unknown",
              "grantedOn": "2023-01-01",
              "grantedOnPrecision": "year",
              "expiresOn": null,
              "endedOn": null,
              "history": [
                {
                  "status": "granted",
                  "from": "2023-01-01",
                  "fromPrecision": "year",
                  "reason": null
                }
              ],
              "source": {
                "url": null,
                "document": "Third-party reports: Bybit is named with one AFSA licence from 2023 and another from 2024 (only the years are given); the late-2024 press report calls Bybit licensed. Which licence is in force, when each was granted to the day, their activities and whether the 2023 one ended are not stated. The numbers are made up (DEMO-).",
                "readOn": "2026-11-24",
                "confidence": "unconfirmed",
                "demo": true
              }
            }
          ],
          "source": {
            "url": null,
            "document": "Press report on Kazakhstan's 2024 crypto crackdown (late 2024): licensed exchanges such as Binance and Bybit operate under the AFSA in the AIFC; in 2024 the KNB, the Ministry of Culture and Information and the AFM blocked over 3,500 illegal online exchanges.",
            "readOn": "2026-11-24",
            "confidence": "third-party",
            "demo": true
          },
          "version": 1,
          "updatedAt": "2026-11-24T09:00:00.000Z"
        }
      },
      "serial": 42,
      "checkedAt": "2026-12-02T10:15:00.000Z",
      "lang": "en",
      "receipt": {
        "id": "e5eab6f8-698f-4455-8767-399c65dab8bd",
        "jws": "eyJhbGciOiJFZERTQSIsImtpZCI6IjMyMDVDbWtrLVdmUkFfbHItOHdvYlRa…(abbreviated)",
        "keyId": "3205Cmkk-WfRA_lr-8wobTZafe4ZEPt05OXhpe7vbQ4",
        "issuedAt": "2026-12-02T10:15:00.000Z",
        "href": "/v1/receipts/e5eab6f8-698f-4455-8767-399c65dab8bd"
      }
    }
  },
  "blockedDomain": {
    "summary": "A blocked entity's domain (a subdomain counts as its parent)",
    "value": {
      "status": "blocked",
      "asOf": "2026-12-02",
      "score": 1,
      "match": {
        "kind": "blocked-entity",
        "id": "31dc7d75-65f7-4001-8b37-fffc0c0bc130",
        "name": "Coinbase",
        "blockedOn": "2023-11-01",
        "liftedOn": null,
        "href": "/v1/blocked-entities/31dc7d75-65f7-4001-8b37-fffc0c0bc130"
      },
      "features": [
        {
          "feature": "domain",
          "value": "www.coinbase.com",
          "matched": true,
          "score": 1,
          "explanation": "The domain www.coinbase.com is under coinbase.com, which this record names."
        }
      ],
      "candidates": [
        {
          "kind": "blocked-entity",
          "id": "31dc7d75-65f7-4001-8b37-fffc0c0bc130",
          "name": "Coinbase",
          "score": 1,
          "href": "/v1/blocked-entities/31dc7d75-65f7-4001-8b37-fffc0c0bc130"
        }
      ],
      "message": "Coinbase was blocked in Kazakhstan on 2026-12-02: it is not licensed. Do not transact; follow your AML procedure.",
      "records": {
        "blockedEntity": {
          "id": "31dc7d75-65f7-4001-8b37-fffc0c0bc130",
          "name": {
            "en": "Coinbase",
            "ru": null,
            "kk": null
          },
          "aliases": [
            "Coinbase Global",
            "Коинбейс",
            "Коинбэйс"
          ],
          "category": "online-exchange",
          "authority": {
            "en": "Ministry of Culture and Information of the Republic of Kazakhstan",
            "ru": "Министерство культуры и информации Республики Казахстан",
            "kk": "Қазақстан Республикасының Мәдениет және ақпарат министрлігі"
          },
          "requestedBy": {
            "en": "Ministry of Digital Development, Innovation and Aerospace Industry",
            "ru": "Министерство цифрового развития, инноваций и аэрокосмической промышленности",
            "kk": "Цифрлық даму, инновациялар және аэроғарыш өнеркәсібі министрлігі"
          },
          "legalBasis": {
            "en": "Law of the Republic of Kazakhstan \"On Digital Assets\" (as reported; the article is not stated)",
            "ru": "Закон Республики Казахстан «О цифровых активах в Республике Казахстан» (по сообщениям СМИ; статья не указана)",
            "kk": "«Қазақстан Республикасындағы цифрлық активтер туралы» Қазақстан Республикасының Заңы (БАҚ хабарлары бойынша; бабы көрсетілмеген)"
          },
          "decisionNumber": null,
          "decisionDate": null,
          "blockedOn": "2023-11-01",
          "blockedOnPrecision": "month",
          "liftedOn": null,
          "liftReason": null,
          "state": "in-force",
          "domains": [
            "coinbase.com"
          ],
          "source": {
            "url": null,
            "document": "Press reports: Coinbase was blocked in Kazakhstan in 2023 for violating the digital-asset law; reportedly in November 2023 by the Ministry of Culture and Information at the request of the Ministry of Digital Development.",
            "readOn": "2026-11-24",
            "confidence": "third-party",
            "demo": true
          },
          "version": 1,
          "updatedAt": "2026-11-24T09:00:00.000Z"
        }
      },
      "serial": 42,
      "checkedAt": "2026-12-02T10:15:00.000Z",
      "lang": "en",
      "receipt": {
        "id": "e27bc861-7fc8-4b99-8eab-add7d2119bf7",
        "jws": "eyJhbGciOiJFZERTQSIsImtpZCI6IjMyMDVDbWtrLVdmUkFfbHItOHdvYlRa…(abbreviated)",
        "keyId": "3205Cmkk-WfRA_lr-8wobTZafe4ZEPt05OXhpe7vbQ4",
        "issuedAt": "2026-12-02T10:15:00.000Z",
        "href": "/v1/receipts/e27bc861-7fc8-4b99-8eab-add7d2119bf7"
      }
    }
  },
  "warnedBrand": {
    "summary": "A brand an AFSA warning names",
    "value": {
      "status": "warned",
      "asOf": "2026-12-02",
      "score": 0.9,
      "match": {
        "kind": "warning",
        "id": "49aecf83-388f-4c20-8f63-f3be891a6755",
        "name": "OKX",
        "brands": [
          "OKX",
          "HTX",
          "Bitget",
          "MEXC"
        ],
        "issuedOn": null,
        "recordedOn": "2026-12-02",
        "withdrawnOn": null,
        "href": "/v1/warnings/49aecf83-388f-4c20-8f63-f3be891a6755"
      },
      "features": [
        {
          "feature": "name",
          "value": "OKX",
          "matched": true,
          "score": 0.9,
          "explanation": "The name, folded across scripts and without its legal form, is close to “okx” (similarity 1.00)."
        }
      ],
      "candidates": [
        {
          "kind": "warning",
          "id": "49aecf83-388f-4c20-8f63-f3be891a6755",
          "name": "OKX",
          "score": 0.9,
          "href": "/v1/warnings/49aecf83-388f-4c20-8f63-f3be891a6755"
        }
      ],
      "message": "A regulator warning named OKX as unlicensed on 2026-12-02. Do not treat it as licensed.",
      "records": {
        "warning": {
          "id": "49aecf83-388f-4c20-8f63-f3be891a6755",
          "brands": [
            "OKX",
            "HTX",
            "Bitget",
            "MEXC"
          ],
          "aliases": [
            "ОКХ",
            "ОКЭКС",
            "Huobi",
            "Хуоби",
            "Битгет",
            "Мекс",
            "МЕКСИ"
          ],
          "domains": [
            "okx.com",
            "htx.com",
            "bitget.com",
            "mexc.com"
          ],
          "issuedOn": null,
          "issuer": "AFSA",
          "title": {
            "en": "AFSA Warning on Unlicensed Digital Asset Platforms",
            "ru": "Предупреждение AFSA о нелицензированных платформах цифровых активов",
            "kk": "AFSA-ның лицензиясыз цифрлық актив платформалары туралы ескертуі"
          },
          "summary": {
            "en": "AFSA warns that OKX, HTX, Bitget and MEXC are not licensed in the AIFC. Only AFSA-licensed entities may carry on regulated activities in or from the AIFC, and the Law \"On Digital Assets\" (Art. 11(5)) prohibits organising the circulation of digital assets in Kazakhstan without a licence or authorisation.",
            "ru": "AFSA предупреждает, что OKX, HTX, Bitget и MEXC не имеют лицензии в МФЦА. Регулируемую деятельность в МФЦА или из МФЦА вправе вести только компании с лицензией AFSA, а Закон «О цифровых активах» (п. 5 ст. 11) запрещает организовывать оборот цифровых активов в Казахстане без лицензии или разрешения.",
            "kk": "AFSA OKX, HTX, Bitget және MEXC платформаларының АХҚО-да лицензиясы жоқ екенін ескертеді. АХҚО-да немесе АХҚО-дан реттелетін қызметті тек AFSA лицензиясы бар ұйымдар жүргізе алады, ал «Цифрлық активтер туралы» Заң (11-баптың 5-тармағы) Қазақстанда цифрлық активтердің айналымын лицензиясыз немесе рұқсатсыз ұйымдастыруға тыйым салады."
          },
          "source": {
            "url": "https://afsa.aifc.kz/afsa-warning-on-unlicensed-digital-asset-platforms/",
            "document": "AFSA Warning on Unlicensed Digital Asset Platforms: names OKX, HTX, Bitget and MEXC as not licensed in the AIFC and cites Art. 11(5) of the Law \"On Digital Assets\". The sources gathered for this registry do not give the date it was issued, so none is recorded. The warning names brands, not sites: the domains listed are the brands' global sites as commonly known, not taken from the warning.",
            "readOn": "2026-11-24",
            "confidence": "verified",
            "demo": true
          },
          "state": "in-force",
          "withdrawnOn": null,
          "withdrawalReason": null,
          "version": 1,
          "updatedAt": "2026-11-24T09:00:00.000Z"
        }
      },
      "serial": 42,
      "checkedAt": "2026-12-02T10:15:00.000Z",
      "lang": "en",
      "receipt": {
        "id": "0b9ede22-141d-4c8c-879c-02911f0087c2",
        "jws": "eyJhbGciOiJFZERTQSIsImtpZCI6IjMyMDVDbWtrLVdmUkFfbHItOHdvYlRa…(abbreviated)",
        "keyId": "3205Cmkk-WfRA_lr-8wobTZafe4ZEPt05OXhpe7vbQ4",
        "issuedAt": "2026-12-02T10:15:00.000Z",
        "href": "/v1/receipts/0b9ede22-141d-4c8c-879c-02911f0087c2"
      }
    }
  },
  "notFound": {
    "summary": "Nothing matches: which proves nothing",
    "value": {
      "status": "not_found",
      "asOf": "2026-12-02",
      "score": 0,
      "match": null,
      "features": [
        {
          "feature": "name",
          "value": "Nowhere Exchange Holdings",
          "matched": false,
          "score": 0,
          "explanation": "The name “Nowhere Exchange Holdings” is not close to this record’s names."
        }
      ],
      "candidates": [],
      "message": "Nothing in the registry matches on 2026-12-02. Not being listed is not proof of anything: the registry holds AIFC licences, blocks and AFSA warnings only.",
      "records": {},
      "serial": 42,
      "checkedAt": "2026-12-02T10:15:00.000Z",
      "lang": "en",
      "receipt": {
        "id": "4e974c1e-a113-4b0c-8957-2c8a3c457980",
        "jws": "eyJhbGciOiJFZERTQSIsImtpZCI6IjMyMDVDbWtrLVdmUkFfbHItOHdvYlRa…(abbreviated)",
        "keyId": "3205Cmkk-WfRA_lr-8wobTZafe4ZEPt05OXhpe7vbQ4",
        "issuedAt": "2026-12-02T10:15:00.000Z",
        "href": "/v1/receipts/4e974c1e-a113-4b0c-8957-2c8a3c457980"
      }
    }
  },
  "ambiguous": {
    "summary": "Two firms match a name about equally: add an identifier",
    "value": {
      "status": "ambiguous",
      "asOf": "2026-12-02",
      "score": 0,
      "match": null,
      "features": [
        {
          "feature": "name",
          "value": "Kazakhstan",
          "matched": false,
          "score": 0,
          "explanation": "The name “Kazakhstan” is not close to this record’s names."
        }
      ],
      "candidates": [
        {
          "kind": "firm",
          "id": "51eb3baa-5efe-4c9c-8985-f37b8d7c55c6",
          "name": "Bybit Kazakhstan",
          "score": 0.582,
          "href": "/v1/firms/51eb3baa-5efe-4c9c-8985-f37b8d7c55c6"
        },
        {
          "kind": "firm",
          "id": "45d1443c-df4c-4dea-8163-517917f9d0e1",
          "name": "Binance Kazakhstan",
          "score": 0.55,
          "href": "/v1/firms/45d1443c-df4c-4dea-8163-517917f9d0e1"
        }
      ],
      "message": "Bybit Kazakhstan and Binance Kazakhstan match about equally well: add an identifier (BIN, LEI, licence number) or a domain.",
      "records": {},
      "serial": 42,
      "checkedAt": "2026-12-02T10:15:00.000Z",
      "lang": "en",
      "receipt": {
        "id": "c87eab10-9c4c-4c2c-837c-0a318aae0ca6",
        "jws": "eyJhbGciOiJFZERTQSIsImtpZCI6IjMyMDVDbWtrLVdmUkFfbHItOHdvYlRa…(abbreviated)",
        "keyId": "3205Cmkk-WfRA_lr-8wobTZafe4ZEPt05OXhpe7vbQ4",
        "issuedAt": "2026-12-02T10:15:00.000Z",
        "href": "/v1/receipts/c87eab10-9c4c-4c2c-837c-0a318aae0ca6"
      }
    }
  },
  "asOf": {
    "summary": "As of a past day, by licence number",
    "value": {
      "status": "licensed",
      "asOf": "2025-06-30",
      "score": 1,
      "match": {
        "kind": "firm",
        "id": "51eb3baa-5efe-4c9c-8985-f37b8d7c55c6",
        "name": "Bybit Kazakhstan",
        "bin": "DEMO-BIN-0002",
        "lei": null,
        "standing": "licensed",
        "licences": [
          {
            "id": "1eeffe64-ffed-460e-873c-2329ca0da9aa",
            "number": "DEMO-AFSA-A-LA-2024-0003",
            "regulator": "AFSA",
            "activities": [],
            "status": "active",
            "since": "2024-01-01",
            "sincePrecision": "year",
            "sinceIsRecorded": false,
            "uncertain": false,
            "statusNow": "active"
          },
          {
            "id": "eef70f41-58cd-469e-8d7f-9da732a78575",
            "number": "DEMO-AFSA-A-LA-2023-0002",
            "regulator": "AFSA",
            "activities": [],
            "status": "unknown",
            "since": "2023-01-01",
            "sincePrecision": "year",
            "sinceIsRecorded": false,
            "uncertain": false,
            "statusNow": "unknown"
          }
        ],
        "href": "/v1/firms/51eb3baa-5efe-4c9c-8985-f37b8d7c55c6"
      },
      "features": [
        {
          "feature": "licenceNumber",
          "value": "DEMO-AFSA-A-LA-2024-0003",
          "matched": true,
          "score": 1,
          "explanation": "Licence DEMO-AFSA-A-LA-2024-0003 is this firm’s."
        }
      ],
      "candidates": [
        {
          "kind": "firm",
          "id": "51eb3baa-5efe-4c9c-8985-f37b8d7c55c6",
          "name": "Bybit Kazakhstan",
          "score": 1,
          "href": "/v1/firms/51eb3baa-5efe-4c9c-8985-f37b8d7c55c6"
        }
      ],
      "message": "Bybit Kazakhstan held an AIFC licence in force on 2025-06-30.",
      "records": {
        "firm": {
          "id": "51eb3baa-5efe-4c9c-8985-f37b8d7c55c6",
          "names": {
            "en": "Bybit Kazakhstan",
            "ru": "Байбит Казахстан",
            "kk": "Байбит Қазақстан"
          },
          "brands": [
            "Bybit"
          ],
          "aliases": [
            "Байбит",
            "Bybit KZ"
          ],
          "bin": "DEMO-BIN-0002",
          "lei": null,
          "jurisdiction": "AIFC",
          "licensingStatus": "licensed",
          "domains": [
            {
              "domain": "bybit.com",
              "display": "bybit.com",
              "source": {
                "url": null,
                "document": "Not confirmed: no source gathered for this registry says which web domains the AFSA-licensed Kazakh entity uses. bybit.com is the global brand's domain, listed so the demo can show a licensed answer; do not rely on it.",
                "readOn": "2026-11-24",
                "confidence": "unconfirmed",
                "demo": true
              }
            },
            {
              "domain": "bybit.kz",
              "display": "bybit.kz",
              "source": {
                "url": null,
                "document": "Not confirmed: no source gathered for this registry says which web domains the AFSA-licensed Kazakh entity uses. bybit.kz is a .kz name of the brand, assumed, listed so the demo can show a licensed answer; do not rely on it.",
                "readOn": "2026-11-24",
                "confidence": "unconfirmed",
                "demo": true
              }
            }
          ],
          "licences": [
            {
              "id": "1eeffe64-ffed-460e-873c-2329ca0da9aa",
              "number": "DEMO-AFSA-A-LA-2024-0003",
              "regulator": "AFSA",
              "activities": [],
              "status": "active",
              "grantedOn": "2024-01-01",
              "grantedOnPrecision": "year",
              "expiresOn": null,
              "endedOn": null,
              "history": [
                {
                  "status": "granted",
                  "from": "2024-01-01",
                  "fromPrecision": "year",
                  "reason": null
                }
              ],
              "source": {
                "url": null,
                "document": "Third-party reports: Bybit is named with one AFSA licence from 2023 and another from 2024 (only the years are given); the late-2024 press report calls Bybit licensed. Which licence is in force, when each was granted to the day, their activities and whether the 2023 one ended are not stated. The numbers are made up (DEMO-).",
                "readOn": "2026-11-24",
                "confidence": "unconfirmed",
                "demo": true
              }
            },
            {
              "id": "eef70f41-58cd-469e-8d7f-9da732a78575",
              "number": "DEMO-AFSA-A-LA-2023-0002",
              "regulator": "AFSA",
              "activities": [],
              "status": "unknown",
              "grantedOn": "2023-01-01",
              "grantedOnPrecision": "year",
              "expiresOn": null,
              "endedOn": null,
              "history": [
                {
                  "status": "granted",
                  "from": "2023-01-01",
                  "fromPrecision": "year",
                  "reason": null
                }
              ],
              "source": {
                "url": null,
                "document": "Third-party reports: Bybit is named with one AFSA licence from 2023 and another from 2024 (only the years are given); the late-2024 press report calls Bybit licensed. Which licence is in force, when each was granted to the day, their activities and whether the 2023 one ended are not stated. The numbers are made up (DEMO-).",
                "readOn": "2026-11-24",
                "confidence": "unconfirmed",
                "demo": true
              }
            }
          ],
          "source": {
            "url": null,
            "document": "Press report on Kazakhstan's 2024 crypto crackdown (late 2024): licensed exchanges such as Binance and Bybit operate under the AFSA in the AIFC; in 2024 the KNB, the Ministry of Culture and Information and the AFM blocked over 3,500 illegal online exchanges.",
            "readOn": "2026-11-24",
            "confidence": "third-party",
            "demo": true
          },
          "version": 1,
          "updatedAt": "2026-11-24T09:00:00.000Z"
        }
      },
      "serial": 42,
      "checkedAt": "2026-12-02T10:15:00.000Z",
      "lang": "en",
      "receipt": {
        "id": "cd573cc5-9457-4afd-8418-85f8e170851a",
        "jws": "eyJhbGciOiJFZERTQSIsImtpZCI6IjMyMDVDbWtrLVdmUkFfbHItOHdvYlRa…(abbreviated)",
        "keyId": "3205Cmkk-WfRA_lr-8wobTZafe4ZEPt05OXhpe7vbQ4",
        "issuedAt": "2026-12-02T10:15:00.000Z",
        "href": "/v1/receipts/cd573cc5-9457-4afd-8418-85f8e170851a"
      }
    }
  }
},
};

export const BATCH_EXAMPLES: { requests: Examples<unknown>; responses: Examples<VerificationBatchResultDto> } = {
  requests: {
  "json": {
    "summary": "Three counterparties, one with a BIN whose check digit is wrong",
    "value": {
      "items": [
        {
          "reference": "pay-1",
          "bin": "DEMO-BIN-0002"
        },
        {
          "reference": "pay-2",
          "name": "Бинанс Казахстан"
        },
        {
          "reference": "pay-3",
          "bin": "200240900096"
        }
      ]
    }
  }
},
  responses: {
  "json": {
    "summary": "Answered per reference; the invalid item does not fail the others",
    "value": {
      "serial": 42,
      "checkedAt": "2026-12-02T10:15:00.000Z",
      "lang": "en",
      "count": 3,
      "statuses": {
        "licensed": 2,
        "invalid": 1
      },
      "results": [
        {
          "reference": "pay-1",
          "status": "licensed",
          "asOf": "2026-12-02",
          "score": 1,
          "match": {
            "kind": "firm",
            "id": "51eb3baa-5efe-4c9c-8985-f37b8d7c55c6",
            "name": "Bybit Kazakhstan",
            "bin": "DEMO-BIN-0002",
            "lei": null,
            "standing": "licensed",
            "licences": [
              {
                "id": "1eeffe64-ffed-460e-873c-2329ca0da9aa",
                "number": "DEMO-AFSA-A-LA-2024-0003",
                "regulator": "AFSA",
                "activities": [],
                "status": "active",
                "since": "2024-01-01",
                "sincePrecision": "year",
                "sinceIsRecorded": false,
                "uncertain": false,
                "statusNow": "active"
              },
              {
                "id": "eef70f41-58cd-469e-8d7f-9da732a78575",
                "number": "DEMO-AFSA-A-LA-2023-0002",
                "regulator": "AFSA",
                "activities": [],
                "status": "unknown",
                "since": "2023-01-01",
                "sincePrecision": "year",
                "sinceIsRecorded": false,
                "uncertain": false,
                "statusNow": "unknown"
              }
            ],
            "href": "/v1/firms/51eb3baa-5efe-4c9c-8985-f37b8d7c55c6"
          },
          "features": [
            {
              "feature": "bin",
              "value": "DEMO-BIN-0002",
              "matched": true,
              "score": 1,
              "explanation": "The BIN DEMO-BIN-0002 is this record’s."
            }
          ],
          "candidates": [
            {
              "kind": "firm",
              "id": "51eb3baa-5efe-4c9c-8985-f37b8d7c55c6",
              "name": "Bybit Kazakhstan",
              "score": 1,
              "href": "/v1/firms/51eb3baa-5efe-4c9c-8985-f37b8d7c55c6"
            }
          ],
          "message": "Bybit Kazakhstan held an AIFC licence in force on 2026-12-02."
        },
        {
          "reference": "pay-2",
          "status": "licensed",
          "asOf": "2026-12-02",
          "score": 0.9,
          "match": {
            "kind": "firm",
            "id": "45d1443c-df4c-4dea-8163-517917f9d0e1",
            "name": "Binance Kazakhstan",
            "bin": "DEMO-BIN-0001",
            "lei": null,
            "standing": "licensed",
            "licences": [
              {
                "id": "4cb0732e-c302-4e33-8af0-8d68cdd65d84",
                "number": "DEMO-AFSA-A-LA-0001",
                "regulator": "AFSA",
                "activities": [
                  "Operating a Digital Asset Trading Facility",
                  "Providing Custody"
                ],
                "status": "active",
                "since": "2026-12-02",
                "sincePrecision": "day",
                "sinceIsRecorded": true,
                "uncertain": false,
                "statusNow": "active"
              }
            ],
            "href": "/v1/firms/45d1443c-df4c-4dea-8163-517917f9d0e1"
          },
          "features": [
            {
              "feature": "name",
              "value": "Бинанс Казахстан",
              "matched": true,
              "score": 0.9,
              "explanation": "The name, folded across scripts and without its legal form, is close to “binans kazakhstan” (similarity 1.00)."
            }
          ],
          "candidates": [
            {
              "kind": "firm",
              "id": "45d1443c-df4c-4dea-8163-517917f9d0e1",
              "name": "Binance Kazakhstan",
              "score": 0.9,
              "href": "/v1/firms/45d1443c-df4c-4dea-8163-517917f9d0e1"
            },
            {
              "kind": "firm",
              "id": "51eb3baa-5efe-4c9c-8985-f37b8d7c55c6",
              "name": "Bybit Kazakhstan",
              "score": 0.47,
              "href": "/v1/firms/51eb3baa-5efe-4c9c-8985-f37b8d7c55c6"
            }
          ],
          "message": "Binance Kazakhstan held an AIFC licence in force on 2026-12-02."
        },
        {
          "reference": "pay-3",
          "status": "invalid",
          "asOf": null,
          "score": 0,
          "match": null,
          "features": [],
          "candidates": [],
          "message": "This item was not checked: its input is wrong (see errors). The other items were answered.",
          "errors": [
            {
              "field": "items.2.bin",
              "messages": [
                "bin: the check digit is wrong (the 12th digit does not follow from the first 11); check the number for a typo"
              ]
            }
          ]
        }
      ],
      "receipt": {
        "id": "18d62790-1c7d-43fe-8274-c8b9bd4ea27c",
        "jws": "eyJhbGciOiJFZERTQSIsImtpZCI6IjMyMDVDbWtrLVdmUkFfbHItOHdvYlRa…(abbreviated)",
        "keyId": "3205Cmkk-WfRA_lr-8wobTZafe4ZEPt05OXhpe7vbQ4",
        "issuedAt": "2026-12-02T10:15:00.000Z",
        "href": "/v1/receipts/18d62790-1c7d-43fe-8274-c8b9bd4ea27c"
      }
    }
  }
},
};

export const CSV_UPLOAD_EXAMPLE = 'reference,bin,name,asOf\r\npay-1,DEMO-BIN-0002,,\r\npay-2,,Бинанс Казахстан,2025-06-30\r\n';
