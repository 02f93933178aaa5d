// Blocking a licensed firm's site is the worst mistake this registry can make: find entries that would.

export interface LicensedDomainHit {
  domain: string;
  firm: string;
}

/**
 * A test of entries against official domains (`officialDomains` maps each to its firm's name): the official domain an
 * entry would block, if any. An entry blocks an official domain when it names that domain or a name below it, or
 * (subtree) a name above it. Built once per set of domains, so a million entries cost a few lookups each.
 */
export function licensedDomainMatcher(
  officialDomains: ReadonlyMap<string, string>,
): (kind: string, value: string, match: string) => LicensedDomainHit | null {
  // Every name strictly above an official domain, with the first official domain (in the map's order) below it.
  const above = new Map<string, LicensedDomainHit>();
  for (const [domain, firm] of officialDomains) {
    for (let dot = domain.indexOf('.'); dot !== -1; dot = domain.indexOf('.', dot + 1)) {
      const parent = domain.slice(dot + 1);
      if (!above.has(parent)) above.set(parent, { domain, firm });
    }
  }
  return (kind, value, match) => {
    if (kind !== 'domain' && kind !== 'url') return null;
    const host = kind === 'url' ? new URL(value).hostname : value;
    for (let name = host; ; ) {
      const firm = officialDomains.get(name);
      if (firm) return { domain: name, firm };
      const dot = name.indexOf('.');
      if (dot === -1) break;
      name = name.slice(dot + 1);
    }
    return kind === 'domain' && match === 'subtree' ? (above.get(host) ?? null) : null;
  };
}
