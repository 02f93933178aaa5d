import { Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { RegistryChangesService } from '../platform/database/registry-changes.service.js';
import type { StatisticsDto } from './statistics.dto.js';
import { StatisticsRepository } from './statistics.repository.js';

/** How long figures are kept when nothing is heard to change: a bound for a change this instance did not hear. */
export const STATISTICS_TTL_MS = 30_000;

@Injectable()
export class StatisticsService implements OnModuleInit, OnModuleDestroy {
  private kept: { at: number; figures: Promise<StatisticsDto> } | null = null;
  private unsubscribe: (() => void) | null = null;

  constructor(
    private readonly statistics: StatisticsRepository,
    private readonly changes: RegistryChangesService,
  ) {}

  onModuleInit(): void {
    // Any change of the registry (a firm, a block, an entry, a warning) drops the figures at once.
    this.unsubscribe = this.changes.subscribe((event) => {
      if (event.type === 'change' || event.type === 'listening') this.kept = null;
    });
  }

  onModuleDestroy(): void {
    this.unsubscribe?.();
  }

  /** The figures, read at most once per STATISTICS_TTL_MS (concurrent requests share one read). */
  get(now = Date.now()): Promise<StatisticsDto> {
    if (this.kept && now - this.kept.at < STATISTICS_TTL_MS) return this.kept.figures;
    const figures = this.statistics.read().then((read) => ({ ...read, generatedAt: new Date(now).toISOString() }));
    const kept = { at: now, figures };
    this.kept = kept;
    figures.catch(() => {
      if (this.kept === kept) this.kept = null;
    });
    return figures;
  }
}
