import { Body, Controller, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiExtraModels, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type Actor, CurrentActor } from '../auth/actor.js';
import { RequireScopes } from '../auth/auth.decorators.js';
import { LocalisedTextInputDto } from '../text/localised-text.dto.js';
import { Idempotent } from '../idempotency/idempotent.decorator.js';
import { ApiProblems } from '../platform/http/api-problems.decorator.js';
import { IfMatchVersion, WithEtag } from '../platform/http/etag.js';
import { IdParamDto } from '../platform/http/pagination.dto.js';
import { AmendBlockedEntityDto, CreateBlockedEntityDto, LiftBlockDto } from './blocked-entities.admin.dto.js';
import { BlockedEntityDto } from './blocked-entities.dto.js';
import { BlockedEntitiesAdminService } from './blocked-entities-admin.service.js';

const IF_MATCH = { name: 'If-Match', required: true, description: 'The ETag from GET /v1/blocked-entities/{id}, e.g. "v1".' };

@ApiTags('admin: blocked entities')
@ApiExtraModels(LocalisedTextInputDto)
@RequireScopes('blocks:write')
@Controller({ path: 'admin/blocked-entities', version: '1' })
export class BlockedEntitiesAdminController {
  constructor(private readonly entities: BlockedEntitiesAdminService) {}

  /** Records a block decision. Add its blocklist entries with POST /v1/admin/blocklist/entries. */
  @ApiOperation({ operationId: 'createBlockedEntity', summary: 'Record a block' })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Retry safely: the first result is replayed.' })
  @ApiCreatedResponse({ type: BlockedEntityDto })
  @ApiProblems(400, 401, 403, 409, 422)
  @Idempotent()
  @WithEtag()
  @Post()
  createBlockedEntity(@Body() body: CreateBlockedEntityDto, @CurrentActor() actor: Actor): Promise<BlockedEntityDto> {
    return this.entities.create(body, actor);
  }

  /** Corrects a block's record (authority, legal basis, decision, names, domains, source). */
  @ApiOperation({ operationId: 'amendBlockedEntity', summary: 'Amend a block' })
  @ApiHeader(IF_MATCH)
  @ApiOkResponse({ type: BlockedEntityDto })
  @ApiProblems(400, 401, 403, 404, 412, 428)
  @WithEtag()
  @Patch(':id')
  amendBlockedEntity(@Param() params: IdParamDto, @IfMatchVersion() version: number, @Body() body: AmendBlockedEntityDto, @CurrentActor() actor: Actor) {
    return this.entities.amend(params.id, version, body, actor);
  }

  /** Lifts a block: the record stays as history, and its blocklist entries are removed under one new serial. */
  @ApiOperation({ operationId: 'liftBlock', summary: 'Lift a block' })
  @ApiHeader(IF_MATCH)
  @ApiOkResponse({ type: BlockedEntityDto })
  @ApiProblems(400, 401, 403, 404, 409, 412, 428)
  @WithEtag()
  @HttpCode(200)
  @Post(':id/lift')
  liftBlock(@Param() params: IdParamDto, @IfMatchVersion() version: number, @Body() body: LiftBlockDto, @CurrentActor() actor: Actor) {
    return this.entities.lift(params.id, version, body, actor);
  }
}
