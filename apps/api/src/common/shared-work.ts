/**
 * Expensive answers shared by the requests that ask for them at the same time: the first asker of
 * a key starts the computation, the others join it; a finished answer is reused for `reuseMs`
 * more (a burst of aliases, or the relations of one page), then computed afresh. The bound keeps
 * answers honest: a row changed in the database behind the server's back is seen within
 * `reuseMs` of the next question, never hidden by a cache.
 */
export class SharedWork<V> {
  private readonly entries = new Map<string, { value: Promise<V>; doneAt: number | null }>();

  constructor(
    private readonly reuseMs = 1000,
    private readonly keep = 16,
  ) {}

  get(key: string, compute: () => Promise<V>): Promise<V> {
    const found = this.entries.get(key);
    if (found && (found.doneAt === null || performance.now() - found.doneAt <= this.reuseMs)) return found.value;
    const entry: { value: Promise<V>; doneAt: number | null } = { value: compute(), doneAt: null };
    this.entries.set(key, entry);
    entry.value.then(
      () => (entry.doneAt = performance.now()),
      () => this.entries.get(key) === entry && this.entries.delete(key),
    );
    // Oldest first: a Map iterates in insertion order.
    while (this.entries.size > this.keep) this.entries.delete(this.entries.keys().next().value!);
    return entry.value;
  }
}
