// Real answers of the warnings routes on the demo data (id and time fixed), shown in the OpenAPI document. An e2e test
// reads the same routes and compares: an example that drifts from what the service says fails the suite.
import type { WarningDto, WarningPageDto } from './warnings.dto.js';

const AFSA_WARNING: WarningDto = {
  id: '019a4f2e-7c1d-7b3a-9e8f-0a1b2c3d4e5f',
  brands: ['OKX', 'HTX', 'Bitget', 'MEXC'],
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
    readOn: '2026-11-24',
    confidence: 'verified',
    demo: true,
  },
  state: 'in-force',
  withdrawnOn: null,
  withdrawalReason: null,
  version: 1,
  updatedAt: '2026-11-24T09:00:00.000Z',
};

export const WARNING_EXAMPLES: Record<string, { summary: string; value: WarningDto }> = {
  afsa: { summary: "AFSA's warning on unlicensed digital asset platforms (undated: no source gathered gives its date)", value: AFSA_WARNING },
};

export const WARNING_PAGE_EXAMPLES: Record<string, { summary: string; value: WarningPageDto }> = {
  all: { summary: 'Every warning', value: { items: [AFSA_WARNING], total: 1, limit: 20, offset: 0 } },
};
