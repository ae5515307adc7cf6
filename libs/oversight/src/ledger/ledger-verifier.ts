import type { RecordedEvent } from '../../../event-store/src/event-store.port';
import {
  checkpointHash,
  checkpointSignatureValid,
  parseCheckpoint,
  type CheckpointData,
} from './checkpoint';
import { GENESIS_ROOT, hashEvent, nextRoot } from './event-hash';
import { leafHash } from './merkle-tree';
import { LeafLog, MerkleFrontier } from './merkle-log';
import { StreamChains, type ChainBreak } from './stream-chain';

/** A checkpoint that does not hold, and the organization streams whose events its window held. */
export interface CheckpointBreak {
  /** CHAIN: the checkpoint itself is bad (link, signature, key); WINDOW: its root or count. */
  kind: 'CHAIN' | 'WINDOW';
  sequence: number;
  checkpointEventId: string;
  reason: string;
  streams: string[];
}

export interface LedgerReport {
  checkedEvents: number;
  checkedCheckpoints: number;
  /** Broken events, in the order met (checkpoint stream first, then global position order). */
  eventBreaks: ChainBreak[];
  checkpointBreaks: CheckpointBreak[];
  /** Checkpoints before the latest re-seal: superseded by it, not judged. */
  supersededCheckpoints: number;
}

export interface Seal {
  data: CheckpointData;
  eventId: string;
  /** How many organization events precede the end of its window. */
  endCount: number;
  startRoot: string;
}

/**
 * Verifies the whole ledger in one pass: give it the checkpoint stream (revision order), then
 * every organization event in global position order (`add`, page by page), then `finish`.
 * Checks each stream's hash chain, each checkpoint's own chain link, signature and key, and
 * recomputes the running root over the global order, comparing it at each checkpoint's end.
 * Windows are found by counting events, not by positions, so a ledger migrated to another
 * store (new positions, same order) still verifies. Checkpoints that carry a signed tree head
 * also have their Merkle root recomputed. Checkpoints before the latest re-seal are superseded:
 * the re-seal (signed, naming the head it replaced) starts the checkpoint chain afresh.
 * Memory: one entry per stream (plus 32 bytes an event when given a LeafLog for proofs).
 */
export class LedgerVerifier {
  private readonly chains = new StreamChains();
  private readonly seals: Seal[] = [];
  private readonly report: LedgerReport = { checkedEvents: 0, checkedCheckpoints: 0, eventBreaks: [], checkpointBreaks: [], supersededCheckpoints: 0 };
  private next = 0;
  count = 0;
  root = GENESIS_ROOT;
  readonly tree = new MerkleFrontier();
  private windowStreams = new Set<string>();
  private readonly lastWindow = new Map<string, number>();

  constructor(
    checkpointEvents: readonly RecordedEvent[],
    readonly trustedKey: string | null = null,
    readonly leaves: LeafLog | null = null,
  ) {
    let previous: CheckpointData | null = null;
    let endCount = 0;
    const epoch = lastResealIndex(checkpointEvents);
    this.report.supersededCheckpoints = Math.max(epoch, 0);
    for (const event of checkpointEvents.slice(Math.max(epoch, 0))) {
      this.report.checkedEvents++;
      this.report.checkedCheckpoints++;
      if (event === checkpointEvents[epoch]) this.chains.startAt(event.streamId, event.revision, event.metadata.previousHash ?? null);
      const broken = this.chains.check(event);
      if (broken) this.report.eventBreaks.push(broken);
      const data = parseCheckpoint(event);
      if (typeof data === 'string') {
        this.breakAt('CHAIN', -1, event.eventId, `Checkpoint ${event.eventId}: ${data}.`);
        continue;
      }
      const problem = this.checkpointProblem(data, previous, previous ? previous.sequence + 1 : 1, event === checkpointEvents[epoch]);
      if (problem) this.breakAt('CHAIN', data.sequence, event.eventId, `Checkpoint #${data.sequence}: ${problem}`);
      endCount = data.treeSize ?? endCount + data.eventCount;
      this.seals.push({ data, eventId: event.eventId, endCount, startRoot: previous?.rootHash ?? GENESIS_ROOT });
      previous = data;
    }
  }

  /** One organization event, in global position order. */
  add(event: RecordedEvent): void {
    this.report.checkedEvents++;
    const broken = this.chains.check(event);
    if (broken) this.report.eventBreaks.push(broken);
    const hash = hashEvent(event);
    this.root = nextRoot(this.root, hash);
    const leaf = leafHash(hash);
    this.tree.push(leaf);
    this.leaves?.push(leaf, event.position);
    this.count++;
    this.windowStreams.add(event.streamId);
    this.lastWindow.set(event.streamId, this.next + 1);
    const seal = this.seals[this.next];
    if (seal && this.count === seal.endCount) {
      if (this.root !== seal.data.rootHash || (seal.data.treeRoot !== undefined && this.tree.root() !== seal.data.treeRoot)) {
        this.breakAt(
          'WINDOW',
          seal.data.sequence,
          seal.eventId,
          `Checkpoint #${seal.data.sequence} (positions ${seal.data.fromPosition}–${seal.data.toPosition}, ${seal.data.eventCount} events) ` +
            'does not match the store: the events it sealed were altered, deleted, inserted or reordered.',
        );
        this.root = seal.data.rootHash; // judge the next window on its own
      }
      this.next++;
      this.windowStreams = new Set();
    }
  }

  /** True once any event or checkpoint has failed to verify. */
  hasBreaks(): boolean {
    return this.report.eventBreaks.length > 0 || this.report.checkpointBreaks.length > 0;
  }

  finish(): LedgerReport {
    const seal = this.seals[this.next];
    if (seal) {
      this.breakAt(
        'WINDOW',
        seal.data.sequence,
        seal.eventId,
        `Checkpoint #${seal.data.sequence} sealed ${seal.endCount} organization events in all, but the store holds only ${this.count}: events were deleted.`,
      );
    }
    return this.report;
  }

  /** The window (1-based, counted from the latest re-seal) holding the stream's last event; past the last seal: not sealed yet. */
  lastWindowOf(streamId: string): number | null {
    return this.lastWindow.get(streamId) ?? null;
  }

  /** The checkpoint whose window holds the stream's last event, or null when it is not sealed yet. */
  sealCovering(streamId: string): Seal | null {
    const w = this.lastWindowOf(streamId);
    return w === null ? null : (this.seals[w - 1] ?? null);
  }

  latestSeal(): Seal | null {
    return this.seals[this.seals.length - 1] ?? null;
  }

  private checkpointProblem(data: CheckpointData, previous: CheckpointData | null, expectedSequence: number, resealed: boolean): string | null {
    if (resealed && !data.reseal) return 'it is not a re-seal.';
    if (!resealed && data.sequence !== expectedSequence) return `sequence ${data.sequence} where ${expectedSequence} was expected; a checkpoint was deleted or reordered.`;
    const link = previous ? checkpointHash(previous) : null;
    if (!resealed && data.previousCheckpointHash !== link) return 'its previousCheckpointHash does not name the checkpoint before it.';
    if (!checkpointSignatureValid(data)) return 'its signature does not verify with its public key.';
    const key = this.trustedKey ?? this.seals[0]?.data.publicKey ?? data.publicKey;
    if (data.publicKey.trim() !== key.trim()) return 'it is signed with a different key than the ledger (the first checkpoint, or the pinned key).';
    return null;
  }

  private breakAt(kind: CheckpointBreak['kind'], sequence: number, checkpointEventId: string, reason: string): void {
    this.report.checkpointBreaks.push({ kind, sequence, checkpointEventId, reason, streams: [...this.windowStreams] });
  }
}

/** Index of the latest re-seal in the checkpoint stream, or -1. */
function lastResealIndex(events: readonly RecordedEvent[]): number {
  for (let i = events.length - 1; i >= 0; i--) {
    const data = parseCheckpoint(events[i]!);
    if (typeof data !== 'string' && data.reseal && checkpointSignatureValid(data)) return i;
  }
  return -1;
}
