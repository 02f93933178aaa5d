// What a report is counted under: a site by its registrable domain (so `login.binance-kz.com` and
// `binance-kz.com/x` count together), an IP address as it is, a name by its folded form (`Байбит`, `BAIBIT`).
import { domainToUnicode } from 'node:url';
import { CanonicaliseError, canonicaliseTarget } from '../domain-names/canonicalise.js';
import { foldName } from '../text/name-fold.js';
import type { ReportTargetKind } from './report.entity.js';

export interface ReportTarget {
  kind: ReportTargetKind;
  /** The key reports are counted under. */
  target: string;
  /** How people read it. */
  display: string;
}

// `https://...`, `javascript:...`: a scheme, never a name (a host and port, `name:8080`, is not a scheme).
const SCHEME = /^[a-z][a-z0-9+.-]*:(?!\d*(?:[/?#]|$))/i;
const NUMERIC_HOST = /^(?:0x[0-9a-f]+|[0-9]+)$/i;

/**
 * Whether `q` reads as a name rather than a host: inner whitespace without a scheme, or no dot at all (other than an
 * IP written as one number). LEAD (issue 11 merge): replace this by `classifyQuery(q).kind === 'name'` from
 * src/domain-names/query-kind.ts (helper B), so a report reads a query exactly as the check does.
 */
function readsAsName(q: string): boolean {
  if (SCHEME.test(q)) return false;
  if (/\s/.test(q)) return true;
  return !/[.\u3002\uff0e\uff61]/.test(q) && !NUMERIC_HOST.test(q);
}

/** Throws CanonicaliseError (as the check does) for input that is neither a visitable host nor a name. */
export function reportTarget(q: string): ReportTarget {
  const text = q.trim().normalize('NFC');
  if (readsAsName(text)) {
    const folded = foldName(text);
    if (folded === '') throw new CanonicaliseError('invalid-host', 'Not a valid domain name, URL or IP address');
    return { kind: 'name', target: folded, display: text };
  }
  const canonical = canonicaliseTarget(text);
  if (canonical.kind !== 'domain') return { kind: canonical.kind, target: canonical.host, display: canonical.host };
  const domain = canonical.registrableDomain ?? canonical.host;
  return { kind: 'domain', target: domain, display: domainToUnicode(domain) || domain };
}
