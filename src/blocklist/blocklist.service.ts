import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { BlocklistEntryPageDto, ListBlocklistEntriesQueryDto } from './blocklist.dto.js';
import { toBlocklistEntryDto } from './blocklist.mapper.js';
import type { BlocklistSnapshot, EntryChange, EntryProvenance, SerialProvenance, StreamedEntry } from './blocklist.read-model.js';
import { BlocklistRepository, type NewBlocklistEntry } from './blocklist.repository.js';

/** Reads of the blocklist, and the serial step every write goes through (BlocklistAdminService decides what). */
@Injectable()
export class BlocklistService {
  constructor(private readonly blocklist: BlocklistRepository) {}

  async list(query: ListBlocklistEntriesQueryDto): Promise<BlocklistEntryPageDto> {
    const { serial, entries, total } = await this.blocklist.listActive(query);
    return { serial, items: entries.map(toBlocklistEntryDto), total, limit: query.limit, offset: query.offset };
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
