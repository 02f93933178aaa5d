// Precision and recall of detectLookalikes on a labelled set of hosts (test/fixtures/lookalike/cases.json).
import { domainToUnicode } from 'node:url';
import { getDomain } from 'tldts';
import { detectLookalikes, type BrandIndex, type Confidence, type LookalikeHit, type Technique } from './lookalike.js';

export interface LabelledTarget {
  host: string;
  displayHost: string;
  registrableDomain: string | null;
  userinfo: string | null;
}

export interface LabelledCase {
  /** What was typed (for the report). */
  input: string;
  target: LabelledTarget;
  /** The brand id and technique of the warning this case must get; null: it must get none (a low hit is allowed). */
  expected: { brand: string; technique: Technique } | null;
  /** For weak evidence: the low-confidence hit it must show instead of a warning. */
  expectedLow?: { brand: string; technique: Technique };
}

export interface Score {
  technique: Technique | 'all';
  expected: number;
  warned: number;
  correct: number;
  precision: number;
  recall: number;
}

export interface Outcome {
  case: LabelledCase;
  hits: LookalikeHit[];
  /** The strongest hit when it is a warning (medium or high), else null. */
  warning: LookalikeHit | null;
  ok: boolean;
}

const WARNING: ReadonlySet<Confidence> = new Set(['high', 'medium']);

function matches(hit: LookalikeHit | null | undefined, want: { brand: string; technique: Technique }): boolean {
  return hit != null && hit.brand.id === want.brand && hit.technique === want.technique;
}

/** Runs every case; a case is right when its strongest warning is exactly the expected one (or there is none). */
export function runCases(index: BrandIndex, cases: readonly LabelledCase[]): Outcome[] {
  return cases.map((c) => {
    const hits = detectLookalikes(index, c.target);
    const first = hits[0];
    const warning = first !== undefined && WARNING.has(first.confidence) ? first : null;
    let ok = c.expected === null ? warning === null : matches(warning, c.expected);
    if (ok && c.expectedLow !== undefined) ok = hits.some((h) => h.confidence === 'low' && matches(h, c.expectedLow!));
    return { case: c, hits, warning, ok };
  });
}

const TECHNIQUES: readonly Technique[] = ['confusable', 'typo', 'brand-keyword', 'brand-in-subdomain', 'brand-in-userinfo', 'tld-swap'];

/**
 * Precision: of the warnings given (by that technique), the share naming the expected brand and technique.
 * Recall: of the cases expecting a warning (by that technique), the share that got exactly it. A benign case that
 * gets a warning lowers precision; a look-alike that gets none, or another brand or technique, lowers recall.
 */
export function score(outcomes: readonly Outcome[]): Score[] {
  const rows = (technique: Technique | 'all'): Score => {
    const pick = (t: Technique | undefined) => technique === 'all' || t === technique;
    const expected = outcomes.filter((o) => o.case.expected !== null && pick(o.case.expected.technique)).length;
    const warned = outcomes.filter((o) => o.warning !== null && pick(o.warning.technique)).length;
    const correct = outcomes.filter(
      (o) => o.case.expected !== null && pick(o.case.expected.technique) && matches(o.warning, o.case.expected),
    ).length;
    return {
      technique,
      expected,
      warned,
      correct,
      precision: warned === 0 ? 1 : correct / warned,
      recall: expected === 0 ? 1 : correct / expected,
    };
  };
  return [rows('all'), ...TECHNIQUES.map(rows)];
}

/** The table `npm run lookalike:report` prints. */
export function formatScores(scores: readonly Score[], cases: number, benign: number): string {
  const lines = [
    `${cases} cases: ${cases - benign} look-alikes, ${benign} benign`,
    'technique            expected  warned  correct  precision  recall',
  ];
  for (const s of scores) {
    lines.push(
      `${s.technique.padEnd(20)} ${String(s.expected).padStart(8)} ${String(s.warned).padStart(7)} ${String(s.correct).padStart(8)}` +
        `  ${s.precision.toFixed(3).padStart(9)}  ${s.recall.toFixed(3).padStart(6)}`,
    );
  }
  return lines.join('\n');
}

/**
 * The target a labelled input stands for, read as a browser reads a link (WHATWG URL; `http://` assumed when there
 * is no scheme): the A-label, its Unicode form, the registrable domain (Public Suffix List, private suffixes on) and
 * the userinfo. The check itself gets these from canonicaliseTarget; the set must not depend on it.
 */
export function labelledTarget(input: string): LabelledTarget {
  const url = new URL(/^https?:\/\//i.test(input) ? input : `http://${input}`);
  const host = url.hostname.replace(/\.$/, '');
  const isIp = /^[0-9.]+$/.test(host) || host.startsWith('[');
  const user = decodeURIComponent(url.username);
  const password = decodeURIComponent(url.password);
  return {
    host,
    displayHost: isIp ? host : domainToUnicode(host),
    registrableDomain: isIp ? null : getDomain(host, { allowPrivateDomains: true }),
    userinfo: user === '' && password === '' ? null : (password === '' ? user : `${user}:${password}`).toLowerCase(),
  };
}
