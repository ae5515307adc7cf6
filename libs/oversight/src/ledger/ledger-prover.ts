import { signStatement, type CheckpointData } from './checkpoint';
import { LedgerHaltedError, type LedgerCheckpointer } from './ledger-checkpointer';
import type { Session } from './ledger-session-sealer';
import type { LedgerSigner } from './signing-key';

/**
 * What exports need from the running ledger: seal on demand, the verified leaves for proofs, and
 * the key, which signs only while the ledger is sealing, never while its history is unproven.
 */
export class LedgerProver {
  constructor(
    private readonly checkpointer: LedgerCheckpointer,
    private readonly signer: LedgerSigner,
  ) {}

  get publicKeyPem(): string {
    return this.signer.publicKeyPem;
  }

  /** Waits until the events up to `position` are sealed; returns the signed head that covers them. */
  async sealThrough(position: bigint, timeoutMs = 10_000): Promise<{ head: CheckpointData; session: Session }> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const c = this.checkpointer;
      if (c.state === 'HALTED') throw new LedgerHaltedError(c.haltReason ?? 'sealing is halted');
      const sealer = c.activeSealer;
      const s = sealer?.session;
      if (sealer && s && s.position !== undefined && s.position >= position) {
        const needed = s.leaves.indexOf(position) + 1;
        await (s.sealedSize < needed ? sealer.sealPending() : sealer.settled());
        if (s.last && (s.last.data.treeSize ?? 0) >= needed) return { head: s.last.data, session: s };
      }
      const left = deadline - Date.now();
      if (left <= 0) throw new Error('The ledger did not seal the events in time');
      await c.changed(Math.min(left, 200));
    }
  }

  signStatement(payload: unknown): string {
    const c = this.checkpointer;
    if (c.state !== 'SEALING') throw new LedgerHaltedError(c.haltReason ?? 'the ledger has not verified the store yet');
    return signStatement(payload, this.signer.privateKey);
  }
}
