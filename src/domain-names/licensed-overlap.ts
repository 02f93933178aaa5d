// Blocking a licensed firm's site is the worst mistake this registry can make: find entries that would.

/**
 * The official domain an entry would block, if any: the entry names the domain or a name below it, or (subtree) a
 * name above it. `officialDomains` maps each official domain to its firm's name.
 */
export function licensedDomainHit(
  kind: string,
  value: string,
  match: string,
  officialDomains: Map<string, string>,
): { domain: string; firm: string } | null {
  if (kind !== 'domain' && kind !== 'url') return null;
  const host = kind === 'url' ? new URL(value).hostname : value;
  const labels = host.split('.');
  for (let i = 0; i < labels.length; i++) {
    const firm = officialDomains.get(labels.slice(i).join('.'));
    if (firm) return { domain: labels.slice(i).join('.'), firm };
  }
  if (kind === 'domain' && match === 'subtree') {
    for (const [domain, firm] of officialDomains) if (domain.endsWith(`.${host}`)) return { domain, firm };
  }
  return null;
}
