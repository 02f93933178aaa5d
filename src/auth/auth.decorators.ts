// Default deny: every route needs an API key with scopes unless it is marked @Public() (platform/http). The guard that
// enforces it is api-keys/api-key.guard.ts, registered for the whole app; these decorators only mark routes.
import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth, ApiExtension } from '@nestjs/swagger';
import type { Scope } from './scopes.js';

export const SCOPES_KEY = 'kz:scopes';
export const API_KEY_SCHEME = 'apiKey';
/** OpenAPI extension naming the scopes an operation needs (bearer schemes cannot carry scopes in OpenAPI 3.0). */
export const SCOPES_EXTENSION = 'x-required-scopes';
/** OpenAPI extension of a public operation that also takes a key (OptionalScopes): the scopes such a key needs. */
export const OPTIONAL_SCOPES_EXTENSION = 'x-optional-scopes';

/** An operator route: a valid API key with every listed scope, in `Authorization: Bearer <key>`. */
export function RequireScopes(...scopes: [Scope, ...Scope[]]): MethodDecorator & ClassDecorator {
  return applyDecorators(SetMetadata(SCOPES_KEY, scopes), ApiBearerAuth(API_KEY_SCHEME), ApiExtension(SCOPES_EXTENSION, scopes));
}

export const OPTIONAL_SCOPES_KEY = 'kz:optional-scopes';

/**
 * A public route that also takes a key: anonymous callers are served, and a caller who sends
 * `Authorization: Bearer <key>` must send a valid key with these scopes (a bad key is refused, never ignored), and is
 * then known to the route (a bank's verification is filed under its key). Use with @Public().
 */
export function OptionalScopes(...scopes: [Scope, ...Scope[]]): MethodDecorator & ClassDecorator {
  return applyDecorators(SetMetadata(OPTIONAL_SCOPES_KEY, scopes), ApiBearerAuth(API_KEY_SCHEME), ApiExtension(OPTIONAL_SCOPES_EXTENSION, scopes));
}
