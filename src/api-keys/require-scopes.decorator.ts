// Marks an operator route: a valid API key with every listed scope, in `Authorization: Bearer <key>`.
import { applyDecorators, SetMetadata, UseGuards } from '@nestjs/common';
import { ApiBearerAuth } from '@nestjs/swagger';
import type { Scope } from './api-key.entity.js';
import { ApiKeyGuard, SCOPES_KEY } from './api-key.guard.js';

export const API_KEY_SCHEME = 'apiKey';

export function RequireScopes(...scopes: Scope[]): MethodDecorator & ClassDecorator {
  return applyDecorators(SetMetadata(SCOPES_KEY, scopes), UseGuards(ApiKeyGuard), ApiBearerAuth(API_KEY_SCHEME));
}
