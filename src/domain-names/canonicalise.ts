// Turns what a citizen types (a domain, a URL, an IP) into the host a browser would actually visit.
import ipaddr from 'ipaddr.js';
import { isIPv4, isIPv6 } from 'node:net';
import { domainToASCII, domainToUnicode } from 'node:url';
import { getDomain, getPublicSuffix } from 'tldts';
import { codePointName, findHiddenCharacter } from './hidden-characters.js';
import { undoPastedForms } from './pasted-forms.js';
import { percentDecode } from './percent-decode.js';
import { normaliseUrlPath } from './url-path.js';

export type TargetKind = 'domain' | 'ipv4' | 'ipv6';

export interface CanonicalTarget {
  kind: TargetKind;
  /** A-label, lower case, no trailing dot, empty labels collapsed; IPv4 dotted quad; IPv6 compressed, no brackets. */
  host: string;
  /** Unicode form for domains (what to show people); the same as host for IPs. */
  displayHost: string;
  /** Registrable domain from the Public Suffix List, private suffixes included; null for IPs and bare suffixes. */
  registrableDomain: string | null;
  /** `http(s)://host[:port]/path?query` when the input had a path or query, the path normalised (url-path.ts); null for a bare host. */
  url: string | null;
  /** The normalised path and query when url is not null. */
  path: string | null;
  /**
   * The URL's userinfo, what comes before `@` (`user[:password]` as typed, percent-decoded, lower case), which the
   * browser does not visit but shows: `https://binance.com@evil.kz` has the userinfo `binance.com`. Null when none.
   */
  userinfo: string | null;
}

export type CanonicaliseErrorCode =
  | 'empty'
  | 'too-long'
  | 'unsupported-scheme'
  | 'invalid-host'
  | 'label-too-long'
  | 'name-too-long'
  | 'hidden-character';

export class CanonicaliseError extends Error {
  constructor(
    readonly code: CanonicaliseErrorCode,
    message: string,
    /** What the message names (`scheme`, `max`), for saying it in other languages. */
    readonly params: Readonly<Record<string, string | number>> = {},
  ) {
    super(message);
    this.name = 'CanonicaliseError';
  }
}

/** Longest input accepted, counted after trimming: roughly what browsers and search boxes tolerate in practice. */
export const MAX_INPUT_LENGTH = 2048;

const MAX_LABEL_LENGTH = 63;
const MAX_NAME_LENGTH = 253;

const SCHEME_PREFIX = /^([a-z][a-z0-9+.-]*):/i;
// After `name:`, a port (possibly empty) and then the end or a path/query/fragment: `localhost:8080/x` is a host and
// port, not a URL with the scheme `localhost`, which is how WHATWG alone would read it.
const PORT_THEN_REST = /^[0-9]*(?:[/?#]|$)/;
// Schemes that are never a host name, even when followed by digits (`javascript:1` must not become the host
// `javascript`).
const NON_WEB_SCHEMES = new Set([
  'about',
  'blob',
  'chrome',
  'data',
  'file',
  'filesystem',
  'ftp',
  'ftps',
  'intent',
  'javascript',
  'mailto',
  'sftp',
  'sms',
  'ssh',
  'tel',
  'vbscript',
  'view-source',
  'ws',
  'wss',
]);
// WHATWG (CheckHyphens=false) lets through `*`, `_`, `!` and friends. Browsers visit hosts with `_` in a label
// (`a_b.coinbase.com`) and DNS serves them, so a host to check may have them: refusing would hide a blocked parent.
// Names the registry stores (entries, official domains) are letters, digits and hyphens, which is what can be
// registered and what every resolver format accepts. Hyphens at a label's edge are kept in both, for the same reason.
const HOST_LABEL = /^[a-z0-9_-]+$/;
const LDH_LABEL = /^[a-z0-9-]+$/;

function fail(code: CanonicaliseErrorCode, message: string, params: Record<string, string | number> = {}): never {
  throw new CanonicaliseError(code, message, params);
}

/**
 * The scheme of the input as canonicaliseTarget reads it, lower case, or null when it has none: `localhost:8080/x`
 * and `binance.com:443` are a host and a port, not the schemes `localhost` and `binance.com` WHATWG alone would read.
 */
function schemeOf(text: string): string | null {
  // A pasted bare IPv6 address would otherwise read as a host and port (`2001:db8::1`) or a scheme (`fe80::1`).
  if (isIPv6(text)) return null;
  const match = SCHEME_PREFIX.exec(text);
  if (match === null) return null;
  const scheme = match[1]!.toLowerCase();
  if (scheme === 'http' || scheme === 'https' || NON_WEB_SCHEMES.has(scheme)) return scheme;
  const rest = text.slice(match[0].length);
  return !rest.startsWith('//') && PORT_THEN_REST.test(rest) ? null : scheme;
}

/**
 * True when the input plainly starts with a scheme, whatever follows: http or https, a scheme that is never a host
 * name (`javascript:`), any `name://`, or `//` (scheme-relative). `okx: review` is not one (no `//`, not a known scheme).
 */
export function hasPlainScheme(text: string): boolean {
  if (text.startsWith('//')) return true;
  const scheme = schemeOf(text);
  if (scheme === null) return false;
  return scheme === 'http' || scheme === 'https' || NON_WEB_SCHEMES.has(scheme) || text.slice(scheme.length + 1).startsWith('//');
}

/**
 * Decides how to hand the input to the WHATWG parser: unchanged when it names http or https, with `http://` in front
 * when it has no scheme (or only looks like it has one because of a port), and not at all for any other scheme.
 */
function withScheme(text: string): string {
  if (isIPv6(text)) return `http://[${text}]/`;
  const scheme = schemeOf(text);
  if (scheme === null) return `http://${text}`;
  if (scheme === 'http' || scheme === 'https') return text;
  return fail('unsupported-scheme', `Only http and https addresses can be checked, not "${scheme}:"`, { scheme });
}

function parseUrl(text: string): URL {
  try {
    return new URL(text);
  } catch {
    return fail('invalid-host', 'Not a valid domain name, URL or IP address');
  }
}

/**
 * A label WHATWG passed through with an `xn--` prefix is only an A-label if it decodes to Unicode and encodes back to
 * itself; Node's parser keeps undecodable ones such as `xn--a` as they are, which UTS #46 says to reject.
 */
function isGenuineALabel(label: string): boolean {
  const unicode = domainToUnicode(label);
  return unicode !== label && unicode !== '' && domainToASCII(unicode) === label;
}

function checkDomainLabels(host: string): void {
  const labels = host.split('.');
  for (const label of labels) {
    if (label.length > MAX_LABEL_LENGTH) {
      const start = label.slice(0, 20);
      fail('label-too-long', `A part of the name is longer than ${MAX_LABEL_LENGTH} characters: ${start}…`, { max: MAX_LABEL_LENGTH });
    }
    if (!HOST_LABEL.test(label)) {
      fail('invalid-host', `Not a valid domain name: "${label}" may only contain letters, digits and hyphens`);
    }
    if (label.startsWith('xn--') && !isGenuineALabel(label)) {
      fail('invalid-host', `Not a valid internationalised domain name: "${label}"`);
    }
  }
  if (host.length > MAX_NAME_LENGTH) {
    fail('name-too-long', `The name is longer than ${MAX_NAME_LENGTH} characters`, { max: MAX_NAME_LENGTH });
  }
}

/**
 * The host as a browser would look it up, plus the URL it would request when a path or query was given.
 * Throws CanonicaliseError with a code the caller can map to a message.
 */
export function canonicaliseTarget(input: string): CanonicalTarget {
  const text = input.trim();
  if (text === '') fail('empty', 'Enter a domain name, URL or IP address');
  if (text.length > MAX_INPUT_LENGTH) fail('too-long', `The input is longer than ${MAX_INPUT_LENGTH} characters`, { max: MAX_INPUT_LENGTH });

  const prepared = withScheme(undoPastedForms(text));
  const hidden = findHiddenCharacter(prepared);
  if (hidden !== null) {
    const codePoint = codePointName(hidden);
    fail('hidden-character', `Contains a hidden character (${codePoint}): it cannot be seen, so the address may not be what it looks like`, { codePoint });
  }
  const parsed = parseUrl(prepared);
  const scheme = parsed.protocol === 'https:' ? 'https:' : 'http:';

  let kind: TargetKind;
  let host: string;
  let hostForUrl: string;
  if (parsed.hostname.startsWith('[')) {
    const address = ipaddr.IPv6.parse(parsed.hostname.slice(1, -1));
    if (address.isIPv4MappedAddress()) {
      // `[::ffff:192.0.2.10]` reaches 192.0.2.10: the block on the IPv4 address must apply.
      kind = 'ipv4';
      host = address.toIPv4Address().toString();
      hostForUrl = host;
    } else {
      kind = 'ipv6';
      host = parsed.hostname.slice(1, -1);
      hostForUrl = parsed.hostname;
    }
  } else {
    // WHATWG keeps trailing dots and empty labels (`a..b.com.`); DNS and Safe Browsing do not.
    const collapsed = parsed.hostname
      .split('.')
      .filter((label) => label !== '')
      .join('.');
    if (collapsed === '') fail('invalid-host', 'Not a valid domain name, URL or IP address');
    // Collapsing can leave a name WHATWG would have read differently (`1..` becomes `1`, an IPv4 number), so parse
    // the collapsed name again: the result is then stable under a second canonicalisation.
    host = collapsed === parsed.hostname ? collapsed : parseUrl(`http://${collapsed}/`).hostname;
    kind = isIPv4(host) ? 'ipv4' : 'domain';
    if (kind === 'domain') checkDomainLabels(host);
    hostForUrl = host;
  }

  const normalised = normaliseUrlPath(parsed.pathname, parsed.search);
  const port = parsed.port === '' ? '' : `:${parsed.port}`;
  const path = normalised === '/' ? null : normalised;

  return {
    kind,
    host,
    // Only an A-label (`xn--`) has another Unicode form; a name without one is its own (and the check reads many).
    displayHost: kind === 'domain' && host.includes('xn--') ? domainToUnicode(host) : host,
    registrableDomain:
      kind === 'domain' ? getDomain(host, { allowPrivateDomains: true, extractHostname: false }) : null,
    url: path === null ? null : `${scheme}//${hostForUrl}${port}${path}`,
    path,
    userinfo: userinfoOf(parsed),
  };
}

function userinfoOf(parsed: URL): string | null {
  if (parsed.username === '' && parsed.password === '') return null;
  const typed = parsed.password === '' ? parsed.username : `${parsed.username}:${parsed.password}`;
  return percentDecode(typed).toLowerCase();
}

/**
 * For values that must be a domain (blocklist entries, a firm's official domains): canonicalises like
 * canonicaliseTarget and returns the host, refusing IP addresses and anything with a path or query.
 */
export function canonicaliseDomain(input: string): string {
  const target = canonicaliseTarget(input);
  if (target.kind !== 'domain') fail('invalid-host', 'An IP address is not a domain name');
  if (target.url !== null) fail('invalid-host', 'A domain name cannot have a path or query');
  requireStorableHost(target.host);
  return target.host;
}

/** Refuses a host the registry cannot store or publish: only letters, digits and hyphens in each label. */
export function requireStorableHost(host: string): void {
  for (const label of host.split('.')) {
    if (!LDH_LABEL.test(label)) {
      fail('invalid-host', `"${label}" may only contain letters, digits and hyphens in a name the registry stores`);
    }
  }
}

/**
 * True for a name the Public Suffix List (private suffixes included) treats as a suffix: `kz`, `co.uk`, `github.io`,
 * and any name under a wildcard rule. Many owners register below such a name, so it is never one owner's.
 */
export function isPublicSuffix(host: string): boolean {
  return getPublicSuffix(host, { allowPrivateDomains: true, extractHostname: false }) === host;
}

/**
 * The host and every parent name, up to its top-level label: the names whose subtree block covers the host. Resolvers
 * apply a subtree block (`*.name` in RPZ) to every name below it, whatever the Public Suffix List says, so the check
 * looks at all of them.
 */
export function ancestorsOf(host: string): string[] {
  const out = [host];
  for (let dot = host.indexOf('.'); dot !== -1; dot = host.indexOf('.', dot + 1)) out.push(host.slice(dot + 1));
  return out;
}

/**
 * The host, then each parent name down to and including the registrable domain: the names an official domain could
 * cover the host from. Stops at the registrable domain because a public suffix (`kz`, `github.io`) is never one owner's.
 */
export function ancestorsWithin(host: string, registrableDomain: string | null): string[] {
  if (registrableDomain === null || !(host === registrableDomain || host.endsWith(`.${registrableDomain}`))) {
    return [host];
  }
  const out = [host];
  let current = host;
  while (current !== registrableDomain) {
    current = current.slice(current.indexOf('.') + 1);
    out.push(current);
  }
  return out;
}

/** Canonicalises every domain of a list, reporting each bad one by index instead of stopping at the first. */
export function canonicaliseDomainList(inputs: string[]): { domains: string[]; problems: { index: number; message: string }[] } {
  const problems: { index: number; message: string }[] = [];
  const domains = inputs.flatMap((raw, index) => {
    try {
      return [canonicaliseDomain(raw)];
    } catch (error) {
      if (!(error instanceof CanonicaliseError)) throw error;
      problems.push({ index, message: error.message });
      return [];
    }
  });
  return { domains, problems };
}
