import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '../platform/http/api-problems.decorator.js';
import { WithEtag } from '../platform/http/etag.js';
import { IdParamDto } from '../platform/http/pagination.dto.js';
import { FirmDto, FirmPageDto, ListFirmsQueryDto } from './firms.dto.js';
import { FirmsService } from './firms.service.js';
import { Public } from '../platform/http/public.decorator.js';

@ApiTags('firms')
@Public()
@Controller({ path: 'firms', version: '1' })
export class FirmsController {
  constructor(private readonly firms: FirmsService) {}

  /**
   * Authorised firms in a stable order: search by name in any language or script, filter by current standing
   * (`licensingStatus`), or look one up exactly by BIN, LEI, licence number or official domain (a subdomain finds the
   * firm whose domain covers it). A malformed identifier or domain is a 400 naming the field. `licenceStatus` is no
   * longer accepted (400): use `licensingStatus`.
   */
  @ApiOperation({ operationId: 'listFirms', summary: 'List and search authorised firms' })
  @ApiOkResponse({ type: FirmPageDto })
  @ApiProblems(400)
  @Get()
  listFirms(@Query() query: ListFirmsQueryDto): Promise<FirmPageDto> {
    return this.firms.list(query);
  }

  /** One firm with its official domains and its whole licence history. */
  @ApiOperation({ operationId: 'getFirm', summary: 'Get a firm' })
  @ApiOkResponse({ type: FirmDto, headers: { ETag: { description: 'Send it back in If-Match to change the firm.', schema: { type: 'string' } } } })
  @ApiProblems(400, 404)
  @WithEtag()
  @Get(':id')
  getFirm(@Param() params: IdParamDto): Promise<FirmDto> {
    return this.firms.get(params.id);
  }
}
