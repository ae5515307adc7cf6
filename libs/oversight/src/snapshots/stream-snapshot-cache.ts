import type { StreamSnapshot, StreamSnapshotSource } from './snapshot.types';

/**
 * The last state each recently commanded organization reached, in memory, least recently used
 * out first. Always safe to use, even shared by several processes or stale: the command path
 * reads the stream's tail after the cached revision, so a state cached at revision r only saves
 * reading events 0..r. States are immutable (evolve copies), so sharing them is safe.
 */
export class StreamSnapshotCache implements StreamSnapshotSource {
  private readonly entries = new Map<string, StreamSnapshot>();

  constructor(
    private readonly maxEntries = 10_000,
    /** Where to look on a miss (e.g. the read model). */
    private readonly fallback?: StreamSnapshotSource,
  ) {}

  latest(tenantId: string, organizationId: string): StreamSnapshot | null {
    const key = keyOf(tenantId, organizationId);
    const hit = this.entries.get(key);
    if (hit) {
      // Refresh its place in the LRU order.
      this.entries.delete(key);
      this.entries.set(key, hit);
    }
    // A hit is as fresh as this process's own commands; the tail read covers anyone else's.
    return hit ?? this.fallback?.latest(tenantId, organizationId) ?? null;
  }

  remember(tenantId: string, organizationId: string, snapshot: StreamSnapshot): void {
    const key = keyOf(tenantId, organizationId);
    const current = this.entries.get(key);
    if (current && current.revision >= snapshot.revision) return;
    this.entries.delete(key);
    this.entries.set(key, snapshot);
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next();
      if (oldest.done === true) break;
      this.entries.delete(oldest.value);
    }
  }

  get size(): number {
    return this.entries.size;
  }
}

function keyOf(tenantId: string, organizationId: string): string {
  return `${tenantId}\u0000${organizationId}`;
}
