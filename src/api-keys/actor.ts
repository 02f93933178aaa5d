// Who is acting: the authenticated key (set by ApiKeyGuard) and the request, for the audit trail.
import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { Scope } from './api-key.entity.js';

export interface Actor {
  /** An API key id, or `cli` / `system`. */
  keyId: string;
  requestId: string | null;
}

export interface AuthenticatedRequest extends FastifyRequest {
  apiKey?: { id: string; scopes: Scope[] };
}

export const CurrentActor = createParamDecorator((_data: unknown, context: ExecutionContext): Actor => {
  const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
  if (!request.apiKey) throw new Error('CurrentActor used on a route without ApiKeyGuard');
  return { keyId: request.apiKey.id, requestId: request.id };
});
