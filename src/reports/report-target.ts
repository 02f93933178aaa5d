// What a report is counted under: a site by its registrable domain (so `login.binance-kz.com` and
// `binance-kz.com/x` count together), an IP address as it is, a name by its folded form (`Байбит`, `BAIBIT`).
import { domainToUnicode } from 'node:url';
import { CanonicaliseError, canonicaliseTarget } from '../domain-names/canonicalise.js';
import { classifyQuery } from '../domain-names/query-kind.js';
import { foldName } from '../text/name-fold.js';
import type { ReportTargetKind } from './report.entity.js';

export interface ReportTarget {
  kind: ReportTargetKind;
  /** The key reports are counted under. */
  target: string;
  /** How people read it. */
  display: string;
}

/** Throws CanonicaliseError (as the check does) for input that is neither a visitable host nor a name. */
export function reportTarget(q: string): ReportTarget {
  const text = q.trim().normalize('NFC');
  // Read exactly as the check reads it (classifyQuery's rule).
  if (classifyQuery(text).kind === 'name') {
    const folded = foldName(text);
    if (folded === '') throw new CanonicaliseError('invalid-host', 'Not a valid domain name, URL or IP address');
    return { kind: 'name', target: folded, display: text };
  }
  const canonical = canonicaliseTarget(text);
  if (canonical.kind !== 'domain') return { kind: canonical.kind, target: canonical.host, display: canonical.host };
  const domain = canonical.registrableDomain ?? canonical.host;
  return { kind: 'domain', target: domain, display: domainToUnicode(domain) || domain };
}
