import { Controller, Get, VERSION_NEUTRAL } from '@nestjs/common';
import { ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { Public } from '../http/public.decorator.js';

@ApiTags('health')
@Public()
@Controller({ path: 'health', version: VERSION_NEUTRAL })
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly db: TypeOrmHealthIndicator,
  ) {}

  /** The process is up and serving HTTP (for a liveness probe: restart when this fails). */
  @ApiOperation({ operationId: 'healthLive', summary: 'Liveness' })
  @Get('live')
  @HealthCheck()
  live() {
    return this.health.check([]);
  }

  /** The database answers within a second (for a readiness probe: route no traffic while this fails). */
  @ApiOperation({ operationId: 'healthReady', summary: 'Readiness' })
  @ApiServiceUnavailableResponse({ description: 'The database did not answer: a problem+json body lists the failed checks.' })
  @Get('ready')
  @HealthCheck()
  ready() {
    return this.health.check([() => this.db.pingCheck('database', { timeout: 1000 })]);
  }
}
