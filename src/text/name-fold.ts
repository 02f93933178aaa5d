// Folds firm names to one ASCII-leaning form so a search matches across Cyrillic, Kazakh Latin and ad-hoc spellings.

/**
 * Cyrillic to Latin, one form per letter. Kazakh letters follow the ad-hoc ASCII spellings people actually type
 * (қ→q, ғ→g, ң→n, ұ/ү→u, і→i, ә→a, ө→o, һ→h), which also match the official 2021 Latin alphabet once its
 * diacritics are stripped; Russian letters follow the usual passport-style scheme. Letters that carry a diacritic in
 * Unicode (й, ё, ї, ў) are not listed: they lose the mark before this table is applied and arrive as и, е, і, у.
 */
const CYRILLIC: Readonly<Record<string, string>> = {
  а: 'a',
  б: 'b',
  в: 'v',
  г: 'g',
  д: 'd',
  е: 'e',
  ж: 'zh',
  з: 'z',
  и: 'i',
  к: 'k',
  л: 'l',
  м: 'm',
  н: 'n',
  о: 'o',
  п: 'p',
  р: 'r',
  с: 's',
  т: 't',
  у: 'u',
  ф: 'f',
  х: 'kh',
  ц: 'ts',
  ч: 'ch',
  ш: 'sh',
  щ: 'shch',
  ъ: '',
  ы: 'y',
  ь: '',
  э: 'e',
  ю: 'yu',
  я: 'ya',
  // Kazakh
  ә: 'a',
  ғ: 'g',
  қ: 'q',
  ң: 'n',
  ө: 'o',
  ұ: 'u',
  ү: 'u',
  һ: 'h',
  і: 'i',
  // Ukrainian letters that turn up in CIS firm names
  є: 'ye',
  ґ: 'g',
};

/**
 * Latin letters that NFD does not split into base + mark, plus ş: Kazakh Latin ş is Cyrillic ш, so it must fold to
 * `sh` like ш does (stripping the cedilla would give `s` and break cross-script matches such as Şymkent / Шымкент).
 */
const LATIN_SPECIAL: Readonly<Record<string, string>> = {
  ş: 'sh',
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  ł: 'l',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  ħ: 'h',
  ŧ: 't',
};

/** Legal forms (as they fold) dropped from names: ТОО/ЖШС/LLP, АО/АҚ/JSC, Ltd, Limited, PLC, Inc. */
const LEGAL_FORMS: ReadonlySet<string> = new Set([
  'too',
  'zhshs',
  'llp',
  'ao',
  'aq',
  'jsc',
  'ltd',
  'limited',
  'plc',
  'inc',
]);

// The four Turkic I's. Kazakh Latin (2021) has dotted İ/i and dotless I/ı; String.prototype.toLowerCase maps İ to
// "i" + U+0307 and leaves ı alone, and a database collation may do something else again. Folding all four to `i`
// means it does not matter which of them a writer (or their keyboard) chose.
const TURKIC_I = /[Iİıi]/g;
const LATIN_SPECIAL_RE = new RegExp(`[${Object.keys(LATIN_SPECIAL).join('')}]`, 'g');
const CYRILLIC_RE = new RegExp(`[${Object.keys(CYRILLIC).join('')}]`, 'g');
const COMBINING_MARKS = /\p{M}+/gu;
// An apostrophe inside a word (O'Brien, the 2017 Kazakh Latin's s'/g') is part of the word: drop it rather than
// split the word in two.
const INNER_APOSTROPHE = /(?<=[\p{L}\p{N}])['’ʼʻ`](?=[\p{L}\p{N}])/gu;
// The 2017 Kazakh Latin alphabet wrote ш and ч as s' and c' (its other apostrophe letters lose the mark like any
// inner apostrophe): they fold to sh and ch, as ш, ч and the 2021 ş do, so S'ymkent meets Шымкент and Şymkent.
const APOSTROPHE_DIGRAPH = /(?<=\p{L}|^|[^\p{L}\p{N}])([sc])['’ʼ](?=\p{L})/gu;
// Dotted single-letter abbreviations (L.L.P., J.S.C., U.S.A.) become one word so the legal-form filter sees them;
// a dotted word such as `a.b.com` is left to be split normally.
const DOTTED_ABBREVIATION = /(?<![\p{L}\p{N}.])\p{L}(?:\.\p{L})+\.?(?![\p{L}\p{N}]|\.[\p{L}\p{N}])/gu;
const NOT_WORD = /[^\p{L}\p{N}]+/gu;

/**
 * One folded form of a firm name for search: lower case, Cyrillic transliterated, diacritics stripped, legal forms
 * and punctuation removed, words separated by single spaces. A name made only of legal forms keeps them, so that it
 * does not fold to nothing.
 */
export function foldName(value: string): string {
  const letters = value
    .normalize('NFKC')
    .replace(TURKIC_I, 'i')
    .toLowerCase()
    .replace(LATIN_SPECIAL_RE, (ch) => LATIN_SPECIAL[ch]!)
    .normalize('NFD')
    .replace(COMBINING_MARKS, '')
    .replace(CYRILLIC_RE, (ch) => CYRILLIC[ch]!)
    .replace(APOSTROPHE_DIGRAPH, (_whole, letter: string) => `${letter}h`)
    .replace(INNER_APOSTROPHE, '')
    .replace(DOTTED_ABBREVIATION, (abbr) => abbr.replaceAll('.', ''))
    // NFD also splits Hangul syllables into jamo; put scripts without marks back together.
    .normalize('NFC');
  const words = letters
    .replace(NOT_WORD, ' ')
    .split(' ')
    .filter((w) => w !== '');
  const kept = words.filter((w) => !LEGAL_FORMS.has(w));
  return (kept.length > 0 ? kept : words).join(' ');
}

/**
 * The searchable column for a firm: every name and alias folded, duplicates and empties dropped, joined by ` | `
 * (which no folded name can contain, so a search cannot match across two names).
 */
export function foldedSearchText(names: string[]): string {
  const folded = new Set<string>();
  for (const name of names) {
    const f = foldName(name);
    if (f !== '') folded.add(f);
  }
  return [...folded].join(' | ');
}
