// What the check tells a citizen, in Kazakh, Russian and English.
import type { Catalogue } from '../platform/i18n/translate.js';

export const REASON_CODES = [
  'blocked-domain',
  'blocked-url',
  'blocked-ip',
  'licensed-firm-domain',
  'firm-licence-suspended',
  'firm-not-licensed',
  'not-listed',
] as const;
export type ReasonCode = (typeof REASON_CODES)[number];

export type NoticeKey = 'not-listed-is-not-safe' | 'check-exact-address';

export const CHECK_MESSAGES: Catalogue<ReasonCode | NoticeKey> = {
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
    en: '{host} is an official domain of {firm}, but its licence is suspended.',
    ru: '{host} — официальный домен компании {firm}, но её лицензия приостановлена.',
    kk: '{host} — {firm} компаниясының ресми домені, бірақ оның лицензиясы тоқтатыла тұрған.',
  },
  'firm-not-licensed': {
    en: '{host} is a domain of {firm}, which holds no licence in force.',
    ru: '{host} — домен компании {firm}, у которой нет действующей лицензии.',
    kk: '{host} — {firm} компаниясының домені, оның қолданыстағы лицензиясы жоқ.',
  },
  'not-listed': {
    en: '{host} is neither licensed nor blocked in this registry.',
    ru: '{host} нет в этом реестре ни среди лицензированных, ни среди заблокированных.',
    kk: '{host} бұл тізілімде лицензияланғандар арасында да, бұғатталғандар арасында да жоқ.',
  },
  'not-listed-is-not-safe': {
    en: 'Not being listed is not proof of safety. In Kazakhstan only firms licensed by the AFSA in the AIFC may offer crypto-asset services, and new fraudulent sites appear every day.',
    ru: 'Отсутствие в реестре не доказывает безопасность. В Казахстане услуги с криптоактивами вправе оказывать только компании с лицензией AFSA в МФЦА, а новые мошеннические сайты появляются каждый день.',
    kk: 'Тізілімде болмауы қауіпсіздіктің дәлелі емес. Қазақстанда криптоактив қызметтерін тек АХҚО-да AFSA лицензиясы бар компаниялар ғана көрсете алады, ал жаңа алаяқтық сайттар күн сайын пайда болады.',
  },
  'check-exact-address': {
    en: 'Make sure the address is exactly {domain}: fraudsters use look-alike addresses.',
    ru: 'Убедитесь, что адрес в точности {domain}: мошенники используют похожие адреса.',
    kk: 'Мекенжайдың дәл {domain} екеніне көз жеткізіңіз: алаяқтар ұқсас мекенжайларды пайдаланады.',
  },
};
