import { EventEmitter } from 'node:events';
import { WrongExpectedRevisionError } from '../../../event-store/src/event-store.errors';
import type { AllSubscription, EventStore } from '../../../event-store/src/event-store.port';
import { ORGANIZATION_STREAM_PREFIX } from '../application/event-envelope';
import type { CheckpointData } from './checkpoint';
import { verifyForSealing } from './ledger-guard';
import { sameHead } from './ledger-seal';
import { Restart, SessionSealer, type Session } from './ledger-session-sealer';
import { MemoryHead, type SignedHeadStore } from './signed-head-file';
import type { LedgerSigner } from './signing-key';

export interface LedgerCheckpointerOptions {
  store: EventStore;
  signer: LedgerSigner;
  /** Seal a checkpoint each time this many new organization events have accumulated. */
  every: number;
  /** Also seal whatever is unsealed this often (ms); 0 or absent: only every `every` events. */
  sealIntervalMs?: number;
  /** The latest signed head, kept outside the store (a file in production). */
  head?: SignedHeadStore;
  now?: () => Date;
  onCheckpoint?: (data: CheckpointData) => void;
  onHalt?: (reason: string) => void;
  onError?: (error: unknown) => void;
  retryDelayMs?: number;
}

export type SealingState = 'STARTING' | 'SEALING' | 'HALTED';
export class LedgerHaltedError extends Error {}

/**
 * Seals the global order of organization events into signed tree heads (DESIGN §6): each
 * checkpoint signs the Merkle root over every organization event so far, plus the running root of
 * earlier versions. Every session first proves the store extends the last head it signed
 * (ledger-guard); if it cannot, sealing halts with the reason until an ADMIN re-seals
 * (ledger-seal), and nothing is signed meanwhile. Appends with the last checkpoint's revision as
 * expected revision, so two instances never fork the chain. Framework-free; the app starts it.
 */
export class LedgerCheckpointer {
  private subscription: AllSubscription | null = null;
  private loop: Promise<void> | null = null;
  private stopped = true;
  private wake: (() => void) | null = null;
  private timer: NodeJS.Timeout | null = null;
  private sealer: SessionSealer | null = null;
  private sessionError: unknown = null;
  private readonly progress = new EventEmitter();
  readonly head: SignedHeadStore;
  state: SealingState = 'STARTING';
  haltReason: string | null = null;
  lastError: unknown = null;

  constructor(private readonly options: LedgerCheckpointerOptions) {
    if (!Number.isInteger(options.every) || options.every < 1) throw new Error('Checkpoint interval must be a positive integer');
    this.head = options.head ?? new MemoryHead();
    this.progress.setMaxListeners(0);
  }

  get session(): Session | null {
    return this.sealer?.session ?? null;
  }

  /** The last checkpoint this instance knows it signed or verified. */
  get last() {
    return this.session?.last ?? null;
  }

  start(): void {
    if (this.loop) return;
    this.stopped = false;
    this.loop = this.run();
  }

  /** Seals what is pending (before a graceful stop), then stops. */
  async stop(): Promise<void> {
    await this.sealer?.sealPending().catch((error) => this.options.onError?.(error));
    this.stopped = true;
    this.wake?.();
    await this.subscription?.close();
    await this.loop;
    this.loop = null;
  }

  /** Starts a new session (after a re-seal): it verifies the store from genesis again. */
  restart(): void {
    this.wake?.();
  }

  /** The running session's sealer, while sealing. */
  get activeSealer(): SessionSealer | null {
    return this.state === 'SEALING' ? this.sealer : null;
  }

  /** Resolves at the next change (an event followed, a seal, a halt), or after `ms`. */
  changed(ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.progress.once('progress', done);
    });
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      try {
        await this.follow();
        this.lastError = null;
      } catch (error) {
        if (this.stopped) break;
        if (error instanceof WrongExpectedRevisionError || error instanceof Restart) continue; // another instance sealed first
        this.lastError = error;
        this.options.onError?.(error);
        await this.pause(this.options.retryDelayMs ?? 5000);
      } finally {
        if (this.timer) clearInterval(this.timer);
        this.timer = null;
        await this.subscription?.close();
        this.subscription = null;
      }
    }
  }

  /** One session: prove the store extends the signed head, then follow it and seal. */
  private async follow(): Promise<void> {
    this.sealer = null;
    this.sessionError = null;
    this.state = 'STARTING';
    const guard = await verifyForSealing(this.options.store, this.options.signer, this.head);
    if (!guard.ok) return this.haltAndWait(guard.problem);
    const base = guard.base;
    if (base.last && !sameHead(this.head.read(), base.last.data)) this.head.write(base.last.data);
    const s: Session = { ...base, sealedSize: base.last?.data.treeSize ?? base.verifier.latestSeal()?.endCount ?? 0 };
    const { store, signer, now, onCheckpoint } = this.options;
    const sealer: SessionSealer = new SessionSealer(s, {
      ...{ store, signer, now, onCheckpoint, head: this.head },
      active: (): boolean => this.sealer === sealer && this.state === 'SEALING',
      halt: (reason) => this.halt(reason),
      changed: () => this.progress.emit('progress'),
    });
    this.sealer = sealer;
    this.state = 'SEALING';
    this.haltReason = null;
    this.progress.emit('progress');
    if (this.options.sealIntervalMs) this.timer = setInterval(() => void sealer.sealPending().catch((e) => this.fail(e)), this.options.sealIntervalMs);
    this.subscription = this.options.store.subscribeToAll({ after: s.position, streamPrefix: ORGANIZATION_STREAM_PREFIX });
    for await (const event of this.subscription) {
      s.verifier.add(event);
      if (s.verifier.hasBreaks()) return this.haltAndWait('An event appended since start does not chain to the events the server verified: a stream was rewritten while running.');
      s.position = event.position;
      this.progress.emit('progress');
      if (s.verifier.count - s.sealedSize >= this.options.every) await sealer.sealPending();
    }
    if (this.halted()) return this.haltAndWait(this.haltReason!);
    if (this.sessionError) throw this.sessionError;
  }

  private halted(): boolean {
    return this.state === 'HALTED';
  }

  private halt(reason: string): void {
    if (this.state === 'HALTED') return;
    this.state = 'HALTED';
    this.haltReason = reason;
    this.sealer = null;
    this.options.onHalt?.(reason);
    this.progress.emit('progress');
    void this.subscription?.close();
  }

  private async haltAndWait(reason: string): Promise<void> {
    this.halt(reason);
    await this.pause(Infinity);
  }

  private fail(error: unknown): void {
    this.sessionError = error;
    void this.subscription?.close();
  }

  private pause(ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      if (this.stopped) return resolve(); // stop() may have come before this pause began
      const timer = Number.isFinite(ms) ? setTimeout(resolve, ms) : null;
      this.wake = () => {
        if (timer) clearTimeout(timer);
        this.wake = null;
        resolve();
      };
    });
  }
}
