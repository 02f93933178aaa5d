// The one way a versioned record changes: load it, compare the version the client read (If-Match), apply the change
// (whose conditional UPDATE bumps the version), and audit before and after, all in one transaction.
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Actor } from '../auth/actor.js';
import { RegistryChangesService } from '../platform/database/registry-changes.service.js';
import { TransactionRunner } from '../platform/database/transactions.js';
import { PreconditionFailedError } from '../platform/http/etag.js';
import { AuditService } from './audit.service.js';

/** What the audit event is about when it is not the record itself (a licence inside its firm). */
export interface AuditSubject<D> {
  targetType: string;
  targetId: string;
  before: unknown;
  after: (updated: D) => unknown;
}

export interface VersionedUpdate<E extends { version: number }, D> {
  id: string;
  /** The version the client read. */
  version: number;
  actor: Actor;
  action: string;
  targetType: string;
  load(manager: EntityManager): Promise<E | null>;
  notFound(): Error;
  /** Applies the change; its conditional UPDATE goes through requireBumped. */
  change(manager: EntityManager, before: E): Promise<AuditSubject<D> | void>;
  /** The record as clients see it: returned, and audited before and after. */
  view(record: E): D;
}

/** A conditional UPDATE that touched no row: someone changed the record first. */
export function requireBumped(updated: boolean): void {
  if (!updated) throw new PreconditionFailedError();
}

@Injectable()
export class VersionedUpdates {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly audit: AuditService,
    private readonly changes: RegistryChangesService,
  ) {}

  async run<E extends { version: number }, D>(update: VersionedUpdate<E, D>): Promise<D> {
    const after = await this.transactions.run(async (manager) => {
      const before = await update.load(manager);
      if (!before) throw update.notFound();
      if (before.version !== update.version) throw new PreconditionFailedError(before.version);
      const subject = await update.change(manager, before);
      const updated = update.view((await update.load(manager))!);
      await this.audit.record(manager, update.actor, {
        action: update.action,
        targetType: subject ? subject.targetType : update.targetType,
        targetId: subject ? subject.targetId : update.id,
        before: subject ? subject.before : update.view(before),
        after: subject ? subject.after(updated) : updated,
      });
      return updated;
    });
    this.changes.changed();
    return after;
  }
}
