import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { SourceEmbedded } from '../platform/database/source.embedded.js';
import type { BlocklistEntryPageDto, ListBlocklistEntriesQueryDto } from './blocklist.dto.js';
import type { BlocklistEntryEntity, EntryKind, MatchMode } from './blocklist.entity.js';
import { toBlocklistEntryDto } from './blocklist.mapper.js';
import { BlocklistRepository, type NewBlocklistEntry } from './blocklist.repository.js';
import { canonicaliseEntryValue, EntryValueError } from './entry-value.js';

export interface BlocklistEntryInput {
  kind: EntryKind;
  /** As supplied; canonicalised here. */
  value: string;
  match: MatchMode;
  blockedEntityId?: string | null;
  legalBasis: string;
  source: SourceEmbedded;
}

export interface BlocklistChange {
  add: BlocklistEntryInput[];
  removeIds: string[];
}

export class InvalidEntriesError extends Error {
  constructor(readonly problems: { index: number; message: string }[]) {
    super(`${problems.length} blocklist entries are invalid: ${problems.map((p) => `#${p.index} ${p.message}`).join('; ')}`);
  }
}

/** Canonicalises every input; reports every bad one with its index rather than stopping at the first. */
export function canonicaliseEntries(inputs: BlocklistEntryInput[]): NewBlocklistEntry[] {
  const problems: { index: number; message: string }[] = [];
  const entries = inputs.flatMap((input, index) => {
    try {
      const { value, displayValue } = canonicaliseEntryValue(input.kind, input.value);
      return [
        {
          kind: input.kind,
          value,
          displayValue,
          match: input.match,
          blockedEntityId: input.blockedEntityId ?? null,
          legalBasis: input.legalBasis,
          source: input.source,
        },
      ];
    } catch (error) {
      if (!(error instanceof EntryValueError)) throw error;
      problems.push({ index, message: error.message });
      return [];
    }
  });
  if (problems.length > 0) throw new InvalidEntriesError(problems);
  return entries;
}

@Injectable()
export class BlocklistService {
  constructor(private readonly blocklist: BlocklistRepository) {}

  async list(query: ListBlocklistEntriesQueryDto): Promise<BlocklistEntryPageDto> {
    const { serial, entries, total } = await this.blocklist.listActive(query);
    return { serial, items: entries.map(toBlocklistEntryDto), total, limit: query.limit, offset: query.offset };
  }

  currentSerial(): Promise<number> {
    return this.blocklist.currentSerial();
  }

  snapshotActive(): Promise<{ serial: number; entries: BlocklistEntryEntity[] }> {
    return this.blocklist.snapshotActive();
  }

  activeIdsForBlockedEntity(manager: EntityManager, blockedEntityId: string): Promise<string[]> {
    return this.blocklist.activeIdsForBlockedEntity(manager, blockedEntityId);
  }

  /** Applies one change as one new serial, inside the caller's transaction. Returns the serial. */
  async apply(manager: EntityManager, change: BlocklistChange): Promise<number> {
    return (await this.applyCanonical(manager, canonicaliseEntries(change.add), change.removeIds)).serial;
  }

  /** Like apply, for entries already canonicalised; returns the serial and the new ids in input order. */
  async applyCanonical(
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
