// Finds invisible code points in an address before the IDNA mapping would silently drop them.
import { domainToASCII } from 'node:url';
import { authorityBounds } from './pasted-forms.js';
import { percentDecode } from './percent-decode.js';

/**
 * Invisible code points: every Default_Ignorable_Code_Point (zero-width space and joiners U+200B–U+200F, word joiner
 * and invisible operators U+2060–U+2064, BOM U+FEFF, soft hyphen U+00AD, combining grapheme joiner U+034F, Mongolian
 * vowel separator and free variation selectors U+180B–U+180F, variation selectors, bidi controls U+202A–U+202E and
 * U+2066–U+2069, tags U+E0000–, Hangul fillers) and the Braille blank U+2800, which renders as a space but IDNA encodes.
 * UTS #46 drops most of these without a trace (`bin\u200Bance.com` is binance.com), the rest make the name invalid.
 */
const HIDDEN = /[\p{Default_Ignorable_Code_Point}\u2800]/u;
const HIDDEN_ALL = /[\p{Default_Ignorable_Code_Point}\u2800]/gu;
const JOINERS = /[\u200C\u200D]/gu;
const ZWNJ = 0x200c;
const ZWJ = 0x200d;

/** Whether `text` holds a hidden code point anywhere (raw; percent-escapes are not decoded). */
export function containsHiddenCharacter(text: string): boolean {
  return HIDDEN.test(text);
}

/** `U+200B`, `U+E0041`: how a code point is named in messages. */
export function codePointName(codePoint: number): string {
  return `U+${codePoint.toString(16).toUpperCase().padStart(4, '0')}`;
}

/**
 * The first hidden code point in the scheme and authority of `url` (an http(s) URL as handed to the WHATWG parser),
 * raw or percent-encoded, that a browser would not keep: null when there is none. ZWNJ and ZWJ in the host are kept
 * where IDNA2008's CONTEXTJ rules allow them (after a virama, as in Devanagari and Sinhala; ZWNJ between joining
 * letters, as in Persian), which is where Node's domainToASCII (CheckJoiners, like browsers) accepts the name with
 * them; the A-label then encodes them. A joiner anywhere else, or in the userinfo, is reported.
 */
export function findHiddenCharacter(url: string): number | null {
  const { start, end } = authorityBounds(url);
  const head = url.slice(0, end);
  if (!HIDDEN.test(head) && !head.includes('%')) return null;
  const at = head.lastIndexOf('@');
  const beforeHost = percentDecode(head.slice(0, Math.max(start, at + 1)));
  const host = percentDecode(withoutPort(head.slice(Math.max(start, at + 1))));

  const outsideHost = HIDDEN.exec(beforeHost);
  if (outsideHost) return outsideHost[0].codePointAt(0)!;
  for (const [char] of host.matchAll(HIDDEN_ALL)) {
    const codePoint = char.codePointAt(0)!;
    if (codePoint !== ZWNJ && codePoint !== ZWJ) return codePoint;
  }
  const joiner = /[\u200C\u200D]/u.exec(host);
  if (joiner === null || domainToASCII(host) !== '') return null;
  // Refused only when the joiner is what makes the name invalid; a name invalid anyway is reported as invalid.
  return domainToASCII(host.replace(JOINERS, '')) === '' ? null : joiner[0].codePointAt(0)!;
}

function withoutPort(hostAndPort: string): string {
  return hostAndPort.startsWith('[') ? hostAndPort : hostAndPort.replace(/:[0-9]*$/u, '');
}
