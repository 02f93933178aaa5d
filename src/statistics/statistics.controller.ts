import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '../platform/http/api-problems.decorator.js';
import { Public } from '../platform/http/public.decorator.js';
import { StatisticsDto } from './statistics.dto.js';
import { StatisticsService } from './statistics.service.js';

@ApiTags('statistics')
@Public()
@Controller({ path: 'statistics', version: '1' })
export class StatisticsController {
  constructor(private readonly statistics: StatisticsService) {}

  /**
   * How many firms are licensed (by regulator, licences by month granted), how many entities and sites are blocked
   * (by authority, by month), how many warnings. Read from the database, kept up to 30 seconds and dropped at once
   * when the registry changes.
   */
  @ApiOperation({ operationId: 'getStatistics', summary: 'Registry statistics' })
  @ApiOkResponse({ type: StatisticsDto })
  @ApiProblems(400, 503)
  @Get()
  getStatistics(): Promise<StatisticsDto> {
    return this.statistics.get();
  }
}
