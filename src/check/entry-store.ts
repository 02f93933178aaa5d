// The entries in force, held column by column in slots: a million of them as a few typed arrays and the strings
// that must be strings (the value, which the lookup maps also key on), instead of a million objects. Measured at
// 900,000 entries: 77 MB of heap against 219 MB as one object per entry, and no pause of the event loop from
// promoting those objects. Provenance (legal basis and source) is held once per distinct value.
import type { EntryInForce, EntryProvenance, EntryRow } from '../blocklist/blocklist.read-model.js';
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

function hexDigit(code: number): number {
  if (code >= 48 && code <= 57) return code - 48;
  if (code >= 97 && code <= 102) return code - 87;
  return -1;
}

/** 8 hex digits of `id` from `start`, skipping a dash at `dashAt` (or -1); NaN when not lower-case hex. */
function hexWord(id: string, start: number, dashAt: number): number {
  let word = 0;
  for (let i = start, digits = 0; digits < 8; i++) {
    if (i === dashAt) {
      if (id.charCodeAt(i) !== 45) return Number.NaN;
      continue;
    }
    const digit = hexDigit(id.charCodeAt(i));
    if (digit < 0) return Number.NaN;
    word = word * 16 + digit;
    digits += 1;
  }
  return word;
}

function hex8(word: number): string {
  return word.toString(16).padStart(8, '0');
}

export class EntryStore {
  private capacity = 0;
  private highWater = 0;
  private readonly free: number[] = [];
  /** A UUID as four 32-bit words (16 bytes instead of a 36-character string). */
  private idWords = new Uint32Array(0);
  /** Ids that are not lower-case UUIDs (the database gives only those; records built in tests may not). */
  private readonly otherIds = new Map<number, string>();
  private serials = new Float64Array(0);
  /** ENTRY_KINDS index times 2, plus 1 for subtree; FREE for an empty slot. */
  private codes = new Uint8Array(0);
  private provenances = new Int32Array(0);
  private readonly values: string[] = [];
  /** null where the display value is the value. */
  private readonly displays: (string | null)[] = [];
  private readonly blockedEntityIds: (string | null)[] = [];
  /** One string per blocked entity id, however many entries name it. */
  private readonly entityIds = new Map<string, string>();

  /** Slots ever used: every live slot is below this. */
  get slots(): number {
    return this.highWater;
  }

  add(row: EntryRow, provenance: number): number {
    const slot = this.free.pop() ?? this.nextSlot();
    const { id } = row;
    const words = [hexWord(id, 0, -1), hexWord(id, 9, 13), hexWord(id, 19, 23), hexWord(id, 28, -1)];
    if (id.length === 36 && id.charCodeAt(8) === 45 && words.every((w) => !Number.isNaN(w))) {
      this.idWords.set(words, slot * 4);
      this.otherIds.delete(slot);
    } else {
      this.otherIds.set(slot, id);
    }
    this.serials[slot] = row.addedSerial;
    this.codes[slot] = ENTRY_KINDS.indexOf(row.kind) * 2 + (row.match === 'subtree' ? 1 : 0);
    this.provenances[slot] = provenance;
    this.values[slot] = row.value;
    this.displays[slot] = row.displayValue === row.value ? null : row.displayValue;
    this.blockedEntityIds[slot] = row.blockedEntityId === null ? null : this.entityId(row.blockedEntityId);
    return slot;
  }

  release(slot: number): void {
    this.codes[slot] = FREE;
    this.values[slot] = '';
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
    const w = this.idWords.subarray(slot * 4, slot * 4 + 4);
    const [a, b, c, d] = [hex8(w[0]!), hex8(w[1]!), hex8(w[2]!), hex8(w[3]!)];
    return `${a}-${b.slice(0, 4)}-${b.slice(4)}-${c.slice(0, 4)}-${c.slice(4)}${d}`;
  }

  value(slot: number): string {
    return this.values[slot]!;
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

  /** The entry as the rest of the check reads it (built for an answer, never kept). */
  toEntry(slot: number, provenances: ProvenanceTable): EntryInForce {
    const { legalBasis, source } = provenances.get(this.provenance(slot));
    const value = this.value(slot);
    return {
      id: this.id(slot),
      kind: this.kind(slot),
      value,
      displayValue: this.displays[slot] ?? value,
      match: this.match(slot),
      blockedEntityId: this.blockedEntityId(slot),
      legalBasis,
      addedSerial: this.addedSerial(slot),
      source,
    };
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
    const grown = <T extends Uint32Array | Float64Array | Uint8Array | Int32Array>(old: T, make: (n: number) => T, per = 1): T => {
      const next = make(this.capacity * per);
      next.set(old);
      return next;
    };
    this.idWords = grown(this.idWords, (n) => new Uint32Array(n), 4);
    this.serials = grown(this.serials, (n) => new Float64Array(n));
    this.codes = grown(this.codes, (n) => new Uint8Array(n));
    this.provenances = grown(this.provenances, (n) => new Int32Array(n));
  }
}
