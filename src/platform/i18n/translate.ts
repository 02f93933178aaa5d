// Message catalogues are typed records: a missing translation is a compile error, not a blank at run time.
import { DEFAULT_LANG, LANGUAGES, type Lang } from './languages.js';

export type Catalogue<K extends string> = Record<K, Record<Lang, string>>;

/**
 * A message in every language, for errors raised before the answer's language is known: the error filter renders it
 * in the negotiated language. Printed, joined or serialised anywhere else (logs, the CLI) it is English.
 */
export class Localised {
  constructor(readonly texts: Readonly<Record<Lang, string>>) {}

  in(lang: Lang): string {
    return this.texts[lang];
  }

  toString(): string {
    return this.texts[DEFAULT_LANG];
  }

  toJSON(): string {
    return this.toString();
  }
}

/** A message that is either one language only (English) or given in every language. */
export type Text = string | Localised;

export function textIn(text: Text, lang: Lang): string {
  return typeof text === 'string' ? text : text.in(lang);
}

type Params = Record<string, string | number | Localised>;

/** Fills `{name}` placeholders; an unknown placeholder is left as written so the gap is visible. */
export function translate<K extends string>(catalogue: Catalogue<K>, key: K, lang: Lang, params: Params = {}): string {
  return catalogue[key][lang].replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    if (value === undefined) return whole;
    return value instanceof Localised ? value.in(lang) : String(value);
  });
}

/** The message of `key` in every language, with the same parameters. */
export function localise<K extends string>(catalogue: Catalogue<K>, key: K, params: Params = {}): Localised {
  const texts = Object.fromEntries(LANGUAGES.map((lang) => [lang, translate(catalogue, key, lang, params)]));
  return new Localised(texts as Record<Lang, string>);
}
