// UTS #39 confusable skeletons of host labels, and whether a Unicode host must be shown beside its A-label.
import { CONFUSABLES } from './confusables.js';

/**
 * Whole-Cyrillic look-alikes the standard data maps to another exotic letter instead of the Latin one a reader sees
 * in an address bar (UTS #39 keeps only the closest shape, often a small capital or an IPA letter). Reviewed by hand:
 * each row is a lower-case letter as IDNA leaves it, and is applied before the standard table.
 */
const SUPPLEMENT: Readonly<Record<string, string>> = {
  // CYRILLIC SMALL LETTER SOFT SIGN: the standard gives U+0185 (tone six); in sans-serif fonts it is a b without the
  // ascender's top, and `ьіпапсе` reads as binance.
  '\u044c': 'b',
  // CYRILLIC SMALL LETTER PE: the standard gives Greek pi; in lower case it is an n with a flat top (`ьіпапсе`).
  '\u043f': 'n',
  // CYRILLIC SMALL LETTER KA: the standard gives U+0138 (kra), a small-capital k, which reads as k (`оkх`, `кz`).
  '\u043a': 'k',
  // CYRILLIC SMALL LETTER KA WITH DESCENDER (Kazakh): к with a tail, read as k for the same reason.
  '\u049b': 'k',
  // CYRILLIC SMALL LETTER EM: the standard gives U+028D (turned w); it is a small-capital M, read as m (`мехс`).
  '\u043c': 'm',
  // CYRILLIC SMALL LETTER TE: the standard gives U+1D1B (small capital T); read as t in `bybiт`, `biтgeт`.
  '\u0442': 't',
};

const STANDARD = CONFUSABLES.prototypes;

/**
 * The skeleton of a host label (or any lower-case text) per UTS #39: NFD, each character replaced by its prototype
 * (the supplement's letter, then Unicode's confusables.txt), NFD again; then lower-cased, since a host is case-free and
 * the standard's prototypes include capitals (`0` becomes `O`, `I` becomes `l`).
 */
export function skeleton(text: string): string {
  let mapped = '';
  for (const ch of text.normalize('NFD')) {
    const extra = SUPPLEMENT[ch];
    // A supplement row names a letter, whose own prototype is what the skeleton holds (м → m → rn).
    mapped += extra === undefined ? (STANDARD.get(ch) ?? ch) : [...extra].map((c) => STANDARD.get(c) ?? c).join('');
  }
  return mapped.normalize('NFD').toLowerCase();
}

// The scripts a host label is likely to mix; a letter of any other script counts as one more script of its own.
const SCRIPTS: ReadonlyArray<readonly [string, RegExp]> = [
  ['Latin', /\p{Script=Latin}/u],
  ['Cyrillic', /\p{Script=Cyrillic}/u],
  ['Greek', /\p{Script=Greek}/u],
  ['Armenian', /\p{Script=Armenian}/u],
  ['Georgian', /\p{Script=Georgian}/u],
  ['Cherokee', /\p{Script=Cherokee}/u],
  ['Arabic', /\p{Script=Arabic}/u],
  ['Hebrew', /\p{Script=Hebrew}/u],
  ['Han', /\p{Script=Han}/u],
  ['Hiragana', /\p{Script=Hiragana}/u],
  ['Katakana', /\p{Script=Katakana}/u],
  ['Hangul', /\p{Script=Hangul}/u],
];
const LETTER = /\p{L}/u;

function scriptOf(ch: string): string {
  for (const [name, re] of SCRIPTS) if (re.test(ch)) return name;
  return 'Other';
}

/** True when one label of the host has letters of two scripts (`bіnance` with a Cyrillic і). */
export function mixesScripts(displayHost: string): boolean {
  for (const label of displayHost.split('.')) {
    const scripts = new Set<string>();
    for (const ch of label) if (LETTER.test(ch)) scripts.add(scriptOf(ch));
    // Japanese writes Han with kana in one word: that is one writing system, not a mix.
    for (const kana of ['Hiragana', 'Katakana']) if (scripts.has(kana) && scripts.has('Han')) scripts.delete(kana);
    if (scripts.size > 1) return true;
  }
  return false;
}

/** The letter a character passes for, as a reader would name it (`м` → `m`, not the skeleton's `rn`). */
export function prototypeOf(ch: string): string {
  return (SUPPLEMENT[ch] ?? STANDARD.get(ch) ?? ch).normalize('NFD').toLowerCase();
}

const ASCII_HOST_TEXT = /^[a-z0-9.-]+$/;

/** True when some non-ASCII character of the text has a plain ASCII skeleton: it can pass for a Latin letter or digit. */
export function hasConfusableCharacter(text: string): boolean {
  for (const ch of text) if (ch > '\x7f' && ASCII_HOST_TEXT.test(skeleton(ch))) return true;
  return false;
}

/**
 * True when the Unicode form of a host mixes scripts or has a character that can pass for an ASCII one (its
 * skeleton differs from it there), so a page must show the A-label beside it: a Unicode string alone could look like
 * a licensed domain. A host without a Unicode form (`displayHost` equal to `host`) never needs one; `münchen.de`
 * (one script, no character that passes for ASCII) does not either.
 */
export function displayNeedsALabel(host: string, displayHost: string): boolean {
  if (displayHost === host) return false;
  return mixesScripts(displayHost) || hasConfusableCharacter(displayHost);
}
