// Who is acting: the authenticated key (set by the API-key guard) and the request, for the audit trail.
import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { Scope } from './scopes.js';

export interface Actor {
  /** An API key id, or `cli` / `system`. */
  keyId: string;
  requestId: string | null;
}

/** Every write made from the CLI (an operator at the server, not an API key). */
export const CLI_ACTOR: Actor = { keyId: 'cli', requestId: null };
/** Writes the registry makes itself (the demo data on a fresh database). */
export const SYSTEM_ACTOR: Actor = { keyId: 'system', requestId: null };

export interface AuthenticatedRequest extends FastifyRequest {
  apiKey?: { id: string; scopes: Scope[] };
}

export const CurrentActor = createParamDecorator((_data: unknown, context: ExecutionContext): Actor => {
  const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
  if (!request.apiKey) throw new Error('CurrentActor used on a public route');
  return { keyId: request.apiKey.id, requestId: request.id };
});

/** The key of the caller on a route with @OptionalScopes: its id, or null for an anonymous caller. */
export const OptionalKeyId = createParamDecorator((_data: unknown, context: ExecutionContext): string | null => {
  return context.switchToHttp().getRequest<AuthenticatedRequest>().apiKey?.id ?? null;
});
