// Readiness of the database, with the reason when it is not: unreachable, too slow, or read-only.
import { Injectable, Logger } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { databaseFault } from '../database/database-faults.js';

/** A probe answers quickly: a database slower than this counts as not answering. */
export const READY_TIMEOUT_MS = 1000;

class NoAnswer extends Error {}

@Injectable()
export class DatabaseHealthIndicator {
  private readonly logger = new Logger(DatabaseHealthIndicator.name);

  constructor(
    private readonly indicators: HealthIndicatorService,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  async check() {
    const session = this.indicators.check('database');
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new NoAnswer()), READY_TIMEOUT_MS);
    });
    try {
      const rows: { readOnly: boolean }[] = await Promise.race([
        this.dataSource.query(`SELECT current_setting('transaction_read_only') = 'on' AS "readOnly"`),
        late,
      ]);
      // Reads still work, and the check answers: the instance keeps its traffic, and says what it cannot do.
      if (rows[0]?.readOnly) return session.degraded({ reason: 'The database is read-only: reads are served, changes answer 503.' });
      return session.up();
    } catch (error) {
      if (error instanceof NoAnswer) return session.down({ reason: `The database did not answer within ${READY_TIMEOUT_MS} ms.` });
      const fault = databaseFault(error);
      if (!fault) this.logger.error({ err: error }, 'The readiness query failed');
      return session.down({ reason: fault?.reason ?? 'The database answered the readiness query with an error (see the log).' });
    } finally {
      clearTimeout(timer);
    }
  }
}
