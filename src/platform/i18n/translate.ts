// Message catalogues are typed records: a missing translation is a compile error, not a blank at run time.
import type { Lang } from './languages.js';

export type Catalogue<K extends string> = Record<K, Record<Lang, string>>;

/** Fills `{name}` placeholders; an unknown placeholder is left as written so the gap is visible. */
export function translate<K extends string>(
  catalogue: Catalogue<K>,
  key: K,
  lang: Lang,
  params: Record<string, string | number> = {},
): string {
  return catalogue[key][lang].replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}
