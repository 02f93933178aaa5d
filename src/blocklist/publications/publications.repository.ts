import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import type { DataSource, EntityManager } from 'typeorm';
import type { SetEntry } from './canonical-set.js';
import { type BlockedEntitySnapshot, BlocklistPublicationEntity } from './publication.entity.js';
import type { PublishedEntry } from '../formats/blocklist-format.js';
import { withPoolClient } from '../../platform/database/pool-client.js';

/** The advisory lock only one publisher holds at a time, across every replica on the database. */
export const PUBLISHER_LOCK = 4_711_010;

const inForceAt = (serial: number, alias = '') =>
  `${alias}"added_serial" <= ${serial} AND (${alias}"removed_serial" IS NULL OR ${alias}"removed_serial" > ${serial})`;

function wholeSerial(serial: number): number {
  // COPY takes no parameters: serials are written into the statement, so they must be whole numbers.
  if (!Number.isSafeInteger(serial) || serial < 0) throw new Error(`Not a serial: ${serial}`);
  return serial;
}

/** A blocked entity as the NDJSON and CSV carry it (`PublishedBlockedEntity`), in JSON built by PostgreSQL. */
const PUBLISHED_ENTITY = `json_build_object(
    'id', b."id", 'name', json_build_object('en', b."name_en", 'ru', b."name_ru", 'kk', b."name_kk"),
    'category', b."category",
    'authority', json_build_object('en', b."authority_en", 'ru', b."authority_ru", 'kk', b."authority_kk"),
    'requestedBy', CASE WHEN b."requested_by_en" IS NULL THEN NULL
                   ELSE json_build_object('en', b."requested_by_en", 'ru', b."requested_by_ru", 'kk', b."requested_by_kk") END,
    'legalBasis', json_build_object('en', b."legal_basis_en", 'ru', b."legal_basis_ru", 'kk', b."legal_basis_kk"),
    'decisionNumber', b."decision_number", 'decisionDate', b."decision_date"::text,
    'blockedOn', b."blocked_on"::text, 'blockedOnPrecision', b."blocked_on_precision",
    'liftedOn', b."lifted_on"::text, 'state', CASE WHEN b."lifted_on" IS NULL THEN 'in-force' ELSE 'lifted' END)`;

/**
 * One entry in force in JSON, built by PostgreSQL (one text column per row of the COPY): the entry's own fields, which
 * never change once written, and the id of its blocked entity, which the publication's snapshot gives.
 */
const PUBLISHED_ROW = `json_build_object(
  'id', e."id", 'kind', e."kind", 'value', e."value", 'displayValue', e."display_value", 'match', e."match",
  'addedSerial', e."added_serial", 'addedAt', to_char(s."created_at" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
  'legalBasis', json_build_object('en', e."legal_basis_en", 'ru', e."legal_basis_ru", 'kk', e."legal_basis_kk"),
  'source', json_build_object('url', e."source_url", 'document', e."source_document", 'readOn', e."source_read_on"::text,
                              'confidence', e."source_confidence", 'demo', e."source_demo"),
  'blockedEntityId', e."blocked_entity_id")::text`;

type CopiedEntry = Omit<PublishedEntry, 'blockedEntity'> & { blockedEntityId: string | null };

/** The entry with its blocked entity as the publication's snapshot gives it. */
function withEntity({ blockedEntityId, ...entry }: CopiedEntry, entities: BlockedEntitySnapshot, serial: number): PublishedEntry {
  const blockedEntity = blockedEntityId === null ? null : entities[blockedEntityId];
  if (blockedEntity === undefined) throw new Error(`The snapshot of publication ${serial} lacks the blocked entity ${blockedEntityId}`);
  return { ...entry, blockedEntity };
}

/** COPY's text format escapes a backslash (and control characters, which JSON text never holds raw) with a backslash. */
const unescapeCopyText = (line: string): string => (line.includes('\\') ? line.replace(/\\\\/g, '\\') : line);

/**
 * The whole lines of what arrived so far, and the bytes after the last one. Cut as bytes: a network read may end
 * inside a character of more than one byte (Cyrillic names), which decoding each read alone would garble.
 */
export function wholeLines(rest: Buffer, chunk: Buffer): { lines: string[]; rest: Buffer } {
  const bytes = rest.length === 0 ? chunk : Buffer.concat([rest, chunk]);
  const end = bytes.lastIndexOf(0x0a);
  if (end < 0) return { lines: [], rest: bytes };
  return { lines: bytes.toString('utf8', 0, end).split('\n'), rest: bytes.subarray(end + 1) };
}

@Injectable()
export class PublicationsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private get pool(): pg.Pool {
    return (this.dataSource.driver as unknown as { master: pg.Pool }).master;
  }

  latest(): Promise<BlocklistPublicationEntity | null> {
    return this.dataSource.getRepository(BlocklistPublicationEntity).findOne({ where: {}, order: { serial: 'DESC' } });
  }

  /** The serial of the latest publication, in plain SQL (the long-poll asks it every second while clients wait). */
  async latestSerial(): Promise<number | null> {
    const rows: { serial: string | null }[] = await this.dataSource.query('SELECT max("serial") AS "serial" FROM "blocklist_publications"');
    return rows[0]?.serial == null ? null : Number(rows[0].serial);
  }

  bySerial(serial: number): Promise<BlocklistPublicationEntity | null> {
    return this.dataSource.getRepository(BlocklistPublicationEntity).findOneBy({ serial: String(serial) });
  }

  /** The serials of the newest `count` publications, newest first: the retained window. */
  async newestSerials(count: number): Promise<number[]> {
    const rows: { serial: string }[] = await this.dataSource.query(
      'SELECT "serial" FROM "blocklist_publications" ORDER BY "serial" DESC LIMIT $1',
      [count],
    );
    return rows.map((row) => Number(row.serial));
  }

  async insert(manager: EntityManager, publication: BlocklistPublicationEntity): Promise<void> {
    await manager.getRepository(BlocklistPublicationEntity).insert(publication);
  }

  /** How many rows changed from serial `from` to `to` (what `changedBetween` would read), from the same indexes. */
  async countChangedBetween(from: number, to: number): Promise<number> {
    const rows: { count: string }[] = await this.dataSource.query(
      `SELECT (SELECT count(*) FROM "blocklist_entries"
                WHERE "added_serial" > $1 AND "added_serial" <= $2 AND ("removed_serial" IS NULL OR "removed_serial" > $2))
            + (SELECT count(*) FROM "blocklist_entries"
                WHERE "removed_serial" > $1 AND "removed_serial" <= $2 AND "added_serial" <= $1) AS "count"`,
      [from, to],
    );
    return Number(rows[0]?.count ?? 0);
  }

  /**
   * The rows that changed from serial `from` to `to`: those in force at `to` added after `from`, and those in force at
   * `from` removed by `to`, each list in canonical order. One statement (one snapshot), served by the indexes on
   * added_serial and removed_serial.
   */
  async changedBetween(from: number, to: number): Promise<{ added: SetEntry[]; removed: SetEntry[] }> {
    const rows: (SetEntry & { added: boolean })[] = await this.dataSource.query(
      `SELECT * FROM (
         SELECT "kind", "match", "value", true AS "added" FROM "blocklist_entries"
          WHERE "added_serial" > $1 AND "added_serial" <= $2 AND ("removed_serial" IS NULL OR "removed_serial" > $2)
         UNION ALL
         SELECT "kind", "match", "value", false FROM "blocklist_entries"
          WHERE "removed_serial" > $1 AND "removed_serial" <= $2 AND "added_serial" <= $1) AS "changed"
       ORDER BY "added" DESC, "kind" COLLATE "C", "match" COLLATE "C", "value" COLLATE "C"`,
      [from, to],
    );
    const strip = ({ kind, match, value }: SetEntry): SetEntry => ({ kind, match, value });
    return { added: rows.filter((r) => r.added).map(strip), removed: rows.filter((r) => !r.added).map(strip) };
  }

  /** The canonical lines' parts of every entry in force at `serial` (tests compare snapshots with it). */
  setAt(serial: number): Promise<SetEntry[]> {
    return this.dataSource.query(`SELECT "kind", "match", "value" FROM "blocklist_entries" WHERE ${inForceAt(wholeSerial(serial))}`);
  }

  /** The blocked entities the entries in force at `serial` name, by id, as their records say now. */
  async blockedEntitiesAt(serial: number): Promise<BlockedEntitySnapshot> {
    const rows: { snapshot: BlockedEntitySnapshot | null }[] = await this.dataSource.query(
      `SELECT jsonb_object_agg(b."id", ${PUBLISHED_ENTITY}) AS "snapshot" FROM "blocked_entities" b
        WHERE b."id" IN (SELECT "blocked_entity_id" FROM "blocklist_entries" WHERE ${inForceAt(wholeSerial(serial))})`,
    );
    return rows[0]?.snapshot ?? {};
  }

  /** Values of the subtree domain entries in force at `serial` (renderers must not shadow them). */
  async subtreeDomains(serial: number): Promise<Set<string>> {
    const rows: { value: string }[] = await this.dataSource.query(
      `SELECT "value" FROM "blocklist_entries" WHERE "kind" = 'domain' AND "match" = 'subtree' AND ${inForceAt(wholeSerial(serial))}`,
    );
    return new Set(rows.map((row) => row.value));
  }

  /** Values of the cidr entries in force at `serial` that hold one address (/32, /128): the RPZ writes them once. */
  async hostCidrs(serial: number): Promise<Set<string>> {
    const rows: { value: string }[] = await this.dataSource.query(
      `SELECT "value" FROM "blocklist_entries"
        WHERE "kind" = 'cidr' AND masklen("value"::cidr) = CASE family("value"::cidr) WHEN 4 THEN 32 ELSE 128 END AND ${inForceAt(wholeSerial(serial))}`,
    );
    return new Set(rows.map((row) => row.value));
  }

  /**
   * Every entry in force at `serial` in canonical order (kind, match, value, bytewise), with what NDJSON needs, handed
   * to `visit` a network read at a time: one COPY, never the whole list in memory. `visit` may return a promise (a
   * file stream that is full): the read waits for it, so PostgreSQL waits too. No statement timeout on this session:
   * a million entries written through every format take longer than any request may.
   */
  async streamPublished(serial: number, entities: BlockedEntitySnapshot, visit: (rows: PublishedEntry[]) => Promise<void> | void): Promise<void> {
    const select = `SELECT ${PUBLISHED_ROW} FROM "blocklist_entries" e
      JOIN "blocklist_serials" s ON s."serial" = e."added_serial"
      WHERE ${inForceAt(wholeSerial(serial), 'e.')}
      ORDER BY e."kind" COLLATE "C", e."match" COLLATE "C", e."value" COLLATE "C"`;
    await withPoolClient(this.pool, async (client) => {
      await client.query('SET statement_timeout TO 0');
      const stream = client.query(copyTo(`COPY (${select}) TO STDOUT`, { highWaterMark: 1 << 18 }));
      let rest: Buffer = Buffer.alloc(0);
      await new Promise<void>((resolve, reject) => {
        stream.on('data', (chunk: Buffer) => {
          stream.pause();
          const taken = wholeLines(rest, chunk);
          rest = taken.rest;
          let rows: PublishedEntry[];
          try {
            rows = taken.lines.map((line) => withEntity(JSON.parse(unescapeCopyText(line)) as CopiedEntry, entities, serial));
          } catch (error) {
            stream.destroy(error as Error);
            return;
          }
          // Resumed on a later turn of the event loop: requests and timers get their turn between reads.
          Promise.resolve(visit(rows)).then(
            () => setImmediate(() => stream.resume()),
            (error: Error) => stream.destroy(error),
          );
        });
        stream.on('end', () => resolve());
        stream.on('error', reject);
      });
      await client.query('RESET statement_timeout');
    });
  }

  /**
   * Runs `work` holding the publisher lock (a session advisory lock on a connection of its own, so it goes with the
   * connection if the process dies); null without running it when another publisher holds it.
   */
  async withPublisherLock<T>(work: () => Promise<T>): Promise<{ ran: true; result: T } | { ran: false }> {
    return withPoolClient(this.pool, async (client) => {
      const locked = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock($1) AS "locked"', [PUBLISHER_LOCK]);
      if (!locked.rows[0]?.locked) return { ran: false };
      try {
        return { ran: true, result: await work() };
      } finally {
        await client.query('SELECT pg_advisory_unlock($1)', [PUBLISHER_LOCK]);
      }
    });
  }
}
