import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiExtraModels, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type Actor, CurrentActor } from '../auth/actor.js';
import { RequireScopes } from '../auth/auth.decorators.js';
import { LocalisedTextInputDto } from '../text/localised-text.dto.js';
import { Idempotent } from '../idempotency/idempotent.decorator.js';
import { ApiProblems } from '../platform/http/api-problems.decorator.js';
import { AddEntriesDto, BlocklistChangeResultDto, RemoveEntriesDto } from './blocklist.admin.dto.js';
import { BlocklistAdminService } from './blocklist-admin.service.js';

@ApiTags('admin: blocklist')
@ApiExtraModels(LocalisedTextInputDto)
@RequireScopes('blocklist:write')
@Controller({ path: 'admin/blocklist', version: '1' })
export class BlocklistAdminController {
  constructor(private readonly blocklist: BlocklistAdminService) {}

  /**
   * Adds 1 to 20,000 entries under one new serial, all or none. Values are canonicalised; duplicates, entries already
   * in force and official domains of licensed firms are refused item by item.
   */
  @ApiOperation({ operationId: 'addBlocklistEntries', summary: 'Add blocklist entries (bulk)' })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Retry safely: the first result is replayed.' })
  @ApiCreatedResponse({ type: BlocklistChangeResultDto })
  @ApiProblems(400, 401, 403, 409, 413, 422)
  @Idempotent()
  @Post('entries')
  addBlocklistEntries(@Body() body: AddEntriesDto, @CurrentActor() actor: Actor): Promise<BlocklistChangeResultDto> {
    return this.blocklist.add(body, actor);
  }

  /** Removes entries in force under one new serial, all or none. */
  @ApiOperation({ operationId: 'removeBlocklistEntries', summary: 'Remove blocklist entries (bulk)' })
  @ApiOkResponse({ type: BlocklistChangeResultDto })
  @ApiProblems(400, 401, 403, 413, 422)
  @HttpCode(200)
  @Post('removals')
  removeBlocklistEntries(@Body() body: RemoveEntriesDto, @CurrentActor() actor: Actor): Promise<BlocklistChangeResultDto> {
    return this.blocklist.remove(body, actor);
  }
}
