/**
 * A Map that keeps at most `max` entries, dropping the least recently stored first: the
 * per-process caches (verified tokens, sessions being answered, students' skill rows)
 * that must not grow with the number of users.
 */
export class BoundedMap<K, V> {
  private readonly map = new Map<K, V>();
  constructor(private readonly max: number) {}

  get(key: K): V | undefined {
    return this.map.get(key);
  }

  /** Stores `value` as the newest entry, evicting the oldest when over the bound. */
  set(key: K, value: V): void {
    this.map.delete(key);
    this.map.set(key, value);
    if (this.map.size > this.max) this.map.delete(this.map.keys().next().value as K);
  }

  delete(key: K): void {
    this.map.delete(key);
  }

  get size(): number {
    return this.map.size;
  }
}
