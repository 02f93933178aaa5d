import { Body, Controller, Param, Patch, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiExtraModels, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type Actor, CurrentActor } from '../auth/actor.js';
import { RequireScopes } from '../auth/auth.decorators.js';
import { Idempotent } from '../idempotency/idempotent.decorator.js';
import { ApiProblems } from '../platform/http/api-problems.decorator.js';
import { IfMatchVersion, WithEtag } from '../platform/http/etag.js';
import { IdParamDto } from '../platform/http/pagination.dto.js';
import { LocalisedTextInputDto } from '../text/localised-text.dto.js';
import { AmendWarningDto, CreateWarningDto } from './warnings.admin.dto.js';
import { WarningDto } from './warnings.dto.js';
import { WarningsAdminService } from './warnings-admin.service.js';

const IF_MATCH = { name: 'If-Match', required: true, description: 'The ETag from GET /v1/warnings/{id}, e.g. "v1".' };

@ApiTags('admin: warnings')
@ApiExtraModels(LocalisedTextInputDto)
@RequireScopes('warnings:write')
@Controller({ path: 'admin/warnings', version: '1' })
export class WarningsAdminController {
  constructor(private readonly warnings: WarningsAdminService) {}

  /** Records a regulator's public warning that named brands are not licensed; the check answers `warned` for them at once. */
  @ApiOperation({ operationId: 'createWarning', summary: 'Record a warning' })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Retry safely: the first result is replayed.' })
  @ApiCreatedResponse({ type: WarningDto })
  @ApiProblems(400, 401, 403, 409, 422)
  @Idempotent()
  @WithEtag()
  @Post()
  createWarning(@Body() body: CreateWarningDto, @CurrentActor() actor: Actor): Promise<WarningDto> {
    return this.warnings.create(body, actor);
  }

  /** Corrects a warning (brands, aliases, domains, date, texts, source) or withdraws it (`withdrawnOn` and `withdrawalReason`). */
  @ApiOperation({ operationId: 'amendWarning', summary: 'Amend or withdraw a warning' })
  @ApiHeader(IF_MATCH)
  @ApiOkResponse({ type: WarningDto })
  @ApiProblems(400, 401, 403, 404, 412, 422, 428)
  @WithEtag()
  @Patch(':id')
  amendWarning(@Param() params: IdParamDto, @IfMatchVersion() version: number, @Body() body: AmendWarningDto, @CurrentActor() actor: Actor) {
    return this.warnings.amend(params.id, version, body, actor);
  }
}
