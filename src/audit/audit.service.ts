import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Actor } from '../auth/actor.js';
import { CHAIN_VERSION, chainHash, type ChainBreak, GENESIS_HASH, type StoredEvent, verifyRun } from './audit-chain.js';
import type { AuditEventEntity } from './audit-event.entity.js';
import type { AuditEventDto, AuditEventPageDto, ListAuditEventsQueryDto } from './audit.dto.js';
import { AuditRepository } from './audit.repository.js';

export interface AuditInput {
  action: string;
  targetType: string;
  targetId: string;
  before: unknown;
  after: unknown;
}

export type VerifyResult =
  | { ok: true; checked: number; lastSeq: string; lastHash: string }
  | { ok: false; checked: number; broken: ChainBreak };

const VERIFY_BATCH = 2000;

function toDto(event: AuditEventEntity): AuditEventDto {
  return {
    seq: Number(event.seq),
    occurredAt: event.occurredAt.toISOString(),
    actor: event.actor,
    action: event.action,
    targetType: event.targetType,
    targetId: event.targetId,
    before: event.before,
    after: event.after,
    requestId: event.requestId,
    prevHash: event.prevHash,
    hash: event.hash,
  };
}

/** The stored event as the chain sees it: its own columns, whatever the API's DTO shows. */
export function toStoredEvent(event: AuditEventEntity): StoredEvent {
  return {
    seq: event.seq,
    occurredAt: event.occurredAt.toISOString(),
    actor: event.actor,
    action: event.action,
    targetType: event.targetType,
    targetId: event.targetId,
    before: event.before,
    after: event.after,
    requestId: event.requestId,
    chainVersion: event.chainVersion,
    prevHash: event.prevHash,
    hash: event.hash,
  };
}

@Injectable()
export class AuditService {
  constructor(private readonly audit: AuditRepository) {}

  /** Records in the caller's transaction: the event commits or rolls back with the change it describes. */
  record(manager: EntityManager, actor: Actor, event: AuditInput): Promise<void> {
    return this.recordMany(manager, actor, [event]);
  }

  async recordMany(manager: EntityManager, actor: Actor, inputs: AuditInput[], now = new Date()): Promise<void> {
    if (inputs.length === 0) return;
    const head = await this.audit.lockHead(manager);
    let { seq, hash } = head;
    const events = inputs.map((input) => {
      seq += 1n;
      const content = {
        seq: seq.toString(),
        occurredAt: now.toISOString(),
        actor: actor.keyId,
        action: input.action,
        targetType: input.targetType,
        targetId: input.targetId,
        // Through JSON, so the stored jsonb and the hashed value are the same data.
        before: input.before === undefined ? null : JSON.parse(JSON.stringify(input.before)),
        after: input.after === undefined ? null : JSON.parse(JSON.stringify(input.after)),
        requestId: actor.requestId,
      };
      const prevHash = hash;
      hash = chainHash(CHAIN_VERSION, prevHash, content);
      return { ...content, occurredAt: now, chainVersion: CHAIN_VERSION, prevHash, hash } as AuditEventEntity;
    });
    await this.audit.append(manager, events);
  }

  async list(query: ListAuditEventsQueryDto): Promise<AuditEventPageDto> {
    const { events, total } = await this.audit.search(query);
    return { items: events.map(toDto), total, limit: query.limit, offset: query.offset };
  }

  /** The chain's head now: the last seq (0 before any event) and its hash (the genesis hash before any). */
  async head(): Promise<{ seq: string; hash: string }> {
    const head = await this.audit.readHead();
    return { seq: head.seq.toString(), hash: head.hash };
  }

  /**
   * Whether the stored chain holds the checkpoint (`seq`, `hash`) a signed publication recorded: the event at `seq` has
   * that hash (seq 0: the genesis hash, before any event). A chain re-hashed after the checkpoint still verifies on its
   * own, but no longer holds it.
   */
  async holdsCheckpoint(seq: string, hash: string): Promise<{ ok: true } | { ok: false; stored: string | null }> {
    const stored = BigInt(seq) === 0n ? GENESIS_HASH : await this.audit.hashAt(BigInt(seq));
    return stored === hash ? { ok: true } : { ok: false, stored };
  }

  /** Walks the whole chain; reports the first broken link. `onProgress(checked, total)` after each batch. */
  async verify(onProgress?: (checked: number, total: number) => void): Promise<VerifyResult> {
    const total = await this.audit.count();
    let lastSeq = 0n;
    let lastHash = GENESIS_HASH;
    let checked = 0;
    for (;;) {
      const batch = await this.audit.batchAfter(lastSeq, VERIFY_BATCH);
      if (batch.length === 0) break;
      const result = verifyRun(batch.map(toStoredEvent), lastSeq, lastHash);
      if (!result.ok) {
        return { ok: false, checked: checked + batch.findIndex((e) => e.seq === result.broken.seq), broken: result.broken };
      }
      ({ lastSeq, lastHash } = result);
      checked += batch.length;
      onProgress?.(checked, total);
    }
    // Events deleted from the end leave no gap behind them: the head row still names the last one written.
    const head = await this.audit.readHead();
    if (head.seq !== lastSeq || head.hash !== lastHash) {
      return { ok: false, checked, broken: { seq: (lastSeq + 1n).toString(), reason: 'gap' } };
    }
    return { ok: true, checked, lastSeq: lastSeq.toString(), lastHash };
  }
}
