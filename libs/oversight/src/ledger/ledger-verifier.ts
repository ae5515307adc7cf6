import type { RecordedEvent } from '../../../event-store/src/event-store.port';
import {
  checkpointHash,
  checkpointSignatureValid,
  parseCheckpoint,
  type CheckpointData,
} from './checkpoint';
import { GENESIS_ROOT, hashEvent, nextRoot } from './event-hash';
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
}

interface Seal {
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
 * store (new positions, same order) still verifies. Memory: one entry per stream.
 */
export class LedgerVerifier {
  private readonly chains = new StreamChains();
  private readonly seals: Seal[] = [];
  private readonly report: LedgerReport = { checkedEvents: 0, checkedCheckpoints: 0, eventBreaks: [], checkpointBreaks: [] };
  private next = 0;
  private count = 0;
  private root = GENESIS_ROOT;
  private windowStreams = new Set<string>();
  private readonly lastWindow = new Map<string, number>();

  constructor(checkpointEvents: readonly RecordedEvent[], readonly trustedKey: string | null = null) {
    let previous: CheckpointData | null = null;
    let endCount = 0;
    for (const event of checkpointEvents) {
      this.report.checkedEvents++;
      this.report.checkedCheckpoints++;
      const broken = this.chains.check(event);
      if (broken) this.report.eventBreaks.push(broken);
      const data = parseCheckpoint(event);
      if (typeof data === 'string') {
        this.breakAt('CHAIN', -1, event.eventId, `Checkpoint ${event.eventId}: ${data}.`);
        continue;
      }
      const problem = this.checkpointProblem(data, previous, this.seals.length + 1);
      if (problem) this.breakAt('CHAIN', data.sequence, event.eventId, `Checkpoint #${data.sequence}: ${problem}`);
      endCount += data.eventCount;
      this.seals.push({ data, eventId: event.eventId, endCount, startRoot: previous?.rootHash ?? GENESIS_ROOT });
      previous = data;
    }
  }

  /** One organization event, in global position order. */
  add(event: RecordedEvent): void {
    this.report.checkedEvents++;
    const broken = this.chains.check(event);
    if (broken) this.report.eventBreaks.push(broken);
    this.root = nextRoot(this.root, hashEvent(event));
    this.count++;
    this.windowStreams.add(event.streamId);
    this.lastWindow.set(event.streamId, this.next + 1);
    const seal = this.seals[this.next];
    if (seal && this.count === seal.endCount) {
      if (this.root !== seal.data.rootHash) {
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

  /** The sequence of the window holding the stream's last event (past the last seal: not sealed yet). */
  lastWindowOf(streamId: string): number | null {
    return this.lastWindow.get(streamId) ?? null;
  }

  private checkpointProblem(data: CheckpointData, previous: CheckpointData | null, expectedSequence: number): string | null {
    if (data.sequence !== expectedSequence) return `sequence ${data.sequence} where ${expectedSequence} was expected; a checkpoint was deleted or reordered.`;
    const link = previous ? checkpointHash(previous) : null;
    if (data.previousCheckpointHash !== link) return 'its previousCheckpointHash does not name the checkpoint before it.';
    if (!checkpointSignatureValid(data)) return 'its signature does not verify with its public key.';
    const key = this.trustedKey ?? this.seals[0]?.data.publicKey ?? data.publicKey;
    if (data.publicKey.trim() !== key.trim()) return 'it is signed with a different key than the ledger (the first checkpoint, or the pinned key).';
    return null;
  }

  private breakAt(kind: CheckpointBreak['kind'], sequence: number, checkpointEventId: string, reason: string): void {
    this.report.checkpointBreaks.push({ kind, sequence, checkpointEventId, reason, streams: [...this.windowStreams] });
  }
}
