// The blocklist entries in force, in the shapes the check looks them up by: names and addresses by value, URLs by
// host then path, CIDR blocks by prefix length then network. No lookup scans entries: a check costs a handful of
// map reads whether a thousand or a million entries are in force.
import ipaddr from 'ipaddr.js';
import type { EntryChange, EntryInForce, EntryRow, StreamedEntry } from '../blocklist/blocklist.read-model.js';
import { EntryStore, ProvenanceTable } from './entry-store.js';
import { NameTable } from './name-table.js';
import { ShardedMap } from './sharded-map.js';

/** The part after the scheme: a blocked URL matches over http and https alike. */
function withoutScheme(url: string): string {
  if (url.startsWith('https://')) return url.slice(8);
  if (url.startsWith('http://')) return url.slice(7);
  return url;
}

/** `host[:port]`, path and query (null: none) of a normalised URL (domain-names/url-path.ts: the path starts with `/`). */
function urlParts(url: string): { host: string; path: string; query: string | null } {
  const rest = withoutScheme(url);
  const slash = rest.indexOf('/');
  const host = slash === -1 ? rest : rest.slice(0, slash);
  const pathAndQuery = slash === -1 ? '/' : rest.slice(slash);
  const mark = pathAndQuery.indexOf('?');
  return mark === -1
    ? { host, path: pathAndQuery, query: null }
    : { host, path: pathAndQuery.slice(0, mark), query: pathAndQuery.slice(mark + 1) };
}

/** Longest prefix first, by prefix length then network; at most 33 (IPv4) or 129 (IPv6) map reads a lookup. */
class CidrTable {
  private readonly byLength = { ipv4: new Map<number, Map<string, number>>(), ipv6: new Map<number, Map<string, number>>() };
  private readonly lengths = { ipv4: [] as number[], ipv6: [] as number[] };

  /** The network's bytes, masked to `length` bits, as text: the key of every address inside it. */
  private static key(bytes: number[], length: number): string {
    let key = '';
    for (let i = 0; i * 8 < length; i++) {
      const bits = Math.min(8, length - i * 8);
      key += `${bytes[i]! & ((0xff << (8 - bits)) & 0xff)}.`;
    }
    return key;
  }

  get(value: string): number | undefined {
    const [network, length] = ipaddr.parseCIDR(value);
    return this.byLength[network.kind()].get(length)?.get(CidrTable.key(network.toByteArray(), length));
  }

  set(value: string, slot: number): void {
    const [network, length] = ipaddr.parseCIDR(value);
    const family = network.kind();
    let networks = this.byLength[family].get(length);
    if (!networks) {
      networks = new Map();
      this.byLength[family].set(length, networks);
      this.lengths[family] = [...this.byLength[family].keys()].sort((a, b) => b - a);
    }
    networks.set(CidrTable.key(network.toByteArray(), length), slot);
  }

  delete(value: string): void {
    const [network, length] = ipaddr.parseCIDR(value);
    const family = network.kind();
    const networks = this.byLength[family].get(length);
    if (!networks) return;
    networks.delete(CidrTable.key(network.toByteArray(), length));
    if (networks.size === 0) {
      this.byLength[family].delete(length);
      this.lengths[family] = this.lengths[family].filter((l) => l !== length);
    }
  }

  find(address: ipaddr.IPv4 | ipaddr.IPv6): number | undefined {
    const family = address.kind();
    const bytes = address.toByteArray();
    for (const length of this.lengths[family]) {
      const slot = this.byLength[family].get(length)!.get(CidrTable.key(bytes, length));
      if (slot !== undefined) return slot;
    }
    return undefined;
  }
}

/** Names (domains) and addresses (ipv4, ipv6) are looked up in name tables; URLs and CIDR blocks by their text. */
function inNameTable(kind: EntryRow['kind']): kind is 'domain' | 'ipv4' | 'ipv6' {
  return kind === 'domain' || kind === 'ipv4' || kind === 'ipv6';
}

export class EntryIndex {
  readonly provenances = new ProvenanceTable();
  private readonly store = new EntryStore();
  private readonly names = new NameTable();
  private readonly addresses = new NameTable();
  /** host[:port] → path → the entries on that path (several when they differ by query). */
  private readonly urls = new ShardedMap<Map<string, number[]>>();
  private readonly cidrs = new CidrTable();
  private count = 0;

  get size(): number {
    return this.count;
  }

  /**
   * Adds an entry, replacing one in force with the same kind and value (the database allows one). `fresh`: the caller
   * knows there is none (a full build, read from the database), which spares a lookup per entry.
   */
  add(row: EntryRow | StreamedEntry, provenance: number, fresh = false): void {
    this.link(this.hold(row, provenance), fresh);
  }

  /**
   * Applies changes read after this index's serial, in two steps: everything that allocates first (slots, names,
   * provenance), then the updates that make them visible, with no await between them, so a lookup sees all of one
   * serial's changes or none. `upTo` is the serial the changes were read up to.
   */
  apply(changes: EntryChange[], upTo: number): void {
    const removed = changes.filter((c) => c.removedSerial !== null && c.removedSerial <= upTo);
    const added = changes
      .filter((c) => c.removedSerial === null || c.removedSerial > upTo)
      .map((c) => this.hold(c, this.provenances.intern(c.provenance)));
    for (const change of removed) this.remove(change);
    for (const slot of added) this.link(slot);
  }

  /** Takes off the entry with this id, if it is the one in force under its kind and value. */
  remove(row: Pick<EntryRow, 'id' | 'kind' | 'value'>): void {
    const slot = this.slotOf(row.kind, row.value);
    if (slot === undefined || this.store.id(slot) !== row.id) return;
    this.unlink(slot);
    this.store.release(slot);
  }

  /** Every live slot is below this (a full build walks them to give each its provenance). */
  get slotLimit(): number {
    return this.store.slots;
  }

  isLive(slot: number): boolean {
    return this.store.isLive(slot);
  }

  addedSerial(slot: number): number {
    return this.store.addedSerial(slot);
  }

  id(slot: number): string {
    return this.store.id(slot);
  }

  setProvenance(slot: number, provenance: number): void {
    this.store.setProvenance(slot, provenance);
  }

  isSubtree(slot: number): boolean {
    return this.store.match(slot) === 'subtree';
  }

  /** The entry as the rest of the check reads it (built for an answer, never kept). */
  entry(slot: number): EntryInForce {
    const { legalBasis, source } = this.provenances.get(this.store.provenance(slot));
    const value = this.valueOf(slot);
    return {
      id: this.store.id(slot),
      kind: this.store.kind(slot),
      value,
      displayValue: this.store.display(slot) ?? value,
      match: this.store.match(slot),
      blockedEntityId: this.store.blockedEntityId(slot),
      legalBasis,
      addedSerial: this.store.addedSerial(slot),
      source,
    };
  }

  /** The domain entry on exactly this name. */
  findName(name: string): number | undefined {
    return this.names.find(name);
  }

  /** The IP entry on this address, or else the narrowest CIDR block holding it. */
  findAddress(host: string): number | undefined {
    return this.addresses.find(host) ?? this.cidrs.find(ipaddr.parse(host));
  }

  /**
   * The URL entry covering a normalised URL: one for exactly its query, then one for its path with any query, then
   * the nearest subtree entry above its path (on a segment boundary). Entries with a query cover only that query.
   */
  findUrl(url: string): number | undefined {
    const { host, path, query } = urlParts(url);
    const paths = this.urls.get(host);
    if (!paths) return undefined;
    const hasQuery = (slot: number, wanted: string | null) => urlParts(this.valueOf(slot)).query === wanted;
    const here = paths.get(path) ?? [];
    const exact = (query === null ? undefined : here.find((slot) => hasQuery(slot, query))) ?? here.find((slot) => hasQuery(slot, null));
    if (exact !== undefined) return exact;
    for (let cut = path.lastIndexOf('/'); cut >= 0; cut = path.lastIndexOf('/', cut - 1)) {
      const above = cut === 0 ? '/' : path.slice(0, cut);
      if (above !== path) {
        const found = paths.get(above)?.find((slot) => this.isSubtree(slot) && hasQuery(slot, null));
        if (found !== undefined) return found;
      }
      if (cut === 0) break;
    }
    return undefined;
  }

  private valueOf(slot: number): string {
    const kind = this.store.kind(slot);
    if (kind === 'domain') return this.names.name(slot);
    if (kind === 'ipv4' || kind === 'ipv6') return this.addresses.name(slot);
    return this.store.value(slot)!;
  }

  /** A slot with the entry's fields and its value held, not yet found by any lookup. */
  private hold(row: EntryRow | StreamedEntry, provenance: number): number {
    if (!inNameTable(row.kind)) {
      const value =
        'bytes' in row
          ? Buffer.from(row.bytes.buffer, row.bytes.byteOffset, row.bytes.byteLength).toString('utf8', row.valueAt, row.valueAt + row.valueLength)
          : row.value;
      return this.store.add(row, provenance, value);
    }
    const slot = this.store.add(row, provenance, null);
    const table = row.kind === 'domain' ? this.names : this.addresses;
    if ('bytes' in row) table.hold(slot, row.bytes, row.valueAt, row.valueLength);
    else table.holdText(slot, row.value);
    return slot;
  }

  private slotOf(kind: EntryRow['kind'], value: string): number | undefined {
    switch (kind) {
      case 'domain':
        return this.names.find(value);
      case 'ipv4':
      case 'ipv6':
        return this.addresses.find(value);
      case 'cidr':
        return this.cidrs.get(value);
      case 'url': {
        const { host, path } = urlParts(value);
        return this.urls.get(host)?.get(path)?.find((slot) => this.store.value(slot) === value);
      }
    }
  }

  private link(slot: number, fresh = false): void {
    const kind = this.store.kind(slot);
    const value = fresh && inNameTable(kind) ? '' : this.valueOf(slot);
    const previous = fresh ? undefined : this.slotOf(kind, value);
    if (previous !== undefined) {
      this.unlink(previous);
      this.store.release(previous);
    }
    this.count += 1;
    switch (kind) {
      case 'domain':
        this.names.link(slot);
        break;
      case 'ipv4':
      case 'ipv6':
        this.addresses.link(slot);
        break;
      case 'cidr':
        this.cidrs.set(value, slot);
        break;
      case 'url': {
        const { host, path } = urlParts(value);
        let paths = this.urls.get(host);
        if (!paths) {
          paths = new Map();
          this.urls.set(host, paths);
        }
        const onPath = paths.get(path);
        if (onPath) onPath.push(slot);
        else paths.set(path, [slot]);
        break;
      }
    }
  }

  private unlink(slot: number): void {
    const kind = this.store.kind(slot);
    this.count -= 1;
    switch (kind) {
      case 'domain':
        this.names.unlink(slot);
        break;
      case 'ipv4':
      case 'ipv6':
        this.addresses.unlink(slot);
        break;
      case 'cidr':
        this.cidrs.delete(this.valueOf(slot));
        break;
      case 'url': {
        const { host, path } = urlParts(this.valueOf(slot));
        const paths = this.urls.get(host);
        const onPath = paths?.get(path)?.filter((s) => s !== slot);
        if (!paths || !onPath) break;
        if (onPath.length > 0) paths.set(path, onPath);
        else paths.delete(path);
        if (paths.size === 0) this.urls.delete(host);
        break;
      }
    }
  }
}
