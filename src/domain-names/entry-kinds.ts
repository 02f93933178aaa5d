// What a blocklist entry can name, and how far down the name tree it reaches.
export const ENTRY_KINDS = ['domain', 'url', 'ipv4', 'ipv6', 'cidr'] as const;
export type EntryKind = (typeof ENTRY_KINDS)[number];
export const MATCH_MODES = ['exact', 'subtree'] as const;
/** exact: only this name; subtree: this name and every name below it. */
export type MatchMode = (typeof MATCH_MODES)[number];
