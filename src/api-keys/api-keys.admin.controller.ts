import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '../platform/http/api-problems.decorator.js';
import { type Actor, CurrentActor } from '../auth/actor.js';
import { ApiKeyDto, CreateApiKeyDto, CreatedApiKeyDto } from './api-keys.dto.js';
import { ApiKeysService } from './api-keys.service.js';
import { KeyIdParamDto } from './key-id-param.dto.js';
import { RequireScopes } from '../auth/auth.decorators.js';

@ApiTags('admin: api keys')
@RequireScopes('keys:admin')
@Controller({ path: 'admin/api-keys', version: '1' })
export class ApiKeysAdminController {
  constructor(private readonly keys: ApiKeysService) {}

  /** Every key with its scopes, expiry, revocation and last use; never the secret. */
  @ApiOperation({ operationId: 'listApiKeys', summary: 'List API keys' })
  @ApiOkResponse({ type: [ApiKeyDto] })
  @ApiProblems(401, 403)
  @Get()
  listApiKeys(): Promise<ApiKeyDto[]> {
    return this.keys.list();
  }

  /** A new key; the response is the only place the key appears. */
  @ApiOperation({ operationId: 'createApiKey', summary: 'Create an API key' })
  @ApiCreatedResponse({ type: CreatedApiKeyDto })
  @ApiProblems(400, 401, 403)
  @Post()
  createApiKey(@Body() body: CreateApiKeyDto, @CurrentActor() actor: Actor): Promise<CreatedApiKeyDto> {
    return this.keys.create(body, actor);
  }

  /** Revokes a key at once. Revoking a revoked key changes nothing. */
  @ApiOperation({ operationId: 'revokeApiKey', summary: 'Revoke an API key' })
  @ApiOkResponse({ type: ApiKeyDto })
  @ApiProblems(400, 401, 403, 404)
  @HttpCode(200)
  @Post(':id/revoke')
  revokeApiKey(@Param() params: KeyIdParamDto, @CurrentActor() actor: Actor): Promise<ApiKeyDto> {
    return this.keys.revoke(params.id, actor);
  }
}
