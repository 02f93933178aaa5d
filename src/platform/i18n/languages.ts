// The registry speaks Kazakh, Russian and English. Kazakh is `kk` (ISO 639-1), never `kz` (a country code).
import Negotiator from 'negotiator';

export const LANGUAGES = ['kk', 'ru', 'en'] as const;
export type Lang = (typeof LANGUAGES)[number];
/** The stated fallback: what an unsupported or absent language gets, on every path. */
export const DEFAULT_LANG: Lang = 'en';

export function isLang(value: unknown): value is Lang {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/**
 * A language tag as people write it, in any case and with a region or script (`KK`, `kk-KZ`, `ru_RU`, `EN-gb`), to
 * one of ours by its primary subtag; undefined when it names none of them.
 */
export function parseLang(tag: unknown): Lang | undefined {
  if (typeof tag !== 'string') return undefined;
  const primary = tag.trim().split(/[-_]/, 1)[0]!.toLowerCase();
  return isLang(primary) ? primary : undefined;
}

/**
 * One rule for every localised answer: a supported `lang` wins; an unsupported or absent one is passed over (never
 * refused), and then the best supported language of Accept-Language decides (`kk-KZ` counts as `kk`); otherwise
 * English.
 */
export function negotiateLang(explicit: string | undefined, acceptLanguage: string | undefined): Lang {
  const asked = parseLang(explicit);
  if (asked) return asked;
  if (!acceptLanguage) return DEFAULT_LANG;
  // English first, so that `*` (any language) gets the fallback rather than the first of the list.
  const offered = [DEFAULT_LANG, ...LANGUAGES.filter((l) => l !== DEFAULT_LANG)];
  const best = new Negotiator({ headers: { 'accept-language': acceptLanguage } }).language(offered);
  return isLang(best) ? best : DEFAULT_LANG;
}
