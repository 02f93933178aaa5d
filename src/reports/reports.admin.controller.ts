import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequireScopes } from '../auth/auth.decorators.js';
import { ApiProblems } from '../platform/http/api-problems.decorator.js';
import { ListReportsQueryDto, ReportedTargetPageDto } from './reports.dto.js';
import { ReportsService } from './reports.service.js';

@ApiTags('admin: reports')
@Controller({ path: 'admin/reports', version: '1' })
export class ReportsAdminController {
  constructor(private readonly reports: ReportsService) {}

  /** What citizens reported, counted per registrable domain or folded name, most reported first, with first and last report. */
  @ApiOperation({ operationId: 'listReports', summary: 'List reported targets' })
  @ApiOkResponse({ type: ReportedTargetPageDto })
  @ApiProblems(400, 401, 403)
  @RequireScopes('reports:read')
  @Get()
  listReports(@Query() query: ListReportsQueryDto): Promise<ReportedTargetPageDto> {
    return this.reports.list(query);
  }
}
