import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { BlocklistEntryPageDto, ListBlocklistEntriesQueryDto } from './blocklist.dto.js';
import { toBlocklistEntryDto } from './blocklist.mapper.js';
import type { BlocklistSnapshot, EntryChange, EntryProvenance, SerialProvenance, StreamedEntry } from './blocklist.read-model.js';
import { BlocklistRepository, type NewBlocklistEntry } from './blocklist.repository.js';
import { decodeCursor, encodeCursor } from './entries-cursor.js';
import { listingMessages } from './blocklist.errors.js';
import { ValidationProblem } from '../platform/http/problem.js';

/** Reads of the blocklist, and the serial step every write goes through (BlocklistAdminService decides what). */
@Injectable()
export class BlocklistService {
  constructor(private readonly blocklist: BlocklistRepository) {}

  /** One page of the entries in force at one serial: the query's, the cursor's, or the serial now. */
  async list(query: ListBlocklistEntriesQueryDto): Promise<BlocklistEntryPageDto> {
    const cursor = query.cursor === undefined ? null : decodeCursor(query.cursor);
    if (query.cursor !== undefined && !cursor) {
      throw new ValidationProblem([{ field: 'cursor', messages: [listingMessages.badCursor()] }]);
    }
    if (cursor && query.serial !== undefined && query.serial !== cursor.serial) {
      throw new ValidationProblem([{ field: 'serial', messages: [listingMessages.serialDiffers(query.serial, cursor.serial)] }]);
    }
    if (cursor && query.kind !== undefined && query.kind !== cursor.kind) {
      throw new ValidationProblem([{ field: 'kind', messages: [listingMessages.kindDiffers(query.kind, cursor.kind)] }]);
    }
    const head = await this.blocklist.headSerial();
    const serial = cursor?.serial ?? query.serial ?? head;
    if (serial > head) {
      throw new ValidationProblem([{ field: 'serial', messages: [listingMessages.serialAhead(serial, head)] }]);
    }
    const kind = cursor ? cursor.kind : (query.kind ?? null);
    const after = cursor ? { serial: cursor.afterSerial, id: cursor.afterId } : null;
    // One more than asked: whether a next page exists, without a count over every entry.
    const rows = await this.blocklist.pageInForce({ serial, kind, after, limit: query.limit + 1 });
    const items = rows.slice(0, query.limit).map(toBlocklistEntryDto);
    const last = items.at(-1);
    const nextCursor =
      rows.length > query.limit && last ? encodeCursor({ serial, kind, afterSerial: last.addedSerial, afterId: last.id }) : null;
    return { serial, items, limit: query.limit, nextCursor };
  }

  currentSerial(manager?: EntityManager): Promise<number> {
    return this.blocklist.currentSerial(manager);
  }

  /** Every entry in force and the serial they make up, from one snapshot. */
  async snapshot(): Promise<BlocklistSnapshot> {
    const { serial, entries } = await this.blocklist.snapshotActive();
    return { serial, entries: entries.map(toBlocklistEntryDto) };
  }

  /** The serial the blocklist is at now. */
  headSerial(): Promise<number> {
    return this.blocklist.headSerial();
  }

  /** Every entry in force at `serial`, as the rows arrive, without provenance (see provenanceBySerial). */
  streamInForce(serial: number, visit: (row: StreamedEntry) => void): Promise<void> {
    return this.blocklist.streamInForce(serial, visit);
  }

  /** The provenance the entries in force at `serial` share, per serial that added them (null: they differ). */
  provenanceBySerial(serial: number): Promise<SerialProvenance[]> {
    return this.blocklist.provenanceBySerial(serial);
  }

  /** Each entry's own provenance, for the entries in force at `serial` added in one of `addedSerials`. */
  provenanceOfEntries(serial: number, addedSerials: number[]): Promise<{ id: string; provenance: EntryProvenance }[]> {
    return this.blocklist.provenanceOfEntries(serial, addedSerials);
  }

  /** The serial now, and the entries added or removed after `from` up to it (at most `limit`), from one snapshot. */
  changesSince(from: number, limit: number): Promise<{ head: number; changes: EntryChange[] }> {
    return this.blocklist.changesSince(from, limit);
  }

  /** Applies one change as one new serial, inside the caller's transaction; the new ids in input order. */
  async apply(
    manager: EntityManager,
    add: NewBlocklistEntry[],
    removeIds: string[],
  ): Promise<{ serial: number; addedIds: string[] }> {
    const serial = await this.blocklist.advanceSerial(manager);
    const removed = await this.blocklist.markRemoved(manager, removeIds, serial);
    const addedIds = await this.blocklist.insert(manager, add, serial);
    await this.blocklist.recordCounts(manager, serial, add.length, removed);
    return { serial, addedIds };
  }
}
