import type { Actor } from '../api-keys/actor.js';

/** Who the audit trail names for every write made from the CLI (an operator at the server, not an API key). */
export const CLI_ACTOR: Actor = { keyId: 'cli', requestId: null };
