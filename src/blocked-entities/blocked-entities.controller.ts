import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '../platform/http/api-problems.decorator.js';
import { WithEtag } from '../platform/http/etag.js';
import { IdParamDto } from '../platform/http/pagination.dto.js';
import { BlockedEntityDto, BlockedEntityPageDto, ListBlockedEntitiesQueryDto } from './blocked-entities.dto.js';
import { BlockedEntitiesService } from './blocked-entities.service.js';
import { Public } from '../platform/http/public.decorator.js';

@ApiTags('blocked-entities')
@Public()
@Controller({ path: 'blocked-entities', version: '1' })
export class BlockedEntitiesController {
  constructor(private readonly entities: BlockedEntitiesService) {}

  /** Entities blocked by a state authority, newest block first; lifted blocks stay listed as history. */
  @ApiOperation({ operationId: 'listBlockedEntities', summary: 'List blocked entities' })
  @ApiOkResponse({ type: BlockedEntityPageDto })
  @ApiProblems(400)
  @Get()
  listBlockedEntities(@Query() query: ListBlockedEntitiesQueryDto): Promise<BlockedEntityPageDto> {
    return this.entities.list(query);
  }

  /** One blocked entity: who blocked it, on what legal basis, when, and whether the block was lifted. */
  @ApiOperation({ operationId: 'getBlockedEntity', summary: 'Get a blocked entity' })
  @ApiOkResponse({ type: BlockedEntityDto, headers: { ETag: { description: 'Send it back in If-Match to amend or lift.', schema: { type: 'string' } } } })
  @ApiProblems(400, 404)
  @WithEtag()
  @Get(':id')
  getBlockedEntity(@Param() params: IdParamDto): Promise<BlockedEntityDto> {
    return this.entities.get(params.id);
  }
}
