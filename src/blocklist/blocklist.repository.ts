import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import { type DataSource, type EntityManager, In, IsNull } from 'typeorm';
import { BlocklistEntryEntity, BlocklistHeadEntity, BlocklistSerialEntity } from './blocklist.entity.js';
import { ENTRY_KINDS, type EntryKind, type MatchMode } from '../domain-names/entry-kinds.js';
import type { LocalisedText } from '../text/localised-text.js';
import type { SourceConfidence } from '../provenance/source.embedded.js';
import type { EntryChange, EntryProvenance, SerialProvenance, StreamedEntry } from './blocklist.read-model.js';
import { CopyBinaryReader } from './copy-binary.js';
import { withPoolClient } from '../platform/database/pool-client.js';

export type NewBlocklistEntry = Omit<
  BlocklistEntryEntity,
  'id' | 'addedSerial' | 'removedSerial' | 'blockedEntity' | 'createdAt'
>;

const INSERT_CHUNK = 2000;

/** One row of a streamed import, canonical, as staged for the checks that need the whole file (BlocklistAdminService). */
export interface StagedEntry {
  /** Line in the file. */
  line: number;
  kind: EntryKind;
  value: string;
  displayValue: string;
  match: MatchMode;
  blockedEntityId: string | null;
  /** Position, in the list the import was checked against, of the official domain this entry would block; or null. */
  licensed: number | null;
}

/**
 * What becomes of a staged row, decided in this order (as planEntries decides for a request): a repeat of an
 * earlier line, then an entry in force under the same value (other match or entity: `differs`; the same: `unchanged`
 * when in-force rows are skipped, else `in-force`), then an unknown blocked entity, then a licensed domain.
 */
export type ImportVerdict = 'add' | 'unchanged' | 'duplicate' | 'differs' | 'in-force' | 'unknown-entity' | 'licensed';

export interface ImportChecks {
  skipInForce: boolean;
  allowLicensedDomains: boolean;
  /** Blocked entity ids named by the file that no blocked entity has. */
  unknownBlockedEntityIds: string[];
  /** The serial the import's rows were added under as they were staged (not "in force" for the checks), or null. */
  serial: number | null;
}

export interface ImportProblemRow {
  line: number;
  verdict: Exclude<ImportVerdict, 'add' | 'unchanged'>;
  value: string;
  match: MatchMode;
  blockedEntityId: string | null;
  licensed: number | null;
  /** The first line with the same entry (duplicates). */
  firstLine: number;
  existing: { id: string; match: MatchMode; blockedEntityId: string | null } | null;
}

/** The same provenance for every entry of an import. */
export interface ImportProvenance {
  legalBasis: LocalisedText;
  source: { url: string | null; document: string | null; readOn: string; confidence: SourceConfidence };
}

/** How an import adds its rows while they are staged (BlocklistRepository.stageImport). */
export interface ImportWrite {
  serial: number;
  provenance: ImportProvenance;
  allowLicensedDomains: boolean;
  /** Asked before each batch: false once the import is known to fail, so no more is written to be rolled back. */
  enabled: () => boolean;
}

const STAGE = 'pg_temp."blocklist_import"';
const BATCH = 'pg_temp."blocklist_import_batch"';
const STAGE_COLUMNS = '"line", "kind", "value", "display_value", "match", "blocked_entity_id", "licensed"';
/** Rows per chunk written to COPY: about 64 kB, few enough writes and little held at once. */
const COPY_ROWS_PER_CHUNK = 800;
/** Rows per batch of an import: 62 chunks, about 4 MB held while the batch before is inserted. */
const IMPORT_BATCH_CHUNKS = 62;
const COPY_SPECIAL = /[\\\t\n\r]/;

/** A text for COPY's text format: backslash, tab and line breaks escaped (canonical values have none; be sure). */
function copyText(text: string): string {
  if (!COPY_SPECIAL.test(text)) return text;
  return text.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r'));
}

/** A staged row as COPY's text format writes it. */
function copyLine(row: StagedEntry): string {
  return (
    `${row.line}\t${row.kind}\t${copyText(row.value)}\t${row.displayValue === row.value ? '\\N' : copyText(row.displayValue)}\t` +
    `${row.match}\t${row.blockedEntityId ?? '\\N'}\t${row.licensed ?? '\\N'}\n`
  );
}

/** The rows as COPY text, in batches of IMPORT_BATCH_CHUNKS chunks of COPY_ROWS_PER_CHUNK rows. */
async function* copyBatches(rows: AsyncIterable<StagedEntry>): AsyncGenerator<string[]> {
  let batch: string[] = [];
  let chunk = '';
  let inChunk = 0;
  for await (const row of rows) {
    chunk += copyLine(row);
    if (++inChunk < COPY_ROWS_PER_CHUNK) continue;
    batch.push(chunk);
    chunk = '';
    inChunk = 0;
    if (batch.length === IMPORT_BATCH_CHUNKS) {
      yield batch;
      batch = [];
    }
  }
  if (chunk) batch.push(chunk);
  if (batch.length > 0) yield batch;
}

/** Each staged row judged, with what its problem names: the checks of an import that need the whole file. */
const JUDGED = `
  SELECT s."line", s."value", s."match", s."blocked_entity_id", s."licensed", s."first_line",
         e."id" AS "existing_id", e."match" AS "existing_match", e."blocked_entity_id" AS "existing_entity",
         CASE
           WHEN s."line" <> s."first_line" THEN 'duplicate'
           WHEN e."id" IS NOT NULL AND (e."match" <> s."match"
                                        OR (s."blocked_entity_id" IS NOT NULL AND s."blocked_entity_id" IS DISTINCT FROM e."blocked_entity_id"))
             THEN 'differs'
           WHEN e."id" IS NOT NULL THEN CASE WHEN $1 THEN 'unchanged' ELSE 'in-force' END
           WHEN s."blocked_entity_id" = ANY($3::uuid[]) THEN 'unknown-entity'
           WHEN s."licensed" IS NOT NULL AND NOT $2 THEN 'licensed'
           ELSE 'add'
         END AS "verdict"
  FROM (SELECT i.*, coalesce(d."first_line", i."line") AS "first_line"
        FROM ${STAGE} i
        -- The entries the file names more than once, hashed: 40 % less time at a million rows than a window's sort.
        LEFT JOIN (SELECT "kind", "value", min("line") AS "first_line" FROM ${STAGE} GROUP BY "kind", "value" HAVING count(*) > 1) d
          ON d."kind" = i."kind" AND d."value" = i."value") s
  LEFT JOIN "blocklist_entries" e ON e."removed_serial" IS NULL AND e."kind" = s."kind" AND e."value" = s."value"
                                 AND e."added_serial" IS DISTINCT FROM $4::bigint`;

const judgedParams = (checks: ImportChecks) => [checks.skipInForce, checks.allowLicensedDomains, checks.unknownBlockedEntityIds, checks.serial];

/**
 * In force at serial $1: added by then and not removed by then. Serials commit in order (the head row lock), so this
 * names one set of entries whatever commits meanwhile, and separate statements agree without sharing a snapshot.
 */
const IN_FORCE_AT = '"added_serial" <= $1 AND ("removed_serial" IS NULL OR "removed_serial" > $1)';
const PROVENANCE = `"legal_basis_en", "legal_basis_ru", "legal_basis_kk", "source_url", "source_document", "source_read_on", "source_confidence", "source_demo"`;
const PROVENANCE_TEXT = PROVENANCE.replace('"source_read_on"', '"source_read_on"::text');

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

const SUBTREE_FIRST_BYTE = 's'.charCodeAt(0);

/** The entry kind whose text starts at `at`: told apart by the first letter, and the fourth for ipv4 and ipv6. */
function kindAt(buffer: Buffer, at: number): EntryKind {
  switch (String.fromCharCode(buffer[at]!)) {
    case 'd':
      return 'domain';
    case 'u':
      return 'url';
    case 'c':
      return 'cidr';
    default:
      return buffer[at + 3] === '4'.charCodeAt(0) ? 'ipv4' : 'ipv6';
  }
}

/** A uuid's 16 bytes as its text, one string per distinct id (entries of one blocked entity share it). */
function uuidText(buffer: Buffer, at: number, known: Map<string, string>): string {
  const hex = buffer.toString('hex', at, at + 16);
  let text = known.get(hex);
  if (text === undefined) {
    text = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
    known.set(hex, text);
  }
  return text;
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

  /**
   * A page of the entries in force at `serial`, by keyset after (added serial, id): the entries in force at a serial
   * that has committed never change (see IN_FORCE_AT), so pages read in separate statements make up exactly one set.
   */
  async pageInForce(filter: { serial: number; kind: EntryKind | null; after: { serial: number; id: string } | null; limit: number }) {
    const query = this.dataSource
      .getRepository(BlocklistEntryEntity)
      .createQueryBuilder('entry')
      .where('entry.added_serial <= :serial AND (entry.removed_serial IS NULL OR entry.removed_serial > :serial)', { serial: filter.serial })
      .orderBy('entry.added_serial', 'ASC')
      .addOrderBy('entry.id', 'ASC')
      .limit(filter.limit);
    if (filter.kind) query.andWhere('entry.kind = :kind', { kind: filter.kind });
    if (filter.after) query.andWhere('(entry.added_serial, entry.id) > (:afterSerial, :afterId)', { afterSerial: filter.after.serial, afterId: filter.after.id });
    return query.getMany();
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
   * are never held as one result. Binary COPY, read straight off the wire: no string per id, value, kind, match or
   * number (at a million, a plain SELECT's rows cost the event loop 2.1-2.7 s; these about 0.5 s).
   */
  async streamInForce(serial: number, visit: (row: StreamedEntry) => void): Promise<void> {
    if (!Number.isSafeInteger(serial) || serial < 0) throw new Error(`Not a serial: ${serial}`);
    // COPY takes no parameters; the serial is a whole number, written in.
    const select = `SELECT "id", "value", NULLIF("display_value", "value"), "kind", "match", "blocked_entity_id", "added_serial"
                    FROM "blocklist_entries" WHERE ${IN_FORCE_AT.replaceAll('$1', String(serial))}`;
    const row: StreamedEntry = {
      bytes: Buffer.alloc(0),
      idAt: 0,
      valueAt: 0,
      valueLength: 0,
      kind: 'domain',
      displayValue: null,
      match: 'exact',
      blockedEntityId: null,
      addedSerial: 0,
    };
    const entityIds = new Map<string, string>();
    const reader = new CopyBinaryReader(7, ({ buffer, starts, lengths }) => {
      row.bytes = buffer;
      row.idAt = starts[0]!;
      row.valueAt = starts[1]!;
      row.valueLength = lengths[1]!;
      row.displayValue = lengths[2]! < 0 ? null : buffer.toString('utf8', starts[2], starts[2]! + lengths[2]!);
      row.kind = kindAt(buffer, starts[3]!);
      row.match = buffer[starts[4]!] === SUBTREE_FIRST_BYTE ? 'subtree' : 'exact';
      row.blockedEntityId = lengths[5]! < 0 ? null : uuidText(buffer, starts[5]!, entityIds);
      // A bigint, big-endian: serials stay far below 2^53.
      row.addedSerial = buffer.readInt32BE(starts[6]!) * 2 ** 32 + buffer.readUInt32BE(starts[6]! + 4);
      visit(row);
    });
    // The pool's own client, so that a read that failed half-way closes its connection rather than returning it.
    const pool = (this.dataSource.driver as unknown as { master: pg.Pool }).master;
    await withPoolClient(pool, async (client) => {
      // No statement timeout on this session, as for a publication: the read lasts as long as the list is long and the
      // event loop busy, and a bound below that would leave the index unbuilt for good (retried, cancelled, each time).
      await client.query('SET statement_timeout TO 0');
      // A megabyte of buffer lets PostgreSQL send on while the rows before are put in the index.
      const stream = client.query(copyTo(`COPY (${select}) TO STDOUT (FORMAT binary)`, { highWaterMark: 1 << 20 }));
      await new Promise<void>((resolve, reject) => {
        stream.on('data', (chunk: Buffer) => {
          // One network read a turn of the event loop: without this, reads that arrived meanwhile are parsed back to
          // back and timers and requests wait for all of them.
          stream.pause();
          setImmediate(() => stream.resume());
          try {
            reader.push(chunk);
          } catch (error) {
            stream.destroy(error as Error);
          }
        });
        stream.on('end', () => resolve());
        stream.on('error', reject);
      });
      reader.finish();
      await client.query('RESET statement_timeout');
    });
  }

  /**
   * The provenance of the entries in force at `serial`, per serial that added them: min and max of each column per
   * serial (a hash of every text of every entry cost PostgreSQL three times as long, 1.0 s against 0.36 s at a
   * million), equal where the serial's entries agree; null where they do not, or where some have a column and some not.
   */
  async provenanceBySerial(serial: number): Promise<SerialProvenance[]> {
    const columns = ['legal_basis_en', 'legal_basis_ru', 'legal_basis_kk', 'source_url', 'source_document', 'source_read_on', 'source_confidence'];
    const rows: (Record<string, string | null> & { added_serial: string; n: string; demo_all: boolean; demo_any: boolean })[] =
      await this.dataSource.query(
        `SELECT "added_serial", count(*) AS "n", bool_and("source_demo") AS "demo_all", bool_or("source_demo") AS "demo_any",
                ${columns.map((c) => `min("${c}")::text AS "min_${c}", max("${c}")::text AS "max_${c}", count("${c}") AS "n_${c}"`).join(', ')}
         FROM "blocklist_entries" WHERE ${IN_FORCE_AT} GROUP BY "added_serial"`,
        [serial],
      );
    return rows.map((row) => {
      const shared = row.demo_all === row.demo_any && columns.every((c) => row[`min_${c}`] === row[`max_${c}`] && (row[`n_${c}`] === '0' || row[`n_${c}`] === row.n));
      const value = (c: string) => row[`min_${c}`] ?? null;
      return {
        addedSerial: Number(row.added_serial),
        provenance: shared
          ? toProvenance({
              legal_basis_en: value('legal_basis_en')!,
              legal_basis_ru: value('legal_basis_ru'),
              legal_basis_kk: value('legal_basis_kk'),
              source_url: value('source_url'),
              source_document: value('source_document'),
              source_read_on: value('source_read_on')!,
              source_confidence: value('source_confidence') as SourceConfidence,
              source_demo: row.demo_all,
            })
          : null,
      };
    });
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
   * The serial the blocklist is at, and the entries added or removed after serial `from` up to it, whole: one
   * statement, so one snapshot (and one round trip for the check's every sync). At most `limit` entries (a caller
   * seeing `limit` knows there may be more and reloads instead).
   */
  async changesSince(from: number, limit: number): Promise<{ head: number; changes: EntryChange[] }> {
    const rows: (ProvenanceColumns & {
      head: string;
      id: string | null;
      kind: EntryKind;
      value: string;
      display_value: string;
      match: EntryChange['match'];
      blocked_entity_id: string | null;
      added_serial: string;
      removed_serial: string | null;
    })[] = await this.dataSource.query(
      `SELECT h."serial" AS "head", e.* FROM "blocklist_head" h LEFT JOIN LATERAL (
         SELECT "id", "kind", "value", "display_value", "match", "blocked_entity_id", "added_serial", "removed_serial", ${PROVENANCE_TEXT}
         FROM "blocklist_entries"
         WHERE ("added_serial" > $1 AND "added_serial" <= h."serial") OR ("removed_serial" > $1 AND "removed_serial" <= h."serial")
         LIMIT $2) e ON true
       WHERE h."id" = 1`,
      [from, limit],
    );
    if (!rows[0]) throw new Error('blocklist_head is missing its row');
    const changes = rows.flatMap((row) =>
      row.id === null
        ? []
        : [
            {
              id: row.id,
              kind: row.kind,
              value: row.value,
              displayValue: row.display_value === row.value ? row.value : row.display_value,
              match: row.match,
              blockedEntityId: row.blocked_entity_id,
              addedSerial: Number(row.added_serial),
              removedSerial: row.removed_serial === null ? null : Number(row.removed_serial),
              provenance: toProvenance(row),
            },
          ],
    );
    return { head: Number(rows[0].head), changes };
  }

  /**
   * The staging table for an import and the batch table its rows pass through, private to the transaction's session
   * and dropped at its end.
   */
  async createImportStage(manager: EntityManager): Promise<void> {
    // C collation: the checks sort and hash a million values, and equality does not depend on a collation.
    for (const table of [STAGE, BATCH]) {
      await manager.query(
        `CREATE TEMP TABLE ${table} ("line" integer NOT NULL, "kind" text COLLATE "C" NOT NULL, "value" text COLLATE "C" NOT NULL,
           "display_value" text, "match" text NOT NULL, "blocked_entity_id" uuid, "licensed" integer) ON COMMIT DROP`,
      );
    }
  }

  /**
   * Streams rows into the staging table by COPY, as they come (backpressure: nothing is read ahead of what
   * PostgreSQL takes but one batch), in the caller's transaction. With `write`,
   * each batch is also added to the blocklist under its serial while the next batch is read, so PostgreSQL inserts
   * while Node parses (about half an import's time at a million rows): speculatively, for the checks that need the
   * whole file come after, and a problem rolls the whole transaction back. A batch adds only what the checks would
   * let through: the first of its repeats, nothing already in force (earlier batches included), no unknown blocked
   * entity, no licensed firm's domain unless allowed. Returns how many entries it added.
   */
  async stageImport(manager: EntityManager, rows: AsyncIterable<StagedEntry>, write: ImportWrite | null): Promise<number> {
    const client = (manager.queryRunner as unknown as { databaseConnection: pg.PoolClient }).databaseConnection;
    let added = 0;
    const batchState: { failure: { error: unknown } | null } = { failure: null };
    let writing: Promise<void> = Promise.resolve();
    const flush = async () => {
      await manager.query(`INSERT INTO ${STAGE} SELECT * FROM ${BATCH}`);
      if (write?.enabled()) added += await this.insertBatch(manager, write);
      await manager.query(`TRUNCATE ${BATCH}`);
    };
    for await (const batch of copyBatches(rows)) {
      await writing;
      if (batchState.failure) throw batchState.failure.error;
      await pipeline(Readable.from(batch, { objectMode: false }), client.query(copyFrom(`COPY ${BATCH} (${STAGE_COLUMNS}) FROM STDIN`)));
      // Not awaited here: the next batch is read meanwhile. Caught at once, so a failure is never an unhandled rejection.
      writing = flush().catch((error: unknown) => {
        batchState.failure = { error };
      });
    }
    await writing;
    if (batchState.failure) throw batchState.failure.error;
    return added;
  }

  /** Statistics of the staged file, for the plans of the checks that read it whole. */
  async analyzeImportStage(manager: EntityManager): Promise<void> {
    await manager.query(`ANALYZE ${STAGE}`);
  }

  /**
   * Adds the batch's rows that may be added (see stageImport), in value order: the indexes on the value then grow
   * in runs instead of everywhere.
   */
  private async insertBatch(manager: EntityManager, write: ImportWrite): Promise<number> {
    const { legalBasis, source } = write.provenance;
    const result = await manager.queryRunner!.query(
      `INSERT INTO "blocklist_entries" ("kind", "value", "display_value", "match", "blocked_entity_id", ${PROVENANCE}, "added_serial")
       SELECT DISTINCT ON (s."kind", s."value") s."kind", s."value", coalesce(s."display_value", s."value"), s."match", s."blocked_entity_id",
              $1, $2, $3, $4, $5, $6, $7, false, $8
       FROM ${BATCH} s
       WHERE NOT EXISTS (SELECT 1 FROM "blocklist_entries" e WHERE e."removed_serial" IS NULL AND e."kind" = s."kind" AND e."value" = s."value")
         AND (s."blocked_entity_id" IS NULL OR EXISTS (SELECT 1 FROM "blocked_entities" b WHERE b."id" = s."blocked_entity_id"))
         AND (s."licensed" IS NULL OR $9)
       ORDER BY s."kind", s."value", s."line"`,
      [legalBasis.en, legalBasis.ru, legalBasis.kk, source.url, source.document, source.readOn, source.confidence, write.serial, write.allowLicensedDomains],
      true,
    );
    return result.affected ?? 0;
  }

  /** The distinct blocked entity ids the staged rows name. */
  async importBlockedEntityIds(manager: EntityManager): Promise<string[]> {
    const rows: { id: string }[] = await manager.query(
      `SELECT DISTINCT "blocked_entity_id" AS "id" FROM ${STAGE} WHERE "blocked_entity_id" IS NOT NULL`,
    );
    return rows.map((r) => r.id);
  }

  /** How many staged rows get each verdict (see ImportVerdict), in one pass over the file and the entries in force. */
  async judgeImport(manager: EntityManager, checks: ImportChecks): Promise<Map<ImportVerdict, number>> {
    const rows: { verdict: ImportVerdict; n: number }[] = await manager.query(
      `SELECT "verdict", count(*)::int AS "n" FROM (${JUDGED}) j GROUP BY "verdict"`,
      judgedParams(checks),
    );
    return new Map(rows.map((r) => [r.verdict, r.n]));
  }

  /** The first `limit` staged rows that cannot be added, by line. */
  async importProblems(manager: EntityManager, checks: ImportChecks, limit: number): Promise<ImportProblemRow[]> {
    const rows: {
      line: number;
      verdict: ImportProblemRow['verdict'];
      value: string;
      match: MatchMode;
      blocked_entity_id: string | null;
      licensed: number | null;
      first_line: number;
      existing_id: string | null;
      existing_match: MatchMode | null;
      existing_entity: string | null;
    }[] = await manager.query(
      `SELECT * FROM (${JUDGED}) j WHERE "verdict" NOT IN ('add', 'unchanged') ORDER BY "line" LIMIT $5`,
      [...judgedParams(checks), limit],
    );
    return rows.map((r) => ({
      line: r.line,
      verdict: r.verdict,
      value: r.value,
      match: r.match,
      blockedEntityId: r.blocked_entity_id,
      licensed: r.licensed,
      firstLine: r.first_line,
      existing: r.existing_id === null ? null : { id: r.existing_id, match: r.existing_match!, blockedEntityId: r.existing_entity },
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
