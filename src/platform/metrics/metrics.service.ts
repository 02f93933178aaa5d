import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { collectDefaultMetrics, Registry } from 'prom-client';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import { listenForScrapes, type MetricsListener } from './metrics-listener.js';
import { type RequestObserver, requestMetrics } from './request-metrics.js';
import { type GaugeReader, ScrapedGauge } from './scraped-gauge.js';

/**
 * The registry's metrics and their listener. Without METRICS_PORT nothing would ever read them, so nothing is kept:
 * no request is observed, no gauge registered, no process metrics collected.
 */
@Injectable()
export class MetricsService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(MetricsService.name);
  /** Its own registry, not prom-client's global one: apps built side by side in one process (tests) each have theirs. */
  private readonly registry = new Registry();
  /** Called once per finished request (create-app.ts); null when metrics are off. */
  readonly observeRequest: RequestObserver | null = null;
  private listener: MetricsListener | null = null;

  constructor(@Inject(APP_CONFIG) private readonly config: Pick<AppConfig, 'METRICS_PORT' | 'METRICS_HOST'>) {
    if (config.METRICS_PORT === undefined) return;
    collectDefaultMetrics({ register: this.registry });
    this.observeRequest = requestMetrics(this.registry);
  }

  get enabled(): boolean {
    return this.config.METRICS_PORT !== undefined;
  }

  /** A gauge read at each scrape (see ScrapedGauge); nothing when metrics are off. */
  gauge(name: string, help: string, read: GaugeReader): void {
    if (this.enabled) new ScrapedGauge(this.registry, name, help, read);
  }

  /** The text exposition format, every gauge read now. */
  render(): Promise<string> {
    return this.registry.metrics();
  }

  async onApplicationBootstrap(): Promise<void> {
    const port = this.config.METRICS_PORT;
    if (port === undefined) return;
    const source = { contentType: this.registry.contentType, render: () => this.render() };
    this.listener = await listenForScrapes(this.config.METRICS_HOST, port, source, (error) =>
      this.logger.error({ err: error }, 'Collecting the metrics failed'),
    ).catch((error: NodeJS.ErrnoException) => {
      throw new Error(`The metrics listener could not listen on ${this.config.METRICS_HOST}:${port} (METRICS_HOST, METRICS_PORT): ${error.code ?? error.message}`);
    });
    this.logger.log({ url: this.listener.url }, 'Metrics listening');
  }

  /** After the API's server has drained (Nest's shutdown hooks come after it): the drain itself can be scraped. */
  async onApplicationShutdown(): Promise<void> {
    await this.listener?.close();
    this.listener = null;
  }
}
