import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { AuthenticatedRequest } from './actor.js';
import type { Scope } from './api-key.entity.js';
import { KeyInQueryError, UnauthorizedError } from './api-keys.errors.js';
import { ApiKeysService } from './api-keys.service.js';

export const SCOPES_KEY = 'kz:scopes';
const QUERY_KEY_NAMES = new Set(['api_key', 'apikey', 'api-key', 'key', 'token', 'access_token']);

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
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    if (hasKeyInQuery(request.query)) throw new KeyInQueryError();
    const scopes = this.reflector.getAllAndOverride<Scope[]>(SCOPES_KEY, [context.getHandler(), context.getClass()]) ?? [];
    const header = request.headers.authorization ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match?.[1]) throw new UnauthorizedError();
    request.apiKey = await this.keys.authenticate(match[1], scopes);
    return true;
  }
}
