import { WrongExpectedRevisionError } from '../../../event-store/src/event-store.errors';
import type { AllSubscription, EventStore } from '../../../event-store/src/event-store.port';
import { ORGANIZATION_STREAM_PREFIX } from '../application/event-envelope';
import { uuidFromName } from '../application/ids';
import {
  checkpointHash,
  LEDGER_CHECKPOINT_STREAM,
  LEDGER_CHECKPOINT_TYPE,
  parseCheckpoint,
  signCheckpoint,
  type CheckpointData,
} from './checkpoint';
import { chainEvents, GENESIS_ROOT, hashEvent, nextRoot, storedHash } from './event-hash';
import type { LedgerSigner } from './signing-key';

export interface LedgerCheckpointerOptions {
  store: EventStore;
  signer: LedgerSigner;
  /** Seal a checkpoint each time this many new organization events have accumulated. */
  every: number;
  now?: () => Date;
  onCheckpoint?: (data: CheckpointData) => void;
  onError?: (error: unknown) => void;
  retryDelayMs?: number;
}

interface LastCheckpoint {
  data: CheckpointData;
  revision: bigint;
  hash: string | null;
}

interface Window {
  count: number;
  root: string;
  from: bigint | null;
  to: bigint | null;
}

/**
 * Seals the global order of organization events into signed checkpoints (DESIGN §5). It follows
 * the store from its last checkpoint (read back from the checkpoint stream, so a restart loses
 * nothing and repeats nothing) and appends with the last checkpoint's revision as the expected
 * revision: two instances can never fork the chain — the loser re-reads and carries on from the
 * winner's checkpoint. Framework-free; the app starts and stops it.
 */
export class LedgerCheckpointer {
  private subscription: AllSubscription | null = null;
  private loop: Promise<void> | null = null;
  private stopped = true;
  private wakeRetry: (() => void) | null = null;
  lastError: unknown = null;
  last: LastCheckpoint | null = null;

  constructor(private readonly options: LedgerCheckpointerOptions) {
    if (!Number.isInteger(options.every) || options.every < 1) throw new Error('Checkpoint interval must be a positive integer');
  }

  start(): void {
    if (this.loop) return;
    this.stopped = false;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wakeRetry?.();
    await this.subscription?.close();
    await this.loop;
    this.loop = null;
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      try {
        await this.follow();
        this.lastError = null;
      } catch (error) {
        if (this.stopped) break;
        if (error instanceof WrongExpectedRevisionError) continue; // another instance sealed first
        this.lastError = error;
        this.options.onError?.(error);
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, this.options.retryDelayMs ?? 5000);
          this.wakeRetry = () => (clearTimeout(timer), resolve());
        });
      } finally {
        await this.subscription?.close();
        this.subscription = null;
      }
    }
  }

  /** One session: from the last checkpoint, follow the store and seal every full window. */
  private async follow(): Promise<void> {
    this.last = await this.readLast();
    let window = this.openWindow();
    const after = this.last ? BigInt(this.last.data.toPosition) : undefined;
    this.subscription = this.options.store.subscribeToAll({ after, streamPrefix: ORGANIZATION_STREAM_PREFIX });
    for await (const event of this.subscription) {
      // The recomputed hash, not the stored one: the root seals what the event really holds.
      window.root = nextRoot(window.root, hashEvent(event));
      window.count++;
      window.from ??= event.position;
      window.to = event.position;
      if (window.count >= this.options.every) {
        await this.seal(window);
        window = this.openWindow();
      }
    }
  }

  private openWindow(): Window {
    return { count: 0, root: this.last?.data.rootHash ?? GENESIS_ROOT, from: null, to: null };
  }

  private async readLast(): Promise<LastCheckpoint | null> {
    const [event] = await this.options.store.readStream(LEDGER_CHECKPOINT_STREAM, { direction: 'backwards', maxCount: 1 });
    if (!event) return null;
    const data = parseCheckpoint(event);
    if (typeof data === 'string') throw new Error(`Cannot continue the ledger: the last checkpoint is unreadable (${data})`);
    return { data, revision: event.revision, hash: storedHash(event) };
  }

  private async seal(window: Window): Promise<void> {
    const { signer, store } = this.options;
    const last = this.last;
    const data = signCheckpoint(
      {
        sequence: (last?.data.sequence ?? 0) + 1,
        fromPosition: String(window.from),
        toPosition: String(window.to),
        eventCount: window.count,
        rootHash: window.root,
        previousCheckpointHash: last ? checkpointHash(last.data) : null,
      },
      signer.privateKey,
      signer.publicKeyPem,
    );
    const revision = last ? last.revision + 1n : 0n;
    const [event] = chainEvents(LEDGER_CHECKPOINT_STREAM, revision, last?.hash ?? null, [
      {
        // Name-based: two instances sealing the same window write the same event id.
        eventId: uuidFromName(`ledger-checkpoint:${data.sequence}:${data.rootHash}`),
        type: LEDGER_CHECKPOINT_TYPE,
        data,
        metadata: {
          recordedAt: (this.options.now?.() ?? new Date()).toISOString(),
          actor: { id: 'ledger', role: 'SYSTEM' },
          schemaVersion: 1,
        },
      },
    ]);
    await store.appendToStream(LEDGER_CHECKPOINT_STREAM, [event!], { expectedRevision: last ? last.revision : 'no_stream' });
    this.last = { data, revision, hash: storedHash(event!) };
    this.options.onCheckpoint?.(data);
  }
}
