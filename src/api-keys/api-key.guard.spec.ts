import { describe, expect, it } from '@jest/globals';
import type { ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { RequireScopes } from '../auth/auth.decorators.js';
import type { Scope } from '../auth/scopes.js';
import { Public } from '../platform/http/public.decorator.js';
import { ApiKeyGuard } from './api-key.guard.js';
import { ForbiddenError, UnauthorizedError } from './api-keys.errors.js';
import type { ApiKeysService } from './api-keys.service.js';

class Routes {
  @Public()
  open(): void {}

  @RequireScopes('audit:read')
  audited(): void {}

  /** Neither decorator: what a route gets when someone forgets one. */
  forgotten(): void {}
}

function contextFor(handler: keyof Routes, authorization?: string): ExecutionContext {
  const request = {
    headers: authorization ? { authorization } : {},
    raw: { rawHeaders: authorization ? ['Authorization', authorization] : [] },
    query: {},
    id: 'req-1',
  };
  return {
    getHandler: () => Routes.prototype[handler],
    getClass: () => Routes,
    switchToHttp: () => ({ getRequest: () => request }),
  } as unknown as ExecutionContext;
}

function guard(): { guard: ApiKeyGuard; asked: Scope[][] } {
  const asked: Scope[][] = [];
  const keys = {
    authenticate: async (_key: string, scopes: Scope[]) => {
      asked.push(scopes);
      return { id: 'k3dax2q7m4pa', scopes: ['audit:read'] as Scope[] };
    },
  } as unknown as ApiKeysService;
  return { guard: new ApiKeyGuard(new Reflector(), keys), asked };
}

describe('ApiKeyGuard (default deny)', () => {
  it('lets a @Public() route through without a key', async () => {
    const { guard: g, asked } = guard();
    await expect(g.canActivate(contextFor('open'))).resolves.toBe(true);
    expect(asked).toEqual([]);
  });

  it('checks the scopes a route names', async () => {
    const { guard: g, asked } = guard();
    await expect(g.canActivate(contextFor('audited', 'Bearer kzr_x'))).resolves.toBe(true);
    expect(asked).toEqual([['audit:read']]);
    await expect(g.canActivate(contextFor('audited'))).rejects.toBeInstanceOf(UnauthorizedError);
  });

  it('refuses a route that names no scopes to every key: a forgotten decorator closes the route', async () => {
    const { guard: g } = guard();
    await expect(g.canActivate(contextFor('forgotten'))).rejects.toBeInstanceOf(UnauthorizedError);
    await expect(g.canActivate(contextFor('forgotten', 'Bearer kzr_x'))).rejects.toBeInstanceOf(ForbiddenError);
  });
});
