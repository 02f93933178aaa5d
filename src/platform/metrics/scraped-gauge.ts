// A gauge whose value is read when Prometheus scrapes, not kept up to date by timers or by the code it describes.
import { Gauge, type Registry } from 'prom-client';

/** What a scraped gauge reads; null: no value now (no index built yet, nothing published), and no sample written. */
export type GaugeReader = () => number | null | Promise<number | null>;

/**
 * prom-client's Gauge always writes a sample (0 when nothing was set): a gauge of a serial that does not exist yet
 * would say 0, which reads as a real serial. This one writes none when the reader has no value.
 */
export class ScrapedGauge extends Gauge {
  constructor(
    registry: Registry,
    name: string,
    help: string,
    private readonly read: GaugeReader,
  ) {
    super({ name, help, registers: [registry] });
  }

  override async get() {
    const [value, metric] = await Promise.all([this.read(), super.get()]);
    return { ...metric, values: value === null ? [] : [{ value, labels: {} }] };
  }
}
