// The latest publication in the metrics: its serial, and its age (a publisher that stopped shows as a growing age).
import { Injectable } from '@nestjs/common';
import { MetricsService } from '../../platform/metrics/metrics.service.js';
import { PublicationsService } from './publications.service.js';

@Injectable()
export class PublicationsMetrics {
  constructor(metrics: MetricsService, publications: PublicationsService) {
    metrics.gauge('kz_registry_publication_serial', 'The serial of the latest publication of the blocklist.', async () => {
      return (await publications.latestPublished())?.serial ?? null;
    });
    metrics.gauge(
      'kz_registry_publication_age_seconds',
      'Seconds since the latest publication was published; a new one (an empty serial if nothing changed) comes before half of PUBLICATION_EXPIRY_HOURS.',
      async () => {
        const latest = await publications.latestPublished();
        return latest && (Date.now() - latest.publishedAt.getTime()) / 1000;
      },
    );
  }
}
