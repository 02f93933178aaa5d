// Default deny: every route needs an API key with scopes (auth/RequireScopes) unless it is marked @Public().
import { SetMetadata } from '@nestjs/common';

export const PUBLIC_KEY = 'kz:public';

/** Anyone may call it, with no key: the only way a route escapes the API-key guard (OpenAPI: `security: []`). */
export function Public(): MethodDecorator & ClassDecorator {
  return SetMetadata(PUBLIC_KEY, true);
}
