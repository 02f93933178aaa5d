// A Map of strings split into shards by a hash of the key. A single Map of a million keys rehashes all of them at
// once when it grows or shrinks past a size step: 60-100 ms with the event loop blocked (measured at 900,000 keys on
// the 2-core CI machine). A shard holds a few thousand keys, so no single set or delete ever costs more than that.

const SHARD_BITS = 8;
const SHARD_MASK = (1 << SHARD_BITS) - 1;

/** FNV-1a over the UTF-16 code units, folded so the low bits depend on every character. */
function shardOf(key: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) hash = Math.imul(hash ^ key.charCodeAt(i), 0x01000193);
  return (hash ^ (hash >>> 16)) & SHARD_MASK;
}

export class ShardedMap<V> {
  private readonly shards: Map<string, V>[] = Array.from({ length: SHARD_MASK + 1 }, () => new Map<string, V>());
  private count = 0;

  get size(): number {
    return this.count;
  }

  get(key: string): V | undefined {
    return this.shards[shardOf(key)]!.get(key);
  }

  set(key: string, value: V): void {
    const shard = this.shards[shardOf(key)]!;
    const before = shard.size;
    shard.set(key, value);
    this.count += shard.size - before;
  }

  delete(key: string): boolean {
    const deleted = this.shards[shardOf(key)]!.delete(key);
    if (deleted) this.count -= 1;
    return deleted;
  }
}
