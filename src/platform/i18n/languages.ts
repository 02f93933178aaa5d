// The registry speaks Kazakh, Russian and English. Kazakh is `kk` (ISO 639-1), never `kz` (a country code).
import Negotiator from 'negotiator';

export const LANGUAGES = ['kk', 'ru', 'en'] as const;
export type Lang = (typeof LANGUAGES)[number];
export const DEFAULT_LANG: Lang = 'en';

export function isLang(value: unknown): value is Lang {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/** An explicit `lang` wins; otherwise the best of Accept-Language; otherwise English. */
export function negotiateLang(explicit: Lang | undefined, acceptLanguage: string | undefined): Lang {
  if (explicit) return explicit;
  if (!acceptLanguage) return DEFAULT_LANG;
  const best = new Negotiator({ headers: { 'accept-language': acceptLanguage } }).language([...LANGUAGES]);
  return isLang(best) ? best : DEFAULT_LANG;
}
