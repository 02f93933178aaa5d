import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource, type EntityManager, In, IsNull } from 'typeorm';
import { BlocklistEntryEntity, BlocklistHeadEntity, BlocklistSerialEntity, type EntryKind } from './blocklist.entity.js';

export type NewBlocklistEntry = Omit<
  BlocklistEntryEntity,
  'id' | 'addedSerial' | 'removedSerial' | 'addedIn' | 'removedIn' | 'blockedEntity' | 'createdAt'
>;

@Injectable()
export class BlocklistRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Takes the next serial inside the caller's transaction. The UPDATE locks the head row until commit, so concurrent
   * writers queue here and each gets the next number; a rollback gives its number back.
   */
  async advanceSerial(manager: EntityManager): Promise<number> {
    // TypeORM answers an UPDATE with [rows, affectedCount].
    const [rows]: [{ serial: string }[], number] = await manager.query(
      'UPDATE blocklist_head SET serial = serial + 1 WHERE id = 1 RETURNING serial',
    );
    const serial = rows[0]?.serial;
    if (!serial) throw new Error('blocklist_head is missing its row');
    await manager.getRepository(BlocklistSerialEntity).insert({ serial });
    return Number(serial);
  }

  async currentSerial(manager: EntityManager = this.dataSource.manager): Promise<number> {
    const head = await manager.getRepository(BlocklistHeadEntity).findOneByOrFail({ id: 1 });
    return Number(head.serial);
  }

  async listActive(filter: { kind?: EntryKind; limit: number; offset: number }) {
    return this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      // One snapshot for the serial and the page, so the serial describes exactly these rows.
      const serial = await this.currentSerial(manager);
      const [entries, total] = await manager.getRepository(BlocklistEntryEntity).findAndCount({
        where: { removedSerial: IsNull(), ...(filter.kind ? { kind: filter.kind } : {}) },
        order: { addedSerial: 'ASC', id: 'ASC' },
        skip: filter.offset,
        take: filter.limit,
      });
      return { serial, entries, total };
    });
  }

  /** Every entry in force and the serial they make up, from one snapshot (for the check index). */
  async snapshotActive(): Promise<{ serial: number; entries: BlocklistEntryEntity[] }> {
    return this.dataSource.transaction('REPEATABLE READ', async (manager) => ({
      serial: await this.currentSerial(manager),
      entries: await manager.getRepository(BlocklistEntryEntity).findBy({ removedSerial: IsNull() }),
    }));
  }

  async insert(manager: EntityManager, entries: NewBlocklistEntry[], serial: number): Promise<void> {
    if (entries.length === 0) return;
    await manager
      .getRepository(BlocklistEntryEntity)
      .insert(entries.map((e) => ({ ...e, addedSerial: String(serial) })));
  }

  async markRemoved(manager: EntityManager, ids: string[], serial: number): Promise<number> {
    if (ids.length === 0) return 0;
    const result = await manager
      .getRepository(BlocklistEntryEntity)
      .update({ id: In(ids), removedSerial: IsNull() }, { removedSerial: String(serial) });
    return result.affected ?? 0;
  }

  activeIdsForBlockedEntity(manager: EntityManager, blockedEntityId: string): Promise<string[]> {
    return manager
      .getRepository(BlocklistEntryEntity)
      .find({ select: { id: true }, where: { blockedEntityId, removedSerial: IsNull() } })
      .then((rows) => rows.map((r) => r.id));
  }

  async recordCounts(manager: EntityManager, serial: number, added: number, removed: number): Promise<void> {
    await manager.getRepository(BlocklistSerialEntity).update({ serial: String(serial) }, { added, removed });
  }
}
