// Every scope an API key can hold: adding one is a line here and a migration that widens ck_api_keys_scopes.
export const SCOPES = ['firms:write', 'blocks:write', 'blocklist:write', 'audit:read', 'keys:admin', 'warnings:write', 'reports:read', 'verifications:use'] as const;
export type Scope = (typeof SCOPES)[number];
