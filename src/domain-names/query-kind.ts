// Tells an exchange's name (`Байбит`, `bybit kz`) from an address (`binance.com`, a link, an IP) in what a citizen typed.
import { isIPv4, isIPv6 } from 'node:net';
import { domainToASCII } from 'node:url';
import { parse } from 'tldts';
import { hasPlainScheme } from './canonicalise.js';
import { containsHiddenCharacter } from './hidden-characters.js';
import { authorityBounds, foldWidth, refang } from './pasted-forms.js';

export type QueryKind = { kind: 'name'; text: string } | { kind: 'target' };

const TARGET: QueryKind = { kind: 'target' };
/** One number in a form WHATWG reads as an IPv4 address: decimal, `0x` hex or `0`-prefixed octal. */
const IPV4_NUMBER = /^(?:0x[0-9a-f]*|[0-9]+)$/iu;
const BRACKETED_IPV6 = /^\[[0-9a-f:.]+\]/iu;

/**
 * Whether `q` is read as a name or as an address (a host name, URL or IP address, which canonicaliseTarget reads).
 * A query is a name when it cannot be an address, looked at after defanging is undone (`hxxps`, `[.]`) and full-width
 * forms and ideographic full stops are folded (`ｏｋｘ`, `binance。com`), in this order:
 *
 * 0. It holds a hidden character (zero-width space, BOM, soft hyphen, ...: hidden-characters.ts): an address, so that
 *    canonicaliseTarget refuses it and says which character (a name is never matched with a character nobody sees).
 * 1. It starts with a scheme (`https:`, `hxxps:`, `javascript:`, any `name://`, `//`): an address, whatever follows.
 * 2. It has white space inside (Unicode White_Space: `bybit kz`, `Binance Kazakhstan`): a name (a host never has a
 *    space).
 * 3. It is an IP address: IPv6 (bare or in brackets) or a single number WHATWG reads as IPv4 (`2130706433`,
 *    `0x7f000001`, `017700000001`): an address. Dotted IPv4 forms (`127.0.0.1`, `0x7f.1`) have a dot (rule 5).
 * 4. Its host part (before any `/`, `?`, `#`, after any `user@`, without a `:port`) has no dot once trailing dots are
 *    dropped (`OKX`, `Байбит`, `Коинбейс`, `okx.`, `localhost`): a name, unless it is an A-label (`xn--…`).
 * 5. It has a dot but no Latin letter, and its last label is not a top-level domain of the Public Suffix List
 *    (`Байбит.кз`, where `кз` is no TLD): a name. With a TLD (`пример.рф`, `мысал.қаз`) it is an address.
 * 6. Anything else is an address (`binance.com`, `bіnance.com` with a Cyrillic і, `127.0.0.1`, `binance.com/login`):
 *    canonicaliseTarget then says what is wrong with it, if anything.
 *
 * The name's `text` is the query trimmed, full-width forms folded and runs of whitespace made one space.
 */
export function classifyQuery(q: string): QueryKind {
  const text = foldWidth(refang(q.trim())).trim();
  if (text === '' || containsHiddenCharacter(text) || hasPlainScheme(text)) return TARGET;
  const name: QueryKind = { kind: 'name', text: foldWidth(q).trim().replace(/\p{White_Space}+/gu, ' ') };
  if (/\p{White_Space}/u.test(text)) return name;
  if (isIPv6(text) || BRACKETED_IPV6.test(text) || (IPV4_NUMBER.test(text) && readsAsIPv4(text))) return TARGET;

  const host = hostPart(text);
  const labels = host.split('.').filter((label) => label !== '');
  if (labels.length < 2) return /^xn--/iu.test(labels[0] ?? '') ? TARGET : name;
  if (/\p{L}/u.test(host) && !/\p{Script=Latin}/u.test(host) && !endsInKnownTld(host)) return name;
  return TARGET;
}

function readsAsIPv4(text: string): boolean {
  try {
    return isIPv4(new URL(`http://${text}/`).hostname);
  } catch {
    return false;
  }
}

function hostPart(text: string): string {
  const authority = text.slice(0, authorityBounds(text).end);
  const host = authority.slice(authority.lastIndexOf('@') + 1);
  return host.replace(/:[0-9]*$/u, '');
}

/** True when the last label is a top-level domain the Public Suffix List knows (ICANN or private rules). */
function endsInKnownTld(host: string): boolean {
  const ascii = domainToASCII(host);
  if (ascii === '') return false;
  const { isIcann, isPrivate } = parse(ascii, { allowPrivateDomains: true, extractHostname: false });
  return isIcann === true || isPrivate === true;
}
