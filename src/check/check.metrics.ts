// The check index in the metrics: the serial it answers from, and how long it has gone unconfirmed.
import { Injectable } from '@nestjs/common';
import { MetricsService } from '../platform/metrics/metrics.service.js';
import { CheckIndexService } from './check-index.service.js';

@Injectable()
export class CheckMetrics {
  constructor(metrics: MetricsService, index: CheckIndexService) {
    metrics.gauge('kz_registry_check_index_serial', 'The blocklist serial the check answers from.', () => index.freshness()?.serial ?? null);
    metrics.gauge(
      'kz_registry_check_index_age_seconds',
      'Seconds since the check index was last known to match the database; 0 while it does. Past CHECK_MAX_STALENESS_SECONDS the check answers 503.',
      () => index.freshness()?.ageSeconds ?? null,
    );
  }
}
