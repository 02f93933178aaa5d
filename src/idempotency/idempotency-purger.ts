// Idempotency records are kept IDEMPOTENCY_TTL_HOURS (24 by default, as is common practice), then deleted.
import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { IdempotencyRepository } from './idempotency.repository.js';

const PURGE_EVERY_MS = 60 * 60 * 1000;

@Injectable()
export class IdempotencyPurger implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(IdempotencyPurger.name);
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly records: IdempotencyRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.purge(), PURGE_EVERY_MS).unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  async purge(): Promise<number> {
    try {
      const purged = await this.records.purge(this.config.IDEMPOTENCY_TTL_HOURS);
      if (purged > 0) this.logger.log({ purged }, 'Purged expired idempotency records');
      return purged;
    } catch (error) {
      this.logger.warn({ err: error }, 'Could not purge idempotency records; will retry');
      return 0;
    }
  }
}
