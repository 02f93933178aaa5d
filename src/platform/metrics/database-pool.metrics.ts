// The pg pool under TypeORM, read at each scrape: connections open, idle, and callers waiting for one.
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Pool } from 'pg';
import type { DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver.js';
import { MetricsService } from './metrics.service.js';

@Injectable()
export class DatabasePoolMetrics {
  constructor(metrics: MetricsService, @InjectDataSource() dataSource: DataSource) {
    // The pool exists once the DataSource is initialised (before any scrape) and is gone after it is destroyed.
    const pool = (): Pool | undefined => (dataSource.isInitialized ? ((dataSource.driver as PostgresDriver).master as Pool) : undefined);
    metrics.gauge('kz_registry_db_pool_connections', 'Connections the database pool holds open (busy and idle).', () => pool()?.totalCount ?? null);
    metrics.gauge('kz_registry_db_pool_idle_connections', 'Open connections of the pool that no one is using.', () => pool()?.idleCount ?? null);
    metrics.gauge(
      'kz_registry_db_pool_waiting_requests',
      'Callers waiting for a connection because every one the pool may open is busy.',
      () => pool()?.waitingCount ?? null,
    );
  }
}
