import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { AuditEventEntity, AuditHeadEntity } from './audit-event.entity.js';

export interface AuditFilter {
  targetType?: string;
  targetId?: string;
  actor?: string;
  from?: Date;
  to?: Date;
  limit: number;
  offset: number;
}

const INSERT_CHUNK = 1000;

@Injectable()
export class AuditRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Locks the head row until the caller's transaction ends: events chain in commit order. Through the owner's
   * function: SELECT ... FOR UPDATE needs UPDATE privilege, which the service has not on audit_head.
   */
  async lockHead(manager: EntityManager): Promise<{ seq: bigint; hash: string }> {
    const [head] = (await manager.query('SELECT head_seq, head_hash FROM registry_audit_lock_head()')) as { head_seq: string; head_hash: string }[];
    if (!head) throw new Error('The audit chain has no head row');
    return { seq: BigInt(head.head_seq), hash: head.head_hash };
  }

  /**
   * Inserts only: the database moves the head (trigger tr_audit_events_advance_head, once per statement) when the rows
   * continue it, and refuses a statement whose rows do not.
   */
  async append(manager: EntityManager, events: AuditEventEntity[]): Promise<void> {
    for (let i = 0; i < events.length; i += INSERT_CHUNK) {
      await manager.getRepository(AuditEventEntity).insert(events.slice(i, i + INSERT_CHUNK));
    }
  }

  async search(filter: AuditFilter): Promise<{ events: AuditEventEntity[]; total: number }> {
    const qb = this.dataSource
      .getRepository(AuditEventEntity)
      .createQueryBuilder('event')
      .orderBy('event.seq', 'DESC')
      .skip(filter.offset)
      .take(filter.limit);
    if (filter.targetType) qb.andWhere('event.target_type = :targetType', { targetType: filter.targetType });
    if (filter.targetId) qb.andWhere('event.target_id = :targetId', { targetId: filter.targetId });
    if (filter.actor) qb.andWhere('event.actor = :actor', { actor: filter.actor });
    if (filter.from) qb.andWhere('event.occurred_at >= :from', { from: filter.from });
    if (filter.to) qb.andWhere('event.occurred_at < :to', { to: filter.to });
    const [events, total] = await qb.getManyAndCount();
    return { events, total };
  }

  async readHead(): Promise<{ seq: bigint; hash: string }> {
    const head = await this.dataSource.getRepository(AuditHeadEntity).findOneByOrFail({ id: 1 });
    return { seq: BigInt(head.seq), hash: head.hash };
  }

  /** The stored hash of the event at `seq`, or null when there is none. */
  async hashAt(seq: bigint): Promise<string | null> {
    const event = await this.dataSource.getRepository(AuditEventEntity).findOne({ where: { seq: seq.toString() }, select: { hash: true } });
    return event?.hash ?? null;
  }

  count(): Promise<number> {
    return this.dataSource.getRepository(AuditEventEntity).count();
  }

  /** Events after `afterSeq`, in seq order, a batch at a time (for verification). */
  batchAfter(afterSeq: bigint, size: number): Promise<AuditEventEntity[]> {
    return this.dataSource
      .getRepository(AuditEventEntity)
      .createQueryBuilder('event')
      .where('event.seq > :after', { after: afterSeq.toString() })
      .orderBy('event.seq', 'ASC')
      .take(size)
      .getMany();
  }
}
