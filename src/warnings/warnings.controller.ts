import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '../platform/http/api-problems.decorator.js';
import { WithEtag } from '../platform/http/etag.js';
import { IdParamDto } from '../platform/http/pagination.dto.js';
import { Public } from '../platform/http/public.decorator.js';
import { ListWarningsQueryDto, WarningDto, WarningPageDto } from './warnings.dto.js';
import { WARNING_EXAMPLES, WARNING_PAGE_EXAMPLES } from './warnings.examples.js';
import { WarningsService } from './warnings.service.js';

@ApiTags('warnings')
@Public()
@Controller({ path: 'warnings', version: '1' })
export class WarningsController {
  constructor(private readonly warnings: WarningsService) {}

  /** Regulators' public warnings that named brands are not licensed, newest first (undated ones last); withdrawn ones stay as history. */
  @ApiOperation({ operationId: 'listWarnings', summary: 'List warnings about unlicensed brands' })
  @ApiOkResponse({ type: WarningPageDto, examples: WARNING_PAGE_EXAMPLES })
  @ApiProblems(400)
  @Get()
  listWarnings(@Query() query: ListWarningsQueryDto): Promise<WarningPageDto> {
    return this.warnings.list(query);
  }

  /** One warning: the brands it names, who issued it and when (null when no source gives the date), and its source. */
  @ApiOperation({ operationId: 'getWarning', summary: 'Get a warning' })
  @ApiOkResponse({
    type: WarningDto,
    examples: WARNING_EXAMPLES,
    headers: { ETag: { description: 'Send it back in If-Match to amend or withdraw.', schema: { type: 'string' } } },
  })
  @ApiProblems(400, 404)
  @WithEtag()
  @Get(':id')
  getWarning(@Param() params: IdParamDto): Promise<WarningDto> {
    return this.warnings.get(params.id);
  }
}
