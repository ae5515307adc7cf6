import type { EventStore } from '../../../event-store/src/event-store.port';
import type { CheckpointData } from './checkpoint';
import { readLastCheckpoint, type SealingBase } from './ledger-guard';
import { appendCheckpoint, sameHead } from './ledger-seal';
import type { SignedHeadStore } from './signed-head-file';
import type { LedgerSigner } from './signing-key';

/** A sealing session: the verified state it continues from, and how much of it is sealed. */
export interface Session extends SealingBase {
  sealedSize: number;
}

/** Another instance sealed first: start a new session, which verifies its checkpoints too. */
export class Restart extends Error {}

export interface SealerDeps {
  store: EventStore;
  signer: LedgerSigner;
  head: SignedHeadStore;
  now?: () => Date;
  onCheckpoint?: (data: CheckpointData) => void;
  /** Whether this session may still seal (not halted, not replaced). */
  active: () => boolean;
  halt: (reason: string) => void;
  changed: () => void;
}

/**
 * Seals one session's unsealed events, one seal at a time. Before each signature it re-reads the
 * latest checkpoint in the store and the head kept outside it: if either is not the one this
 * session signed last, a newer one means another instance (start over), anything else halts.
 */
export class SessionSealer {
  private queue: Promise<void> = Promise.resolve();

  constructor(
    readonly session: Session,
    private readonly deps: SealerDeps,
  ) {}

  /** Seals every event the session has verified so far (nothing when all are sealed). */
  sealPending(): Promise<void> {
    const s = this.session;
    const v = s.verifier;
    if (!this.deps.active() || v.count === s.sealedSize) return this.settled();
    const payload = {
      fromPosition: String(s.leaves.positionAt(s.sealedSize)),
      toPosition: String(s.leaves.positionAt(v.count - 1)),
      eventCount: v.count - s.sealedSize,
      rootHash: v.root,
      treeSize: v.count,
      treeRoot: v.tree.root(),
    };
    s.sealedSize = v.count;
    const next = this.queue.catch(() => undefined).then(() => this.seal(payload));
    this.queue = next;
    return next;
  }

  /** Resolves once the seals queued so far are done (whatever their outcome). */
  settled(): Promise<void> {
    return this.queue.catch(() => undefined);
  }

  private async seal(payload: Parameters<typeof appendCheckpoint>[1]['payload']): Promise<void> {
    const { store, signer, head } = this.deps;
    const s = this.session;
    const current = await readLastCheckpoint(store);
    const kept = head.read();
    if (!sameHead(current?.data ?? null, s.last?.data ?? null) || !sameHead(kept, s.last?.data ?? null)) {
      const newer = [current?.data, kept].some((d) => d && d.sequence > (s.last?.data.sequence ?? 0));
      if (newer) throw new Restart('another instance sealed');
      return this.deps.halt('The latest signed checkpoint changed in the store while the server ran: checkpoints were deleted or replaced.');
    }
    s.last = await appendCheckpoint(store, { signer, last: s.last, payload, recordedAt: (this.deps.now?.() ?? new Date()).toISOString() });
    head.write(s.last.data);
    this.deps.onCheckpoint?.(s.last.data);
    this.deps.changed();
  }
}
