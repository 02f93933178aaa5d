import { Body, Controller, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type Actor, CurrentActor } from '../auth/actor.js';
import { RequireScopes } from '../auth/auth.decorators.js';
import { Idempotent } from '../idempotency/idempotent.decorator.js';
import { ApiProblems } from '../platform/http/api-problems.decorator.js';
import { IfMatchVersion, WithEtag } from '../platform/http/etag.js';
import { IdParamDto } from '../platform/http/pagination.dto.js';
import { ChangeLicenceStatusDto, CreateFirmDto, CreateLicenceDto, LicenceParamsDto, UpdateFirmDto } from './firms.admin.dto.js';
import { FirmDto } from './firms.dto.js';
import { FirmsAdminService } from './firms-admin.service.js';

const IF_MATCH = { name: 'If-Match', required: true, description: 'The ETag from GET /v1/firms/{id}, e.g. "v3".' };

@ApiTags('admin: firms')
@RequireScopes('firms:write')
@Controller({ path: 'admin/firms', version: '1' })
export class FirmsAdminController {
  constructor(private readonly firms: FirmsAdminService) {}

  /** A new firm with its official domains and, optionally, its licences. */
  @ApiOperation({ operationId: 'createFirm', summary: 'Create a firm' })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Retry safely: the first result is replayed.' })
  @ApiCreatedResponse({ type: FirmDto })
  @ApiProblems(400, 401, 403, 409, 422)
  @Idempotent()
  @WithEtag()
  @Post()
  createFirm(@Body() body: CreateFirmDto, @CurrentActor() actor: Actor): Promise<FirmDto> {
    return this.firms.create(body, actor);
  }

  /** Changes a firm's own fields; `domains`, when given, replaces the whole set. */
  @ApiOperation({ operationId: 'updateFirm', summary: 'Update a firm' })
  @ApiHeader(IF_MATCH)
  @ApiOkResponse({ type: FirmDto })
  @ApiProblems(400, 401, 403, 404, 409, 412, 422, 428)
  @WithEtag()
  @Patch(':id')
  updateFirm(@Param() params: IdParamDto, @IfMatchVersion() version: number, @Body() body: UpdateFirmDto, @CurrentActor() actor: Actor) {
    return this.firms.update(params.id, version, body, actor);
  }

  /** Grants a new licence; earlier licences stay as history. */
  @ApiOperation({ operationId: 'grantLicence', summary: 'Grant a licence' })
  @ApiHeader(IF_MATCH)
  @ApiCreatedResponse({ type: FirmDto })
  @ApiProblems(400, 401, 403, 404, 409, 412, 422, 428)
  @WithEtag()
  @Post(':id/licences')
  grantLicence(@Param() params: IdParamDto, @IfMatchVersion() version: number, @Body() body: CreateLicenceDto, @CurrentActor() actor: Actor) {
    return this.firms.grantLicence(params.id, version, body, actor);
  }

  /** Suspends, reinstates or ends (revoked, expired) a licence. An ended licence stays ended. */
  @ApiOperation({ operationId: 'changeLicenceStatus', summary: 'Change a licence status' })
  @ApiHeader(IF_MATCH)
  @ApiOkResponse({ type: FirmDto })
  @ApiProblems(400, 401, 403, 404, 409, 412, 428)
  @WithEtag()
  @HttpCode(200)
  @Post(':id/licences/:licenceId/status')
  changeLicenceStatus(
    @Param() params: LicenceParamsDto,
    @IfMatchVersion() version: number,
    @Body() body: ChangeLicenceStatusDto,
    @CurrentActor() actor: Actor,
  ) {
    return this.firms.changeLicenceStatus(params.id, params.licenceId, version, body, actor);
  }
}
