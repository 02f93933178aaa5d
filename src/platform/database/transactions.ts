// Every write runs in one transaction through TransactionRunner. A caller up the stack (the idempotency interceptor)
// may attach hooks to the request: they run inside the first transaction the request opens, so whatever they store
// commits or rolls back with the write it describes.
import { AsyncLocalStorage } from 'node:async_hooks';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';

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

/** Runs `fn` (and everything it starts) with hooks for the first transaction opened inside it. */
export function withTransactionHooks<T>(hooks: TransactionHooks, fn: () => T): T {
  return requestHooks.run({ hooks, taken: false }, fn);
}

@Injectable()
export class TransactionRunner {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  run<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    const slot = requestHooks.getStore();
    const hooks = slot && !slot.taken ? slot.hooks : undefined;
    if (slot) slot.taken = true;
    return this.dataSource.transaction(async (manager) => {
      await hooks?.begin(manager);
      const result = await work(manager);
      await hooks?.beforeCommit(manager, result);
      return result;
    });
  }
}
