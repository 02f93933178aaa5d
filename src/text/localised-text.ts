// A text the registry holds in Kazakh, Russian and English: English always, the others where the record has them.
import type { Lang } from '../platform/i18n/languages.js';

export interface LocalisedText {
  en: string;
  ru: string | null;
  kk: string | null;
}

/** As an operator or importer writes it: English required, the other languages optional. */
export interface LocalisedTextInput {
  en: string;
  ru?: string | null;
  kk?: string | null;
}

/** As stored for a text a record may lack: all three null when absent. */
export interface StoredOptionalText {
  en: string | null;
  ru: string | null;
  kk: string | null;
}

/** The text in `lang`, or in English (the stated fallback) where the record has no such version. */
export function inLang(text: LocalisedText, lang: Lang): string {
  return text[lang] ?? text.en;
}

/** From an importer's or an operator's input, where the other languages may be left out. */
export function localisedText(input: LocalisedTextInput): LocalisedText {
  return { en: input.en, ru: input.ru ?? null, kk: input.kk ?? null };
}

export function toStoredOptional(text: LocalisedText | null): StoredOptionalText {
  return text ?? { en: null, ru: null, kk: null };
}

export function fromStoredOptional(stored: StoredOptionalText): LocalisedText | null {
  return stored.en === null ? null : { en: stored.en, ru: stored.ru, kk: stored.kk };
}

/** Every language version present, English first (for search text). */
export function allVersions(text: LocalisedText | null): string[] {
  if (!text) return [];
  return [text.en, text.ru, text.kk].filter((v): v is string => Boolean(v));
}
