// Default deny: every route needs an API key with scopes unless it is marked @Public() (platform/http). The guard that
// enforces it is api-keys/api-key.guard.ts, registered for the whole app; these decorators only mark routes.
import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth, ApiExtension } from '@nestjs/swagger';
import type { Scope } from './scopes.js';

export const SCOPES_KEY = 'kz:scopes';
export const API_KEY_SCHEME = 'apiKey';
/** OpenAPI extension naming the scopes an operation needs (bearer schemes cannot carry scopes in OpenAPI 3.0). */
export const SCOPES_EXTENSION = 'x-required-scopes';

/** An operator route: a valid API key with every listed scope, in `Authorization: Bearer <key>`. */
export function RequireScopes(...scopes: [Scope, ...Scope[]]): MethodDecorator & ClassDecorator {
  return applyDecorators(SetMetadata(SCOPES_KEY, scopes), ApiBearerAuth(API_KEY_SCHEME), ApiExtension(SCOPES_EXTENSION, scopes));
}
