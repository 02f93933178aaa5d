// Limits of the HTTP layer that its error messages quote.

/** Longest path parameter the router matches (Fastify's default); longer is a 414 problem. */
export const MAX_PARAM_LENGTH = 100;

/** Deepest JSON body accepted: no request of the API nests beyond a handful of levels; deeper is a 400 problem. */
export const MAX_JSON_DEPTH = 32;
