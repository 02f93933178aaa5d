// Prometheus metrics (requests by route, the database pool, the process, and what features register), served on a
// port of their own: METRICS_PORT, bound to METRICS_HOST.
import { Global, Module } from '@nestjs/common';
import { DatabasePoolMetrics } from './database-pool.metrics.js';
import { MetricsService } from './metrics.service.js';

@Global()
@Module({ providers: [MetricsService, DatabasePoolMetrics], exports: [MetricsService] })
export class MetricsModule {}
