// Every write runs in one transaction through TransactionRunner. A caller up the stack (the idempotency interceptor)
// may attach hooks to the request: they run inside the first transaction the request opens, so whatever they store
// commits or rolls back with the write it describes.
import { AsyncLocalStorage } from 'node:async_hooks';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { withoutGuard } from './guarded-client.js';

export interface TransactionHooks {
  /** First statement of the transaction; may throw to abort it before any work. */
  begin(manager: EntityManager): Promise<void>;
  /** Last statement before COMMIT, given what the work returned. */
  beforeCommit(manager: EntityManager, result: unknown): Promise<void>;
}

interface HookSlot {
  hooks: TransactionHooks;
  taken: boolean;
}

const requestHooks = new AsyncLocalStorage<HookSlot>();

export interface TransactionOptions {
  /**
   * No bound on how long a statement of this transaction runs (statement_timeout and the silent-database guard),
   * for bulk work an operator runs and can stop (the CLI's import of a million rows); locks are still bounded.
   */
  unboundedStatements?: boolean;
  /** PostgreSQL's work_mem for this transaction, e.g. '256MB': sorts and hashes over a whole import stay in memory. */
  workMem?: string;
}

/** Runs `fn` (and everything it starts) with hooks for the first transaction opened inside it. */
export function withTransactionHooks<T>(hooks: TransactionHooks, fn: () => T): T {
  return requestHooks.run({ hooks, taken: false }, fn);
}

@Injectable()
export class TransactionRunner {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  run<T>(work: (manager: EntityManager) => Promise<T>, options: TransactionOptions = {}): Promise<T> {
    const slot = requestHooks.getStore();
    const hooks = slot && !slot.taken ? slot.hooks : undefined;
    if (slot) slot.taken = true;
    return this.dataSource.transaction(async (manager) => {
      if (options.workMem) await manager.query(`SELECT set_config('work_mem', $1, true)`, [options.workMem]);
      const body = async () => {
        await hooks?.begin(manager);
        const result = await work(manager);
        await hooks?.beforeCommit(manager, result);
        return result;
      };
      if (!options.unboundedStatements) return body();
      await manager.query(`SET LOCAL statement_timeout = 0`);
      return withoutGuard(this.clientOf(manager), body);
    });
  }

  /** The pg client the transaction runs on (TypeORM's PostgreSQL query runner holds it while the transaction lasts). */
  private clientOf(manager: EntityManager): unknown {
    return (manager.queryRunner as unknown as { databaseConnection: unknown }).databaseConnection;
  }
}
