import { Body, Controller, Headers, HttpCode, HttpStatus, Post, Req, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiProblems } from '../platform/http/api-problems.decorator.js';
import { Public } from '../platform/http/public.decorator.js';
import { reportSender } from './report-sender.js';
import { CreateReportDto, ReportAcceptedDto } from './reports.dto.js';
import { ReportsService } from './reports.service.js';

@ApiTags('reports')
@Public()
@Controller({ path: 'reports', version: '1' })
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  /**
   * Report a suspicious site, link or name. No personal data is asked for or kept. Reports are counted per
   * registrable domain (or folded name) for the operators. One address may send REPORTS_PER_HOUR reports an hour
   * (429 past it), told in the RateLimit fields as the policy `reports`; the same target again from the same address
   * within a day is answered but not counted again. Behind several replicas sharing a Redis, both count once for all.
   */
  @ApiOperation({ operationId: 'createReport', summary: 'Report a suspicious site or name' })
  @ApiHeader({ name: 'Accept-Language', required: false, description: 'kk, ru or en; `lang` takes precedence.' })
  @ApiAcceptedResponse({ type: ReportAcceptedDto })
  @ApiProblems(400, 413, 415, 429)
  @HttpCode(HttpStatus.ACCEPTED)
  @Post()
  createReport(
    @Body() body: CreateReportDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
    @Headers('accept-language') acceptLanguage: string | undefined,
  ): Promise<ReportAcceptedDto> {
    return this.reports.submit(body, reportSender(request, reply), acceptLanguage);
  }
}
