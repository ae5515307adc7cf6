import { EventEmitter, once } from 'node:events';
import { WrongExpectedRevisionError } from '../../../event-store/src/event-store.errors';
import type { AllSubscription, EventStore } from '../../../event-store/src/event-store.port';
import { ORGANIZATION_STREAM_PREFIX } from '../application/event-envelope';
import { signStatement, type CheckpointData } from './checkpoint';
import { readLastCheckpoint, verifyForSealing, type SealingBase } from './ledger-guard';
import { appendCheckpoint, sameHead } from './ledger-seal';
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
class Restart extends Error {}

interface Session extends SealingBase {
  sealedSize: number;
}

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
  private sealing: Promise<void> = Promise.resolve();
  private sessionError: unknown = null;
  private readonly progress = new EventEmitter();
  readonly head: SignedHeadStore;
  session: Session | null = null;
  state: SealingState = 'STARTING';
  haltReason: string | null = null;
  lastError: unknown = null;

  constructor(private readonly options: LedgerCheckpointerOptions) {
    if (!Number.isInteger(options.every) || options.every < 1) throw new Error('Checkpoint interval must be a positive integer');
    this.head = options.head ?? new MemoryHead();
    this.progress.setMaxListeners(0);
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
    const s = this.session;
    if (s && this.state === 'SEALING') await this.enqueueSeal(s).catch((error) => this.options.onError?.(error));
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

  /** Waits until the events up to `position` are sealed; returns the signed head that covers them. */
  async sealThrough(position: bigint, timeoutMs = 10_000): Promise<{ head: CheckpointData; session: Session }> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (this.state === 'HALTED') throw new LedgerHaltedError(this.haltReason ?? 'sealing is halted');
      const s = this.session;
      if (s && this.state === 'SEALING' && s.position !== undefined && s.position >= position) {
        const needed = s.leaves.indexOf(position) + 1;
        if (s.sealedSize < needed) await this.enqueueSeal(s);
        else await this.sealing;
        if (s.last && (s.last.data.treeSize ?? 0) >= needed) return { head: s.last.data, session: s };
      }
      const left = deadline - Date.now();
      if (left <= 0) throw new Error('The ledger did not seal the events in time');
      await Promise.race([once(this.progress, 'progress'), new Promise((r) => setTimeout(r, Math.min(left, 200)))]);
    }
  }

  /** Signs a statement with the ledger's key, only while sealing: never while the history is unproven. */
  signStatement(payload: unknown): string {
    if (this.state !== 'SEALING') throw new LedgerHaltedError(this.haltReason ?? 'the ledger has not verified the store yet');
    return signStatement(payload, this.options.signer.privateKey);
  }

  get publicKeyPem(): string {
    return this.options.signer.publicKeyPem;
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
    this.session = null;
    this.sessionError = null;
    this.state = 'STARTING';
    const guard = await verifyForSealing(this.options.store, this.options.signer, this.head);
    if (!guard.ok) return this.haltAndWait(guard.problem);
    const base = guard.base;
    if (base.last && !sameHead(this.head.read(), base.last.data)) this.head.write(base.last.data);
    const s: Session = { ...base, sealedSize: base.last?.data.treeSize ?? base.verifier.latestSeal()?.endCount ?? 0 };
    this.session = s;
    this.state = 'SEALING';
    this.haltReason = null;
    this.progress.emit('progress');
    if (this.options.sealIntervalMs) this.timer = setInterval(() => void this.enqueueSeal(s).catch((e) => this.fail(e)), this.options.sealIntervalMs);
    this.subscription = this.options.store.subscribeToAll({ after: s.position, streamPrefix: ORGANIZATION_STREAM_PREFIX });
    for await (const event of this.subscription) {
      s.verifier.add(event);
      if (s.verifier.hasBreaks()) return this.haltAndWait('An event appended since start does not chain to the events the server verified: a stream was rewritten while running.');
      s.position = event.position;
      this.progress.emit('progress');
      if (s.verifier.count - s.sealedSize >= this.options.every) await this.enqueueSeal(s);
    }
    if (this.halted()) return this.haltAndWait(this.haltReason!);
    if (this.sessionError) throw this.sessionError;
  }

  private enqueueSeal(s: Session): Promise<void> {
    if (this.session !== s || this.state !== 'SEALING' || s.verifier.count === s.sealedSize) return this.sealing;
    const v = s.verifier;
    const payload = {
      fromPosition: String(s.leaves.positionAt(s.sealedSize)),
      toPosition: String(s.leaves.positionAt(v.count - 1)),
      eventCount: v.count - s.sealedSize,
      rootHash: v.root,
      treeSize: v.count,
      treeRoot: v.tree.root(),
    };
    s.sealedSize = v.count;
    const next = this.sealing.catch(() => undefined).then(() => this.seal(s, payload));
    this.sealing = next;
    return next;
  }

  private async seal(s: Session, payload: Parameters<typeof appendCheckpoint>[1]['payload']): Promise<void> {
    const { store, signer } = this.options;
    // Before signing: the store's latest checkpoint and the kept head are still the ones this session knows.
    const current = await readLastCheckpoint(store);
    const kept = this.head.read();
    if (!sameHead(current?.data ?? null, s.last?.data ?? null) || !sameHead(kept, s.last?.data ?? null)) {
      const newer = [current?.data, kept].some((d) => d && d.sequence > (s.last?.data.sequence ?? 0));
      if (newer) throw new Restart('another instance sealed');
      return this.halt('The latest signed checkpoint changed in the store while the server ran: checkpoints were deleted or replaced.');
    }
    s.last = await appendCheckpoint(store, { signer, last: s.last, payload, recordedAt: (this.options.now?.() ?? new Date()).toISOString() });
    this.head.write(s.last.data);
    this.options.onCheckpoint?.(s.last.data);
    this.progress.emit('progress');
  }

  private halted(): boolean {
    return this.state === 'HALTED';
  }

  private halt(reason: string): void {
    if (this.state === 'HALTED') return;
    this.state = 'HALTED';
    this.haltReason = reason;
    this.session = null;
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
