// The one place the check asks the look-alike engine about a host: which brands it imitates, and whether its Unicode
// form must be shown beside its A-label.
import type { CanonicalTarget } from '../domain-names/canonicalise.js';
import { type BrandIndex, detectLookalikes, type LookalikeHit } from '../lookalike/lookalike.js';
import { displayNeedsALabel } from '../lookalike/skeleton.js';

export interface LookalikeFindings {
  /** Strongest first. */
  lookalikes: LookalikeHit[];
  /** The A-label to show beside the Unicode form, when that form mixes scripts or is confusable; else null. */
  displayHostALabel: string | null;
}

export function lookalikeFindings(brands: BrandIndex, target: CanonicalTarget): LookalikeFindings {
  if (target.kind !== 'domain') return { lookalikes: [], displayHostALabel: null };
  return {
    lookalikes: detectLookalikes(brands, { host: target.host, displayHost: target.displayHost, registrableDomain: target.registrableDomain, userinfo: target.userinfo }),
    displayHostALabel: displayNeedsALabel(target.host, target.displayHost) ? target.host : null,
  };
}
