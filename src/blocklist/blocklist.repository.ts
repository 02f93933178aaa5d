import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource, type EntityManager, In, IsNull } from 'typeorm';
import { BlocklistEntryEntity, BlocklistHeadEntity, BlocklistSerialEntity } from './blocklist.entity.js';
import { type EntryKind } from '../domain-names/entry-kinds.js';

export type NewBlocklistEntry = Omit<
  BlocklistEntryEntity,
  'id' | 'addedSerial' | 'removedSerial' | 'addedIn' | 'removedIn' | 'blockedEntity' | 'createdAt'
>;

const INSERT_CHUNK = 2000;

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

  /** Returns the new ids in input order. Chunked: PostgreSQL takes at most 65,535 parameters a statement. */
  async insert(manager: EntityManager, entries: NewBlocklistEntry[], serial: number): Promise<string[]> {
    const ids: string[] = [];
    for (let i = 0; i < entries.length; i += INSERT_CHUNK) {
      const result = await manager
        .getRepository(BlocklistEntryEntity)
        .insert(entries.slice(i, i + INSERT_CHUNK).map((e) => ({ ...e, addedSerial: String(serial) })));
      ids.push(...result.identifiers.map((identifier) => String(identifier.id)));
    }
    return ids;
  }

  /** Entries in force with these (kind, value) pairs. */
  async findActiveByValues(manager: EntityManager, pairs: { kind: string; value: string }[]): Promise<BlocklistEntryEntity[]> {
    if (pairs.length === 0) return [];
    return manager
      .getRepository(BlocklistEntryEntity)
      .createQueryBuilder('entry')
      .where('entry.removed_serial IS NULL')
      .andWhere('(entry.kind, entry.value) IN (SELECT * FROM unnest(:kinds::text[], :values::text[]))', {
        kinds: pairs.map((p) => p.kind),
        values: pairs.map((p) => p.value),
      })
      .getMany();
  }

  findActiveByIds(manager: EntityManager, ids: string[]): Promise<BlocklistEntryEntity[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return manager.getRepository(BlocklistEntryEntity).findBy({ id: In(ids), removedSerial: IsNull() });
  }

  async markRemoved(manager: EntityManager, ids: string[], serial: number): Promise<number> {
    if (ids.length === 0) return 0;
    const result = await manager
      .getRepository(BlocklistEntryEntity)
      .update({ id: In(ids), removedSerial: IsNull() }, { removedSerial: String(serial) });
    return result.affected ?? 0;
  }

  findActiveByBlockedEntity(manager: EntityManager, blockedEntityId: string): Promise<BlocklistEntryEntity[]> {
    return manager.getRepository(BlocklistEntryEntity).findBy({ blockedEntityId, removedSerial: IsNull() });
  }

  async recordCounts(manager: EntityManager, serial: number, added: number, removed: number): Promise<void> {
    await manager.getRepository(BlocklistSerialEntity).update({ serial: String(serial) }, { added, removed });
  }
}
