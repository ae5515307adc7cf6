import type { OrganizationState } from '../domain/organization.state';

/** An organization's state folded in memory, not yet written (rebuild mode). */
export interface PendingState {
  tenant: string;
  id: string;
  state: OrganizationState;
  revision: bigint;
  position: bigint;
}

/**
 * The organizations a rebuild holds in memory, least recently touched first out: bounded, so a
 * portfolio of any size rebuilds in bounded memory (an organization that leaves is written, and
 * read back from its row if it appears again).
 */
export class PendingStates {
  private readonly entries = new Map<string, PendingState>();

  constructor(private readonly capacity: number) {}

  /** Removes and returns an organization's entry (put it back after folding). */
  take(tenant: string, id: string): PendingState | undefined {
    const key = keyOf(tenant, id);
    const entry = this.entries.get(key);
    if (entry) this.entries.delete(key);
    return entry;
  }

  /** Puts an entry back as the most recent; returns those pushed out by the capacity. */
  put(entry: PendingState): PendingState[] {
    this.entries.set(keyOf(entry.tenant, entry.id), entry);
    const out: PendingState[] = [];
    for (const [key, oldest] of this.entries) {
      if (this.entries.size <= this.capacity) break;
      this.entries.delete(key);
      out.push(oldest);
    }
    return out;
  }

  drain(): PendingState[] {
    const all = [...this.entries.values()];
    this.entries.clear();
    return all;
  }

  clear(): void {
    this.entries.clear();
  }
}

function keyOf(tenant: string, id: string): string {
  return `${tenant}\u0000${id}`;
}
