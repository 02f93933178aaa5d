import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import pg from 'pg';
import { type DataSource, type EntityManager, In, IsNull } from 'typeorm';
import { BlocklistEntryEntity, BlocklistHeadEntity, BlocklistSerialEntity } from './blocklist.entity.js';
import { ENTRY_KINDS, type EntryKind } from '../domain-names/entry-kinds.js';
import type { SourceConfidence } from '../provenance/source.embedded.js';
import type { EntryChange, EntryProvenance, EntryRow, ProvenanceGroup } from './blocklist.read-model.js';

export type NewBlocklistEntry = Omit<
  BlocklistEntryEntity,
  'id' | 'addedSerial' | 'removedSerial' | 'addedIn' | 'removedIn' | 'blockedEntity' | 'createdAt'
>;

const INSERT_CHUNK = 2000;

/**
 * In force at serial $1: added by then and not removed by then. Serials commit in order (the head row lock), so this
 * names one set of entries whatever commits meanwhile, and separate statements agree without sharing a snapshot.
 */
const IN_FORCE_AT = '"added_serial" <= $1 AND ("removed_serial" IS NULL OR "removed_serial" > $1)';
const PROVENANCE = `"legal_basis_en", "legal_basis_ru", "legal_basis_kk", "source_url", "source_document", "source_read_on", "source_confidence", "source_demo"`;
const PROVENANCE_TEXT = PROVENANCE.replace('"source_read_on"', '"source_read_on"::text');
/** Kind and match in one small number (kind's place in ENTRY_KINDS, times 2, plus 1 for subtree): no strings per row. */
const KIND_AND_MATCH = `(array_position(ARRAY['${ENTRY_KINDS.join("','")}'], "kind") - 1) * 2 + ("match" = 'subtree')::int`;

interface ProvenanceColumns {
  legal_basis_en: string;
  legal_basis_ru: string | null;
  legal_basis_kk: string | null;
  source_url: string | null;
  source_document: string | null;
  source_read_on: string;
  source_confidence: SourceConfidence;
  source_demo: boolean;
}

function toProvenance(row: ProvenanceColumns): EntryProvenance {
  return {
    legalBasis: { en: row.legal_basis_en, ru: row.legal_basis_ru, kk: row.legal_basis_kk },
    source: { url: row.source_url, document: row.source_document, readOn: row.source_read_on, confidence: row.source_confidence, demo: row.source_demo },
  };
}

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

  /** The serial the blocklist is at, in plain SQL (the check reads it on every change). */
  async headSerial(): Promise<number> {
    const rows: { serial: string }[] = await this.dataSource.query('SELECT "serial" FROM "blocklist_head" WHERE "id" = 1');
    if (!rows[0]) throw new Error('blocklist_head is missing its row');
    return Number(rows[0].serial);
  }

  /**
   * Every entry in force at `serial`, without provenance, handed to `visit` as the rows arrive: a million entries
   * are never held as one result, and the event loop parses them a network read at a time.
   */
  async streamInForce(serial: number, visit: (row: EntryRow) => void): Promise<void> {
    const runner = this.dataSource.createQueryRunner();
    const client = (await runner.connect()) as pg.PoolClient;
    try {
      await new Promise<void>((resolve, reject) => {
        let failure: unknown = null;
        const config: pg.QueryArrayConfig<number[]> = {
          text: `SELECT "id", "value", NULLIF("display_value", "value"), ${KIND_AND_MATCH}, "blocked_entity_id", "added_serial"
                 FROM "blocklist_entries" WHERE ${IN_FORCE_AT}`,
          values: [serial],
          rowMode: 'array',
        };
        const query = new pg.Query<unknown[], number[]>(config);
        query.on('row', (row: unknown[]) => {
          if (failure !== null) return;
          // A throw here would surface inside pg's protocol handling; it is kept and reported when the query ends.
          try {
            const [id, value, display, code, blockedEntityId, addedSerial] = row as [string, string, string | null, number, string | null, string];
            visit({
              id,
              kind: ENTRY_KINDS[code >> 1]!,
              value,
              displayValue: display ?? value,
              match: code & 1 ? 'subtree' : 'exact',
              blockedEntityId,
              addedSerial: Number(addedSerial),
            });
          } catch (error) {
            failure = error;
          }
        });
        query.on('end', () => (failure === null ? resolve() : reject(failure as Error)));
        query.on('error', reject);
        client.query(query);
      });
    } finally {
      await runner.release();
    }
  }

  /** The distinct provenances of the entries in force at `serial`, by the serial that added them. */
  async provenanceGroups(serial: number): Promise<ProvenanceGroup[]> {
    const rows: (ProvenanceColumns & { added_serial: string; count: number })[] = await this.dataSource.query(
      `SELECT "added_serial", count(*)::int AS "count", ${PROVENANCE_TEXT} FROM "blocklist_entries" WHERE ${IN_FORCE_AT}
       GROUP BY "added_serial", ${PROVENANCE}`,
      [serial],
    );
    return rows.map((row) => ({ addedSerial: Number(row.added_serial), count: row.count, provenance: toProvenance(row) }));
  }

  /** The provenance of each entry in force at `serial` added in one of `addedSerials` (those whose entries differ). */
  async provenanceOfEntries(serial: number, addedSerials: number[]): Promise<{ id: string; provenance: EntryProvenance }[]> {
    const rows: (ProvenanceColumns & { id: string })[] = await this.dataSource.query(
      `SELECT "id", ${PROVENANCE_TEXT} FROM "blocklist_entries" WHERE ${IN_FORCE_AT} AND "added_serial" = ANY($2::bigint[])`,
      [serial, addedSerials],
    );
    return rows.map((row) => ({ id: row.id, provenance: toProvenance(row) }));
  }

  /**
   * Entries added or removed after serial `from` up to `to`, whole; at most `limit` (a caller seeing `limit` rows
   * knows there may be more and reloads instead).
   */
  async changesBetween(from: number, to: number, limit: number): Promise<EntryChange[]> {
    const rows: (ProvenanceColumns & {
      id: string;
      kind: EntryKind;
      value: string;
      display_value: string;
      match: EntryChange['match'];
      blocked_entity_id: string | null;
      added_serial: string;
      removed_serial: string | null;
    })[] = await this.dataSource.query(
      `SELECT "id", "kind", "value", "display_value", "match", "blocked_entity_id", "added_serial", "removed_serial", ${PROVENANCE_TEXT}
       FROM "blocklist_entries"
       WHERE ("added_serial" > $1 AND "added_serial" <= $2) OR ("removed_serial" > $1 AND "removed_serial" <= $2)
       LIMIT $3`,
      [from, to, limit],
    );
    return rows.map((row) => ({
      id: row.id,
      kind: row.kind,
      value: row.value,
      displayValue: row.display_value === row.value ? row.value : row.display_value,
      match: row.match,
      blockedEntityId: row.blocked_entity_id,
      addedSerial: Number(row.added_serial),
      removedSerial: row.removed_serial === null ? null : Number(row.removed_serial),
      provenance: toProvenance(row),
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
