/**
 * A Map that keeps only the `max` most recently set keys, for per-person caches that must not grow with
 * every person who ever wrote: setting a key makes it the newest (a Map iterates in insertion order), and
 * the oldest goes when the map is full.
 */
export class RecentMap<K, V> extends Map<K, V> {
  constructor(private readonly max: number) {
    super();
  }

  override set(key: K, value: V): this {
    super.delete(key);
    super.set(key, value);
    if (this.size > this.max) super.delete(this.keys().next().value as K);
    return this;
  }
}
