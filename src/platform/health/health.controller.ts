import { Controller, Get, VERSION_NEUTRAL } from '@nestjs/common';
import { ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService } from '@nestjs/terminus';
import { Public } from '../http/public.decorator.js';
import { DatabaseHealthIndicator } from './database.health.js';

@ApiTags('health')
@Public()
@Controller({ path: 'health', version: VERSION_NEUTRAL })
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: DatabaseHealthIndicator,
  ) {}

  /** The process is up and serving HTTP (for a liveness probe: restart when this fails). It never asks the database. */
  @ApiOperation({ operationId: 'healthLive', summary: 'Liveness' })
  @Get('live')
  @HealthCheck()
  live() {
    return this.health.check([]);
  }

  /**
   * The database answers within a second (for a readiness probe: route no traffic while this fails). A read-only
   * database is `degraded` (200): reads are served, changes answer 503.
   */
  @ApiOperation({ operationId: 'healthReady', summary: 'Readiness' })
  @ApiServiceUnavailableResponse({
    description: 'The database did not answer: a problem+json body says why (`detail`, and `checks.database.reason`), with `Retry-After`.',
  })
  @Get('ready')
  @HealthCheck()
  ready() {
    return this.health.check([() => this.database.check()]);
  }
}
