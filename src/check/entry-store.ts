// The entries in force, held column by column in slots: a million of them as a few typed arrays (names and addresses
// in the index's name tables), instead of a million objects. Measured at
// 900,000 entries: about 80 MB of heap against 219 MB as one object per entry, and no pause of the event loop from
// promoting those objects. Ids are their 16 bytes in one buffer, as the database streams them (no string per id).
// Provenance (legal basis and source) is held once per distinct value.
import type { EntryProvenance, EntryRow, StreamedEntry } from '../blocklist/blocklist.read-model.js';
import { ENTRY_KINDS, type EntryKind, type MatchMode } from '../domain-names/entry-kinds.js';

/** The distinct provenances of the entries: thousands of entries written together share one. */
export class ProvenanceTable {
  private readonly list: EntryProvenance[] = [];
  private readonly byKey = new Map<string, number>();

  intern(provenance: EntryProvenance): number {
    const { legalBasis: l, source: s } = provenance;
    const key = JSON.stringify([l.en, l.ru, l.kk, s.url, s.document, s.readOn, s.confidence, s.demo]);
    let index = this.byKey.get(key);
    if (index === undefined) {
      index = this.list.push(provenance) - 1;
      this.byKey.set(key, index);
    }
    return index;
  }

  get(index: number): EntryProvenance {
    const provenance = this.list[index];
    if (!provenance) throw new Error(`No provenance ${index} in the check index`);
    return provenance;
  }
}

/** A slot whose provenance is not known yet (a full build assigns it after reading the entries). */
export const PROVENANCE_PENDING = -1;
const FREE = 0xff;

const UUID_BYTES = 16;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export class EntryStore {
  private capacity = 0;
  private highWater = 0;
  private readonly free: number[] = [];
  /** Each slot's id as the 16 bytes of a UUID (the database's ids are uuid). */
  private ids = Buffer.alloc(0);
  /** Ids that are not UUIDs in their lower-case text form (records built in tests). */
  private readonly otherIds = new Map<number, string>();
  private serials = new Float64Array(0);
  /** ENTRY_KINDS index times 2, plus 1 for subtree; FREE for an empty slot. */
  private codes = new Uint8Array(0);
  private provenances = new Int32Array(0);
  /** URLs and CIDR blocks (names and addresses are in the index's name tables). */
  private readonly values: (string | null)[] = [];
  /** null where the display value is the value. */
  private readonly displays: (string | null)[] = [];
  private readonly blockedEntityIds: (string | null)[] = [];
  /** One string per blocked entity id, however many entries name it. */
  private readonly entityIds = new Map<string, string>();

  /** Slots ever used: every live slot is below this. */
  get slots(): number {
    return this.highWater;
  }

  /** `value`: the value, for the kinds whose lookup keeps it as a string (null: a name table holds it). */
  add(row: EntryRow | StreamedEntry, provenance: number, value: string | null): number {
    const slot = this.free.pop() ?? this.nextSlot();
    this.setId(slot, row);
    this.serials[slot] = row.addedSerial;
    this.codes[slot] = ENTRY_KINDS.indexOf(row.kind) * 2 + (row.match === 'subtree' ? 1 : 0);
    this.provenances[slot] = provenance;
    this.values[slot] = value;
    this.displays[slot] = 'bytes' in row || row.displayValue !== row.value ? row.displayValue : null;
    this.blockedEntityIds[slot] = row.blockedEntityId === null ? null : this.entityId(row.blockedEntityId);
    return slot;
  }

  release(slot: number): void {
    this.codes[slot] = FREE;
    this.values[slot] = null;
    this.displays[slot] = null;
    this.blockedEntityIds[slot] = null;
    this.otherIds.delete(slot);
    this.free.push(slot);
  }

  isLive(slot: number): boolean {
    return this.codes[slot] !== FREE;
  }

  id(slot: number): string {
    const other = this.otherIds.get(slot);
    if (other !== undefined) return other;
    const hex = this.ids.toString('hex', slot * UUID_BYTES, (slot + 1) * UUID_BYTES);
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  }

  /** The value kept as a string (URLs and CIDR blocks), else null. */
  value(slot: number): string | null {
    return this.values[slot] ?? null;
  }

  /** The display value, null where it is the value. */
  display(slot: number): string | null {
    return this.displays[slot] ?? null;
  }

  kind(slot: number): EntryKind {
    return ENTRY_KINDS[this.codes[slot]! >> 1]!;
  }

  match(slot: number): MatchMode {
    return this.codes[slot]! & 1 ? 'subtree' : 'exact';
  }

  addedSerial(slot: number): number {
    return this.serials[slot]!;
  }

  blockedEntityId(slot: number): string | null {
    return this.blockedEntityIds[slot]!;
  }

  provenance(slot: number): number {
    return this.provenances[slot]!;
  }

  setProvenance(slot: number, provenance: number): void {
    this.provenances[slot] = provenance;
  }

  private setId(slot: number, row: EntryRow | StreamedEntry): void {
    const at = slot * UUID_BYTES;
    if ('bytes' in row) {
      for (let i = 0; i < UUID_BYTES; i++) this.ids[at + i] = row.bytes[row.idAt + i]!;
      this.otherIds.delete(slot);
    } else if (UUID.test(row.id)) {
      this.ids.write(row.id.replaceAll('-', ''), at, UUID_BYTES, 'hex');
      this.otherIds.delete(slot);
    } else {
      this.otherIds.set(slot, row.id);
    }
  }

  private entityId(id: string): string {
    let interned = this.entityIds.get(id);
    if (interned === undefined) {
      interned = id;
      this.entityIds.set(id, id);
    }
    return interned;
  }

  private nextSlot(): number {
    if (this.highWater === this.capacity) this.grow();
    return this.highWater++;
  }

  private grow(): void {
    this.capacity = Math.max(1024, this.capacity * 2);
    const grown = <T extends Float64Array | Uint8Array | Int32Array>(old: T, make: (n: number) => T, per = 1): T => {
      const next = make(this.capacity * per);
      next.set(old);
      return next;
    };
    this.ids = grown(this.ids, (n) => Buffer.alloc(n), UUID_BYTES);
    this.serials = grown(this.serials, (n) => new Float64Array(n));
    this.codes = grown(this.codes, (n) => new Uint8Array(n));
    this.provenances = grown(this.provenances, (n) => new Int32Array(n));
  }
}
