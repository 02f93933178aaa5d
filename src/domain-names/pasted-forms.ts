// Undoes what happens to an address on its way to the check box: defanging by security tools and full-width typing.

/** A defanged dot as threat reports and chat warnings write it, spaces around it included: `[.]`, `(.)`, `{.}`, `[dot]`. */
const DEFANGED_DOT = /\s*(?:\[\s*(?:\.|dot)\s*\]|\(\s*(?:\.|dot)\s*\)|\{\s*(?:\.|dot)\s*\})\s*/giu;
const DEFANGED_SCHEME_SEPARATOR = /\[:\/\/\]/gu;
const DEFANGED_COLON = /\[:\]/gu;
/** `hxxp`, `hxxps`, `hXXps`: a scheme made unclickable; only at the start, where a scheme stands. */
const DEFANGED_SCHEME = /^hxxp(s?)(?=:)/iu;
/** What every defanged or full-width input has: a bracket, `hxxp` at the start or a wide character. */
const MAYBE_PASTED = /[[({\u3000-\uFFFF]|^hxxp/iu;

/**
 * Full-width ASCII (U+FF01–U+FF5E) to ASCII, the ideographic space to a space and the ideographic full stops (U+3002,
 * U+FF61) to `.`: what an East Asian keyboard or a copied page gives. Each code unit stays one code unit, so offsets
 * in the folded text are offsets in the input.
 */
export function foldWidth(text: string): string {
  return text.replace(/[\uFF01-\uFF5E\u3000\u3002\uFF61]/gu, (c) => {
    if (c === '\u3000') return ' ';
    if (c === '\u3002' || c === '\uFF61') return '.';
    return String.fromCharCode(c.charCodeAt(0) - 0xfee0);
  });
}

/** Undoes defanging: `hxxps[://]binance[.]com` is `https://binance.com`. Applied to the whole input, as IOC tools do. */
export function refang(text: string): string {
  return text
    .replace(DEFANGED_SCHEME_SEPARATOR, '://')
    .replace(DEFANGED_COLON, ':')
    .replace(DEFANGED_DOT, '.')
    .replace(DEFANGED_SCHEME, (_m, s: string) => `http${s}`);
}

/**
 * Where the authority (userinfo, host, port) of a URL-ish text starts and ends: after the scheme and its slashes, up
 * to the first `/`, `?`, `#` or `\` after them, as the WHATWG parser ends the host. Without a scheme the text starts
 * with the authority.
 */
export function authorityBounds(text: string): { start: number; end: number } {
  const scheme = /^[a-z][a-z0-9+.-]*:/iu.exec(text);
  let start = scheme === null ? 0 : scheme[0].length;
  while (text[start] === '/' || text[start] === '\\') start += 1;
  const end = text.slice(start).search(/[/?#\\]/u);
  return { start, end: end === -1 ? text.length : start + end };
}

/**
 * The input as the citizen meant it: defanging undone everywhere, full-width forms folded in the scheme and authority
 * (a path keeps its own characters: a browser would request them as they are).
 */
export function undoPastedForms(text: string): string {
  // Most input is neither defanged nor full-width: skip the work (a check answer that is not kept pays for it).
  if (!MAYBE_PASTED.test(text)) return text;
  const refanged = refang(text);
  const folded = foldWidth(refanged);
  // The delimiter that ends the authority is folded with it: `／` ends the host `ｂｉｎａｎｃｅ．ｃｏｍ` as `/` would.
  const head = authorityBounds(folded).end + 1;
  return folded.slice(0, head) + refanged.slice(head);
}
