// The one gate of the API, registered for every route (APP_GUARD): a route is public only when it says so with
// @Public(); any other needs a valid key with the scopes it names, and one that names none is refused to every key,
// so a forgotten decorator closes a route rather than opening it.
import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { AuthenticatedRequest } from '../auth/actor.js';
import { OPTIONAL_SCOPES_KEY, SCOPES_KEY } from '../auth/auth.decorators.js';
import type { Scope } from '../auth/scopes.js';
import { PUBLIC_KEY } from '../platform/http/public.decorator.js';
import { DuplicateAuthorizationError, ForbiddenError, KeyInQueryError, UnauthorizedError } from './api-keys.errors.js';
import { ApiKeysService } from './api-keys.service.js';

const QUERY_KEY_NAMES = new Set(['api_key', 'apikey', 'api-key', 'key', 'token', 'access_token']);

/**
 * Node keeps only the first of two Authorization headers: two credentials are ambiguous (a proxy added one, or a
 * client sent both), so the raw headers are counted rather than the first one trusted.
 */
export function authorizationHeaderCount(rawHeaders: readonly string[]): number {
  let count = 0;
  for (let i = 0; i < rawHeaders.length; i += 2) if (rawHeaders[i]!.toLowerCase() === 'authorization') count++;
  return count;
}

/** A key in a URL ends up in proxy and browser logs: refuse it rather than quietly ignore it. */
export function hasKeyInQuery(query: unknown): boolean {
  if (!query || typeof query !== 'object') return false;
  return Object.entries(query).some(
    ([name, value]) =>
      QUERY_KEY_NAMES.has(name.toLowerCase()) || name.includes('kzr_') || String(value).includes('kzr_'),
  );
}

@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly keys: ApiKeysService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) {
      const optional = this.reflector.getAllAndOverride<Scope[] | undefined>(OPTIONAL_SCOPES_KEY, targets);
      const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
      if (optional && request.headers.authorization !== undefined) await this.authenticate(request, optional);
      return true;
    }
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const scopes = this.reflector.getAllAndOverride<Scope[] | undefined>(SCOPES_KEY, targets);
    await this.authenticate(request, scopes ?? []);
    if (!scopes || scopes.length === 0) throw new ForbiddenError();
    return true;
  }

  private async authenticate(request: AuthenticatedRequest, scopes: Scope[]): Promise<void> {
    if (hasKeyInQuery(request.query)) throw new KeyInQueryError();
    if (authorizationHeaderCount(request.raw.rawHeaders) > 1) throw new DuplicateAuthorizationError();
    const match = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '');
    if (!match?.[1]) throw new UnauthorizedError();
    request.apiKey = await this.keys.authenticate(match[1], scopes);
  }
}
