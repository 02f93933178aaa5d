// STAND-IN, replaced by helper C's src/lookalike/ on merge: the same exported names and types as the contract in
// issue11-spec.md (Brand, BrandIndex, LookalikeHit, buildBrandIndex, detectLookalikes, displayNeedsALabel), finding
// nothing. On merge delete this file and import these from '../lookalike/...' in check-index.ts and lookalike-findings.ts.

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

export interface LookalikeHit {
  brand: Brand;
  technique: Technique;
  confidence: 'high' | 'medium' | 'low';
  evidence: string;
}

export interface BrandIndex {
  brands: Brand[];
}

export function buildBrandIndex(brands: Brand[]): BrandIndex {
  return { brands };
}

export function detectLookalikes(
  _index: BrandIndex,
  _target: { host: string; displayHost: string; registrableDomain: string | null; userinfo: string | null },
): LookalikeHit[] {
  return [];
}

export function displayNeedsALabel(_host: string, _displayHost: string): boolean {
  return false;
}
