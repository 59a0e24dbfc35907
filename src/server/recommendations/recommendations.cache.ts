/**
 * Prepared events kept in this process, keyed by event and the event's people version (which
 * the database bumps whenever the event's people change). The version is read from the
 * database on every request, so several processes on one database each keep their own cache
 * and none of them serves a stale build.
 */
export class VersionedCache<Value extends { readonly version: number }> {
  /** Least recently used first: a Map iterates in insertion order. */
  private readonly entries = new Map<string, { version: number; value: Promise<Value> }>();
  /** Builds started, for tests and the benchmark. */
  builds = 0;

  constructor(private readonly capacity: number) {}

  /**
   * The value for `key` at `version` or newer. On a miss `build` runs once, however many callers
   * ask meanwhile: they all wait for the same build. A failed build is forgotten.
   */
  get(key: string, version: number, build: () => Promise<Value>): Promise<Value> {
    const entry = this.entries.get(key);
    if (entry && entry.version >= version) {
      this.entries.delete(key);
      this.entries.set(key, entry);
      return entry.value;
    }
    this.builds++;
    const fresh = { version, value: build() };
    this.entries.delete(key);
    this.entries.set(key, fresh);
    fresh.value.then(
      (value) => {
        // The build may have read a newer version than was asked for.
        if (this.entries.get(key) === fresh && value.version > fresh.version) fresh.version = value.version;
      },
      () => {
        if (this.entries.get(key) === fresh) this.entries.delete(key);
      },
    );
    while (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next().value as string;
      this.entries.delete(oldest);
    }
    return fresh.value;
  }

  get size(): number {
    return this.entries.size;
  }
}
