// A small per-container cache for data that rarely changes (organisations, the caller's account):
// an entry is served for `ttlMs` after it was read, then read again. Bounded, oldest out first.
export class TtlCache<V> {
  readonly #entries = new Map<string, { value: V; until: number }>();
  readonly #ttlMs: number;
  readonly #max: number;

  constructor(ttlMs: number, max = 1000) {
    this.#ttlMs = ttlMs;
    this.#max = max;
  }

  /** The cached value, or what `load` reads (only found values are kept; a miss is read again). */
  async get(key: string, load: () => Promise<V | undefined>): Promise<V | undefined> {
    const hit = this.#entries.get(key);
    if (hit && hit.until > Date.now()) return hit.value;
    const value = await load();
    if (value === undefined) {
      this.#entries.delete(key);
      return undefined;
    }
    this.#entries.delete(key);
    this.#entries.set(key, { value, until: Date.now() + this.#ttlMs });
    if (this.#entries.size > this.#max) this.#entries.delete(this.#entries.keys().next().value!);
    return value;
  }

  /** Drops an entry this container changed, so its next read sees the change. */
  forget(key: string): void {
    this.#entries.delete(key);
  }
}
