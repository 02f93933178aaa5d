// What the check tells a citizen, in Kazakh, Russian and English.
import type { Catalogue } from '../platform/i18n/translate.js';

export const REASON_CODES = [
  'blocked-domain',
  'blocked-url',
  'blocked-ip',
  'licensed-firm-domain',
  'firm-licence-suspended',
  'firm-not-licensed',
  'block-lifted',
  'not-listed',
  'warned-domain',
  'lookalike-domain',
  'licensed-firm-name',
  'suspended-firm-name',
  'unlicensed-firm-name',
  'blocked-name',
  'block-lifted-name',
  'warned-name',
  'name-not-listed',
] as const;
export type ReasonCode = (typeof REASON_CODES)[number];

/** Message variants of a reason, chosen by what the record tells. */
export type ReasonVariant = 'firm-licence-suspended-since' | 'warned-domain-undated' | 'warned-name-undated';

export type NoticeKey =
  | 'not-listed-is-not-safe'
  | 'check-exact-address'
  | 'blocked-advice'
  | 'demo-record'
  | 'unconfirmed-record'
  | 'warned-advice'
  | 'lookalike-advice'
  | 'name-official-sites'
  | 'name-no-official-sites'
  | 'name-close-match';

/** Where the notice about the law comes from (../shared/facts.md: read at the source). */
export const AFSA_WARNING_URL = 'https://afsa.aifc.kz/afsa-warning-on-unlicensed-digital-asset-platforms/';

export const CHECK_MESSAGES: Catalogue<ReasonCode | ReasonVariant | NoticeKey> = {
  'blocked-domain': {
    en: 'The site {host} is blocked in Kazakhstan (blocklist entry {value}). Legal basis: {legalBasis}.',
    ru: 'Сайт {host} заблокирован в Казахстане (запись в списке блокировок: {value}). Правовое основание: {legalBasis}.',
    kk: '{host} сайты Қазақстанда бұғатталған (бұғаттау тізіміндегі жазба: {value}). Құқықтық негіз: {legalBasis}.',
  },
  'blocked-url': {
    en: 'This address is blocked in Kazakhstan (blocklist entry {value}). Legal basis: {legalBasis}.',
    ru: 'Этот адрес заблокирован в Казахстане (запись в списке блокировок: {value}). Правовое основание: {legalBasis}.',
    kk: 'Бұл мекенжай Қазақстанда бұғатталған (бұғаттау тізіміндегі жазба: {value}). Құқықтық негіз: {legalBasis}.',
  },
  'blocked-ip': {
    en: 'The IP address {host} is blocked in Kazakhstan (blocklist entry {value}). Legal basis: {legalBasis}.',
    ru: 'IP-адрес {host} заблокирован в Казахстане (запись в списке блокировок: {value}). Правовое основание: {legalBasis}.',
    kk: '{host} IP мекенжайы Қазақстанда бұғатталған (бұғаттау тізіміндегі жазба: {value}). Құқықтық негіз: {legalBasis}.',
  },
  'licensed-firm-domain': {
    en: '{host} is an official domain of {firm}, licensed by {regulator} (licence {licence}).',
    ru: '{host} — официальный домен компании {firm}, имеющей лицензию {regulator} (лицензия {licence}).',
    kk: '{host} — {regulator} лицензиясы бар {firm} компаниясының ресми домені (лицензия {licence}).',
  },
  'firm-licence-suspended': {
    en: '{host} is an official domain of {firm}, which is listed in this registry, but its licence {licence} is suspended: it may not offer the licensed services while the suspension lasts.',
    ru: '{host} — официальный домен компании {firm}, которая есть в этом реестре, но её лицензия {licence} приостановлена: пока действует приостановление, компания не вправе оказывать лицензируемые услуги.',
    kk: '{host} — осы тізілімдегі {firm} компаниясының ресми домені, бірақ оның {licence} лицензиясы тоқтатыла тұрған: тоқтата тұру кезінде компания лицензияланатын қызметтерді көрсете алмайды.',
  },
  'firm-licence-suspended-since': {
    en: '{host} is an official domain of {firm}, which is listed in this registry, but its licence {licence} has been suspended since {since}: it may not offer the licensed services while the suspension lasts.',
    ru: '{host} — официальный домен компании {firm}, которая есть в этом реестре, но её лицензия {licence} приостановлена с {since}: пока действует приостановление, компания не вправе оказывать лицензируемые услуги.',
    kk: '{host} — осы тізілімдегі {firm} компаниясының ресми домені, бірақ оның {licence} лицензиясы {since} бастап тоқтатыла тұрған: тоқтата тұру кезінде компания лицензияланатын қызметтерді көрсете алмайды.',
  },
  'firm-not-licensed': {
    en: '{host} is a domain of {firm}, which holds no licence in force.',
    ru: '{host} — домен компании {firm}, у которой нет действующей лицензии.',
    kk: '{host} — {firm} компаниясының домені, оның қолданыстағы лицензиясы жоқ.',
  },
  'block-lifted': {
    en: 'The site {host} was blocked in Kazakhstan from {blockedOn} ({authority}); the block was lifted on {liftedOn}. It is not blocked now, and it is not licensed.',
    ru: 'Сайт {host} был заблокирован в Казахстане с {blockedOn} ({authority}); блокировка снята {liftedOn}. Сейчас он не заблокирован и не имеет лицензии.',
    kk: '{host} сайты Қазақстанда {blockedOn} бастап бұғатталған болатын ({authority}); бұғаттау {liftedOn} алынды. Қазір ол бұғатталмаған және лицензиясы жоқ.',
  },
  'not-listed': {
    en: '{host} is neither licensed nor blocked in this registry.',
    ru: '{host} нет в этом реестре ни среди лицензированных, ни среди заблокированных.',
    kk: '{host} бұл тізілімде лицензияланғандар арасында да, бұғатталғандар арасында да жоқ.',
  },
  'not-listed-is-not-safe': {
    en: `Not being listed is not proof of safety: new fraudulent sites appear every day. The Law of the Republic of Kazakhstan "On Digital Assets" (Art. 11(5)) prohibits organising the circulation of digital assets without a licence, and only firms licensed by the AFSA may carry on regulated activities in or from the AIFC (AFSA warning on unlicensed digital asset platforms: ${AFSA_WARNING_URL}).`,
    ru: `Отсутствие в реестре не доказывает безопасность: новые мошеннические сайты появляются каждый день. Закон Республики Казахстан «О цифровых активах» (п. 5 ст. 11) запрещает организовывать оборот цифровых активов без лицензии, а регулируемую деятельность в МФЦА или из МФЦА вправе вести только компании с лицензией AFSA (предупреждение AFSA о нелицензированных платформах цифровых активов: ${AFSA_WARNING_URL}).`,
    kk: `Тізілімде болмауы қауіпсіздіктің дәлелі емес: жаңа алаяқтық сайттар күн сайын пайда болады. Қазақстан Республикасының «Цифрлық активтер туралы» Заңы (11-баптың 5-тармағы) цифрлық активтердің айналымын лицензиясыз ұйымдастыруға тыйым салады, ал АХҚО-да немесе АХҚО-дан реттелетін қызметті тек AFSA лицензиясы бар компаниялар жүргізе алады (AFSA-ның лицензиясыз цифрлық актив платформалары туралы ескертуі: ${AFSA_WARNING_URL}).`,
  },
  'check-exact-address': {
    en: 'Make sure the address is exactly {domain}: fraudsters use look-alike addresses.',
    ru: 'Убедитесь, что адрес в точности {domain}: мошенники используют похожие адреса.',
    kk: 'Мекенжайдың дәл {domain} екеніне көз жеткізіңіз: алаяқтар ұқсас мекенжайларды пайдаланады.',
  },
  'blocked-advice': {
    en: 'Do not enter passwords, codes or card details on this site, and do not send it money or crypto-assets. If you already have, contact your bank at once and report it to the police (102).',
    ru: 'Не вводите на этом сайте пароли, коды и данные карты и не переводите ему деньги или криптоактивы. Если вы уже это сделали, сразу обратитесь в свой банк и сообщите в полицию (102).',
    kk: 'Бұл сайтта құпиясөздерді, кодтарды және карта деректерін енгізбеңіз, оған ақша немесе криптоактив аудармаңыз. Егер бұны жасап қойсаңыз, дереу банкіңізге хабарласып, полицияға (102) хабарлаңыз.',
  },
  'demo-record': {
    en: 'This answer rests on demo data: the record illustrates how the registry works and is not an official statement.',
    ru: 'Этот ответ основан на демонстрационных данных: запись показывает, как работает реестр, и не является официальным сведением.',
    kk: 'Бұл жауап демонстрациялық деректерге негізделген: жазба тізілімнің қалай жұмыс істейтінін көрсетеді және ресми мәлімет емес.',
  },
  'unconfirmed-record': {
    en: 'Part of this answer rests on a record not confirmed at an official source: treat it with caution.',
    ru: 'Часть этого ответа основана на записи, не подтверждённой официальным источником: относитесь к ней с осторожностью.',
    kk: 'Бұл жауаптың бір бөлігі ресми дереккөзде расталмаған жазбаға негізделген: оған сақтықпен қараңыз.',
  },
  'warned-domain': {
    en: 'The site {host} belongs to {brand}, which {issuer} has publicly warned is not licensed ("{title}", {issuedOn}).',
    ru: 'Сайт {host} принадлежит {brand}: {issuer} публично предупредило, что эта платформа не имеет лицензии («{title}», {issuedOn}).',
    kk: '{host} сайты {brand} платформасына тиесілі: {issuer} бұл платформаның лицензиясы жоқ екенін жария түрде ескертті («{title}», {issuedOn}).',
  },
  'warned-domain-undated': {
    en: 'The site {host} belongs to {brand}, which {issuer} has publicly warned is not licensed ("{title}"; the sources gathered here do not give its date).',
    ru: 'Сайт {host} принадлежит {brand}: {issuer} публично предупредило, что эта платформа не имеет лицензии («{title}»; дата предупреждения в собранных источниках не указана).',
    kk: '{host} сайты {brand} платформасына тиесілі: {issuer} бұл платформаның лицензиясы жоқ екенін жария түрде ескертті («{title}»; жиналған дереккөздерде ескертудің күні көрсетілмеген).',
  },
  'lookalike-domain': {
    en: '{host} looks like {brand} but is not one of its sites: the real ones are {officialDomains}. Fraudsters use such addresses to steal logins and money.',
    ru: '{host} похож на {brand}, но не является его сайтом: настоящие сайты — {officialDomains}. Мошенники используют такие адреса, чтобы похищать учётные данные и деньги.',
    kk: '{host} {brand} сайтына ұқсайды, бірақ оның сайты емес: нағыз сайттары — {officialDomains}. Алаяқтар мұндай мекенжайларды логиндер мен ақшаны ұрлау үшін пайдаланады.',
  },
  'licensed-firm-name': {
    en: '"{query}" is the name of {firm}, licensed by {regulator} (licence {licence}).',
    ru: '«{query}» — название компании {firm}, имеющей лицензию {regulator} (лицензия {licence}).',
    kk: '«{query}» — {regulator} лицензиясы бар {firm} компаниясының атауы (лицензия {licence}).',
  },
  'suspended-firm-name': {
    en: '"{query}" is the name of {firm}, which is listed in this registry, but its licence {licence} is suspended: it may not offer the licensed services while the suspension lasts.',
    ru: '«{query}» — название компании {firm}, которая есть в этом реестре, но её лицензия {licence} приостановлена: пока действует приостановление, компания не вправе оказывать лицензируемые услуги.',
    kk: '«{query}» — осы тізілімдегі {firm} компаниясының атауы, бірақ оның {licence} лицензиясы тоқтатыла тұрған: тоқтата тұру кезінде компания лицензияланатын қызметтерді көрсете алмайды.',
  },
  'unlicensed-firm-name': {
    en: '"{query}" is the name of {firm}, which holds no licence in force.',
    ru: '«{query}» — название компании {firm}, у которой нет действующей лицензии.',
    kk: '«{query}» — {firm} компаниясының атауы, оның қолданыстағы лицензиясы жоқ.',
  },
  'blocked-name': {
    en: '"{query}" is the name of {name}, blocked in Kazakhstan since {blockedOn} ({authority}). Legal basis: {legalBasis}.',
    ru: '«{query}» — название {name}, заблокированного в Казахстане с {blockedOn} ({authority}). Правовое основание: {legalBasis}.',
    kk: '«{query}» — Қазақстанда {blockedOn} бастап бұғатталған {name} атауы ({authority}). Құқықтық негіз: {legalBasis}.',
  },
  'block-lifted-name': {
    en: '"{query}" is the name of {name}, blocked in Kazakhstan from {blockedOn} ({authority}); the block was lifted on {liftedOn}. It is not blocked now, and it is not licensed.',
    ru: '«{query}» — название {name}, заблокированного в Казахстане с {blockedOn} ({authority}); блокировка снята {liftedOn}. Сейчас он не заблокирован и не имеет лицензии.',
    kk: '«{query}» — Қазақстанда {blockedOn} бастап бұғатталған {name} атауы ({authority}); бұғаттау {liftedOn} алынды. Қазір ол бұғатталмаған және лицензиясы жоқ.',
  },
  'warned-name': {
    en: '{issuer} has publicly warned that {brand} is not licensed ("{title}", {issuedOn}).',
    ru: '{issuer} публично предупредило, что {brand} не имеет лицензии («{title}», {issuedOn}).',
    kk: '{issuer} {brand} платформасының лицензиясы жоқ екенін жария түрде ескертті («{title}», {issuedOn}).',
  },
  'warned-name-undated': {
    en: '{issuer} has publicly warned that {brand} is not licensed ("{title}"; the sources gathered here do not give its date).',
    ru: '{issuer} публично предупредило, что {brand} не имеет лицензии («{title}»; дата предупреждения в собранных источниках не указана).',
    kk: '{issuer} {brand} платформасының лицензиясы жоқ екенін жария түрде ескертті («{title}»; жиналған дереккөздерде ескертудің күні көрсетілмеген).',
  },
  'name-not-listed': {
    en: '"{query}" matches no licensed firm, blocked entity or warning in this registry.',
    ru: '«{query}» не совпадает ни с одной лицензированной компанией, заблокированной организацией или предупреждением в этом реестре.',
    kk: '«{query}» бұл тізілімдегі бірде-бір лицензияланған компанияға, бұғатталған ұйымға немесе ескертуге сәйкес келмейді.',
  },
  'warned-advice': {
    en: 'Do not open an account with it or send it money or crypto-assets: a platform not licensed in Kazakhstan answers to no Kazakh regulator, and money lost there is hard to recover. If you already have, contact your bank and report it to the police (102).',
    ru: 'Не открывайте там счёт и не переводите туда деньги или криптоактивы: платформа без лицензии в Казахстане не подотчётна казахстанским регуляторам, и потерянные там деньги трудно вернуть. Если вы уже это сделали, обратитесь в свой банк и сообщите в полицию (102).',
    kk: 'Онда шот ашпаңыз және оған ақша немесе криптоактив аудармаңыз: Қазақстанда лицензиясы жоқ платформа қазақстандық реттеушілерге есеп бермейді, онда жоғалған ақшаны қайтару қиын. Егер бұны жасап қойсаңыз, банкіңізге хабарласып, полицияға (102) хабарлаңыз.',
  },
  'lookalike-advice': {
    en: 'Do not enter passwords, codes or card details on this site. To reach {brand}, type its address yourself ({officialDomains}) rather than follow a link.',
    ru: 'Не вводите на этом сайте пароли, коды и данные карты. Чтобы попасть на {brand}, наберите адрес сами ({officialDomains}), а не переходите по ссылке.',
    kk: 'Бұл сайтта құпиясөздерді, кодтарды және карта деректерін енгізбеңіз. {brand} сайтына кіру үшін сілтемеге өтпей, мекенжайды өзіңіз теріңіз ({officialDomains}).',
  },
  'name-official-sites': {
    en: 'A name alone does not show that a site is {firm}\'s: its official sites in this registry are {officialDomains}. Fraudsters use look-alike addresses.',
    ru: 'Одно название не доказывает, что сайт принадлежит {firm}: официальные сайты компании в этом реестре — {officialDomains}. Мошенники используют похожие адреса.',
    kk: 'Атаудың өзі сайттың {firm} компаниясына тиесілі екенін көрсетпейді: бұл тізілімдегі оның ресми сайттары — {officialDomains}. Алаяқтар ұқсас мекенжайларды пайдаланады.',
  },
  'name-no-official-sites': {
    en: 'This registry records no official site of {firm}: check any site claiming to be it by its address.',
    ru: 'В этом реестре нет официального сайта компании {firm}: проверяйте по адресу любой сайт, который выдаёт себя за неё.',
    kk: 'Бұл тізілімде {firm} компаниясының ресми сайты жоқ: өзін сол компания деп көрсететін кез келген сайтты мекенжайы бойынша тексеріңіз.',
  },
  'name-close-match': {
    en: 'No record has exactly this name; the closest is "{name}". Make sure it is the one you meant.',
    ru: 'Записи с точно таким названием нет; ближайшее — «{name}». Убедитесь, что вы имели в виду именно его.',
    kk: 'Дәл осындай атауы бар жазба жоқ; ең жақыны — «{name}». Дәл соны меңзегеніңізге көз жеткізіңіз.',
  },
};
