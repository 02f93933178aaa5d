// Look-alike detection: which licensed, blocked or warned brand a host imitates, by which technique, how surely.
import { domainToASCII, domainToUnicode } from 'node:url';
import { getDomain } from 'tldts';
import { deletions, oneSlip } from './one-edit.js';
import { isOrdinaryWord } from './ordinary-words.js';
import { prototypeOf, skeleton } from './skeleton.js';

export interface Brand {
  id: string;
  name: string;
  aliases: string[];
  officialDomains: string[];
  kind: 'licensed' | 'blocked' | 'warned';
  recordType: 'firm' | 'blocked-entity' | 'warning';
  recordId: string;
}

export type Technique = 'confusable' | 'typo' | 'brand-keyword' | 'brand-in-subdomain' | 'brand-in-userinfo' | 'tld-swap';
export type Confidence = 'high' | 'medium' | 'low';

export interface LookalikeHit {
  brand: Brand;
  technique: Technique;
  /** `low` is weak evidence (an ordinary word, a very short brand one slip away): shown, but not a warning. */
  confidence: Confidence;
  /** One sentence in English saying what was seen, naming the characters or words involved. */
  evidence: string;
}

/** One written form of a brand: a name (`binance`) or the first label of an official domain (`kripto-obmen-kz`). */
interface BrandKey {
  brand: Brand;
  key: string;
  skeleton: string;
  /** Letters and digits only, for the shortness rules. */
  length: number;
}

export interface BrandIndex {
  readonly brands: readonly Brand[];
  /** A-labels of every brand's official domains, by brand id. */
  readonly official: ReadonlyMap<string, readonly string[]>;
  /** Official domains of licensed brands: a host under one of them is never a look-alike of anything. */
  readonly licensedOfficial: readonly string[];
  readonly byKey: ReadonlyMap<string, readonly BrandKey[]>;
  readonly bySkeleton: ReadonlyMap<string, readonly BrandKey[]>;
  /** Every skeleton with one code point deleted (and itself) to the keys: candidates one slip away. */
  readonly byDeletion: ReadonlyMap<string, readonly BrandKey[]>;
  /** Skeleton lengths of the keys without hyphens, longest first, for finding a brand at a label's start or end. */
  readonly tokenLengths: readonly number[];
  readonly maxSkeletonLength: number;
}

/** Words that say nothing about who a firm is; dropped from names before they become keys. */
const NAME_NOISE: ReadonlySet<string> = new Set([
  'kz', 'kazakhstan', 'qazaqstan', 'global', 'llp', 'ltd', 'limited', 'inc', 'jsc', 'plc', 'illustrative', 'lifted',
]);

/** Words fraudsters add to a brand (`binance-kz`, `bybit-app`, `binancesupport`). */
const KEYWORDS: ReadonlySet<string> = new Set([
  'kz', 'kaz', 'qaz', 'kazakhstan', 'qazaqstan', 'kzt', 'asia', 'ru', 'app', 'apps', 'login', 'signin', 'signup',
  'support', 'help', 'helpdesk', 'service', 'care', 'official', 'secure', 'security', 'safe', 'verify', 'verification',
  'kyc', 'wallet', 'account', 'accounts', 'user', 'client', 'bonus', 'promo', 'gift', 'airdrop', 'reward', 'rewards',
  'claim', 'p2p', 'pro', 'exchange', 'trade', 'trading', 'crypto', 'coin', 'web', 'online', 'auth', 'id', 'pay',
  'invest', 'earn', 'bot', 'card', 'cash', 'global', 'vip', 'mobile', 'download', 'update', 'usdt', 'btc', 'team',
  'desk', 'portal', 'site', 'net', 'live', 'my', 'get', 'go',
]);

/** Labels that read as the end of a domain name when they follow a brand (`binance.com.secure-login.example`). */
const TLD_TOKENS: ReadonlySet<string> = new Set([
  'com', 'net', 'org', 'kz', 'ru', 'io', 'co', 'app', 'info', 'biz', 'me', 'pro', 'uk', 'us', 'eu', 'xyz', 'online',
  'site', 'top', 'exchange',
]);

const MIN_KEY_LENGTH = 3;
/** A brand of at most this many letters is one slip away from many real names (okx: olx.kz, ok.ru): weak evidence. */
const SHORT_BRAND = 4;
const NOT_NAME_CHAR = /[^\p{L}\p{N}]+/u;
const LATIN_NAME = /^[a-z0-9]+$/;

function lengthOf(text: string): number {
  return [...text.replaceAll('-', '')].length;
}

function under(host: string, domain: string): boolean {
  return host === domain || host.endsWith(`.${domain}`);
}

function keysOf(brand: Brand): string[] {
  const keys = new Set<string>();
  for (const name of [brand.name, ...brand.aliases]) {
    const words = name
      .normalize('NFKC')
      .toLowerCase()
      .replace(/\([^)]*\)/g, ' ')
      .split(NOT_NAME_CHAR)
      .filter((w) => w !== '' && !NAME_NOISE.has(w));
    const joined = words.join('');
    // Cyrillic aliases are how citizens type a name (the name search's business); a domain imitating the brand is
    // written in Latin letters or in letters that pass for them, which the skeleton catches.
    if (LATIN_NAME.test(joined)) keys.add(joined);
  }
  for (const domain of brand.officialDomains) {
    const ascii = domainToASCII(domain.toLowerCase());
    const registrable = getDomain(ascii, { allowPrivateDomains: true }) ?? ascii;
    keys.add(domainToUnicode(registrable).split('.')[0]!);
  }
  return [...keys].filter((k) => lengthOf(k) >= MIN_KEY_LENGTH);
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [value]);
  else if (!list.includes(value)) list.push(value);
}

/**
 * Everything detection needs, computed once per set of brands: each brand's keys (its names in Latin letters and the
 * first labels of its official domains), their skeletons and their one-deletion neighbourhoods. Hundreds of brands
 * take a few milliseconds.
 */
export function buildBrandIndex(brands: Brand[]): BrandIndex {
  const official = new Map<string, string[]>();
  const licensedOfficial: string[] = [];
  const byKey = new Map<string, BrandKey[]>();
  const bySkeleton = new Map<string, BrandKey[]>();
  const byDeletion = new Map<string, BrandKey[]>();
  const tokenLengths = new Set<number>();
  let maxSkeletonLength = 0;
  for (const brand of brands) {
    const domains = brand.officialDomains.map((d) => domainToASCII(d.toLowerCase())).filter((d) => d !== '');
    official.set(brand.id, domains);
    if (brand.kind === 'licensed') licensedOfficial.push(...domains);
    for (const key of keysOf(brand)) {
      const entry: BrandKey = { brand, key, skeleton: skeleton(key), length: lengthOf(key) };
      push(byKey, key, entry);
      push(bySkeleton, entry.skeleton, entry);
      for (const d of deletions(entry.skeleton)) push(byDeletion, d, entry);
      if (!entry.skeleton.includes('-')) tokenLengths.add([...entry.skeleton].length);
      maxSkeletonLength = Math.max(maxSkeletonLength, [...entry.skeleton].length);
    }
  }
  return {
    brands,
    official,
    licensedOfficial,
    byKey,
    bySkeleton,
    byDeletion,
    tokenLengths: [...tokenLengths].sort((a, b) => b - a),
    maxSkeletonLength,
  };
}

const CONFIDENCE_RANK: Record<Confidence, number> = { high: 0, medium: 1, low: 2 };
const TECHNIQUE_RANK: Record<Technique, number> = {
  confusable: 0,
  'tld-swap': 1,
  'brand-in-userinfo': 2,
  'brand-in-subdomain': 3,
  'brand-keyword': 4,
  typo: 5,
};
const KIND_RANK: Record<Brand['kind'], number> = { licensed: 0, warned: 1, blocked: 2 };

function codePoint(ch: string): string {
  return `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** `і (U+0456) for i, о (U+043E) for o`: the characters of a label that pass for others. */
function passingCharacters(label: string): string {
  const seen = new Map<string, string>();
  for (const ch of label) {
    const p = prototypeOf(ch);
    if (p !== ch && !seen.has(ch) && (ch > '\x7f' || /[0-9]/.test(ch))) seen.set(ch, `${ch} (${codePoint(ch)}) for ${p}`);
  }
  return [...seen.values()].join(', ');
}

function officialText(index: BrandIndex, brand: Brand): string {
  const domains = index.official.get(brand.id) ?? [];
  return domains.length === 0
    ? `the registry knows no domain of ${brand.name}`
    : `${brand.name}'s own domain${domains.length > 1 ? 's are' : ' is'} ${domains.map(domainToUnicode).join(', ')}`;
}

class Hits {
  private readonly best = new Map<string, LookalikeHit>();

  constructor(private readonly excluded: ReadonlySet<string>) {}

  add(brand: Brand, technique: Technique, confidence: Confidence, evidence: string): void {
    if (this.excluded.has(brand.id)) return;
    const id = `${brand.id}\u0000${technique}`;
    const old = this.best.get(id);
    if (old === undefined || CONFIDENCE_RANK[confidence] < CONFIDENCE_RANK[old.confidence]) {
      this.best.set(id, { brand, technique, confidence, evidence });
    }
  }

  has(brand: Brand, ...techniques: Technique[]): boolean {
    return techniques.some((t) => this.best.has(`${brand.id}\u0000${t}`));
  }

  sorted(): LookalikeHit[] {
    return [...this.best.values()].sort(
      (a, b) =>
        CONFIDENCE_RANK[a.confidence] - CONFIDENCE_RANK[b.confidence] ||
        TECHNIQUE_RANK[a.technique] - TECHNIQUE_RANK[b.technique] ||
        KIND_RANK[a.brand.kind] - KIND_RANK[b.brand.kind] ||
        a.brand.name.localeCompare(b.brand.name, 'en'),
    );
  }
}

/** The registrable domain's own label (`binance` in `binance.com.kz`, `bіnance` in `bіnance.com`). */
function checkRegistrableLabel(index: BrandIndex, hits: Hits, label: string, registrable: string): void {
  const sk = skeleton(label);
  for (const key of index.byKey.get(label) ?? []) {
    hits.add(key.brand, 'tld-swap', 'high', `${registrable} carries the name ${key.key} under another domain; ${officialText(index, key.brand)}`);
  }
  for (const key of index.bySkeleton.get(sk) ?? []) {
    if (key.key === label) continue;
    const chars = passingCharacters(label);
    hits.add(key.brand, 'confusable', 'high', `${label} reads as ${key.key}${chars === '' ? '' : `: ${chars}`}; ${officialText(index, key.brand)}`);
  }
  checkBrandWithWords(index, hits, label, sk);
  checkSlips(index, hits, label, sk);
}

function keywordConfidence(key: BrandKey, rest: string[]): Confidence | null {
  if (rest.every((w) => KEYWORDS.has(w))) return 'high';
  if (key.length > SHORT_BRAND) return 'medium';
  return null;
}

/** The brand with words around it: `binance-kz`, `kz-binance`, `bybit-app`, `binancesupport`. */
function checkBrandWithWords(index: BrandIndex, hits: Hits, label: string, sk: string): void {
  const tokens = sk.split('-').filter((t) => t !== '');
  if (tokens.length > 1) {
    tokens.forEach((token, i) => {
      for (const key of index.bySkeleton.get(token) ?? []) {
        const rest = tokens.filter((_, j) => j !== i);
        const confidence = keywordConfidence(key, rest);
        if (confidence !== null) {
          hits.add(key.brand, 'brand-keyword', confidence, `${label} is the name ${key.key} with "${rest.join('-')}" added; ${officialText(index, key.brand)}`);
        }
      }
    });
  }
  const joined = tokens.join('');
  const chars = [...joined];
  for (const n of index.tokenLengths) {
    if (chars.length - n < 2) continue;
    for (const [brandPart, rest] of [
      [chars.slice(0, n).join(''), chars.slice(n).join('')],
      [chars.slice(-n).join(''), chars.slice(0, -n).join('')],
    ] as const) {
      for (const key of index.bySkeleton.get(brandPart) ?? []) {
        let confidence: Confidence | null;
        if (KEYWORDS.has(rest)) confidence = 'high';
        else if (key.length <= SHORT_BRAND) confidence = null;
        else if (isOrdinaryWord(label.replaceAll('-', ''))) confidence = 'low';
        else confidence = 'medium';
        if (confidence !== null) {
          hits.add(key.brand, 'brand-keyword', confidence, `${label} is the name ${key.key} with "${rest}" added; ${officialText(index, key.brand)}`);
        }
      }
    }
  }
}

/** One slip away from a brand, compared on skeletons so a slip hidden behind a look-alike letter still counts. */
function checkSlips(index: BrandIndex, hits: Hits, label: string, sk: string): void {
  const length = [...sk].length;
  if (length > index.maxSkeletonLength + 1 || length < MIN_KEY_LENGTH - 1) return;
  const seen = new Set<BrandKey>();
  for (const d of deletions(sk)) {
    for (const key of index.byDeletion.get(d) ?? []) {
      if (seen.has(key)) continue;
      seen.add(key);
      if (hits.has(key.brand, 'tld-swap', 'confusable')) continue;
      const slip = oneSlip(label, key.key) ?? oneSlip(sk, key.skeleton);
      if (slip === null) continue;
      let confidence: Confidence;
      let why = '';
      if (isOrdinaryWord(label)) {
        confidence = 'low';
        why = `, but ${label} is an ordinary word: weak evidence`;
      } else if (key.length <= SHORT_BRAND) {
        confidence = 'low';
        why = `, but ${key.key} is short and many real names are one letter from it: weak evidence`;
      } else {
        confidence = slip.kind === 'substitution' || slip.kind === 'insertion' ? 'medium' : 'high';
      }
      hits.add(key.brand, 'typo', confidence, `${label} is ${key.key} with ${slip.detail}${why}; ${officialText(index, key.brand)}`);
    }
  }
}

function startsWithTld(label: string | undefined): boolean {
  return label !== undefined && TLD_TOKENS.has(label.split('-')[0]!);
}

/**
 * The brand in front of an unrelated domain, as a label of its own (`binance.com.secure-login.example`,
 * `binance.com-login.ru`) or with words (`bybit-login.evil.example`).
 */
function checkSubdomain(index: BrandIndex, hits: Hits, sub: string[], rest: string[], registrable: string): void {
  const all = [...sub, ...rest];
  sub.forEach((label, i) => {
    const sk = skeleton(label);
    const after = all.slice(i).join('.');
    for (const key of index.bySkeleton.get(sk) ?? []) {
      const domains = index.official.get(key.brand.id) ?? [];
      const shown = domains.find((d) => after.startsWith(`${domainToUnicode(d)}.`) || after.startsWith(`${domainToUnicode(d)}-`));
      let confidence: Confidence;
      let what: string;
      if (shown !== undefined || startsWithTld(all[i + 1])) {
        confidence = 'high';
        what = `${label}.${all[i + 1]!.split('-')[0]} is written in front of ${registrable}, which is not ${key.brand.name}'s`;
      } else {
        confidence = key.length > SHORT_BRAND ? 'medium' : 'low';
        what = `${label} is a subdomain of ${registrable}, which is not ${key.brand.name}'s`;
      }
      hits.add(key.brand, 'brand-in-subdomain', confidence, `${what}; ${officialText(index, key.brand)}`);
    }
    const tokens = sk.split('-').filter((t) => t !== '');
    if (tokens.length < 2) return;
    tokens.forEach((token, j) => {
      for (const key of index.bySkeleton.get(token) ?? []) {
        const words = tokens.filter((_, k) => k !== j);
        const confidence = keywordConfidence(key, words) ?? 'low';
        hits.add(key.brand, 'brand-in-subdomain', confidence, `${label} (the name ${key.key} with "${words.join('-')}") is a subdomain of ${registrable}, which is not ${key.brand.name}'s; ${officialText(index, key.brand)}`);
      }
    });
  });
}

/** `https://binance.com@evil.example`: what stands before the @ is shown first but is not where the link goes. */
function checkUserinfo(index: BrandIndex, hits: Hits, userinfo: string, host: string): void {
  const text = userinfo.toLowerCase();
  const labels = text.split(/[^\p{L}\p{N}-]+/u).filter((l) => l !== '');
  labels.forEach((label, i) => {
    for (const key of index.bySkeleton.get(skeleton(label)) ?? []) {
      const domainShaped = startsWithTld(labels[i + 1]);
      const confidence: Confidence = domainShaped || key.length > SHORT_BRAND ? 'high' : 'medium';
      hits.add(key.brand, 'brand-in-userinfo', confidence, `the link shows "${userinfo}@" before its real host ${host}, which is not ${key.brand.name}'s; ${officialText(index, key.brand)}`);
    }
  });
}

/**
 * The brands a host imitates, strongest first. A host under a licensed brand's official domain is never a look-alike;
 * under another brand's official domain, never one of that brand. Work per call is bounded by the host's length:
 * a few map look-ups per label and per deleted character, never a scan of the brands.
 */
export function detectLookalikes(
  index: BrandIndex,
  target: { host: string; displayHost: string; registrableDomain: string | null; userinfo: string | null },
): LookalikeHit[] {
  const host = target.host.toLowerCase();
  if (index.licensedOfficial.some((d) => under(host, d))) return [];
  const excluded = new Set<string>();
  for (const [id, domains] of index.official) if (domains.some((d) => under(host, d))) excluded.add(id);
  const hits = new Hits(excluded);

  if (target.registrableDomain !== null) {
    const labels = target.displayHost.toLowerCase().split('.');
    const count = target.registrableDomain.split('.').length;
    if (count <= labels.length) {
      const own = labels.slice(labels.length - count);
      const registrable = own.join('.');
      checkRegistrableLabel(index, hits, own[0]!, registrable);
      checkSubdomain(index, hits, labels.slice(0, labels.length - count), own, registrable);
    }
  }
  if (target.userinfo !== null && target.userinfo !== '') checkUserinfo(index, hits, target.userinfo, target.displayHost);
  return hits.sorted();
}
