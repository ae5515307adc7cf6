import type { EventStore, RecordedEvent } from '../../../event-store/src/event-store.port';
import { ORGANIZATION_STREAM_PREFIX } from '../application/event-envelope';
import { checkpointHash, LEDGER_CHECKPOINT_STREAM, parseCheckpoint, type CheckpointData } from './checkpoint';
import { storedHash } from './event-hash';
import { LedgerVerifier } from './ledger-verifier';
import { LeafLog } from './merkle-log';
import type { SignedHeadStore } from './signed-head-file';
import type { LedgerSigner } from './signing-key';

const PAGE = 1000;

/** The last checkpoint in the store, with what appending the next one needs. */
export interface LastCheckpoint {
  data: CheckpointData;
  revision: bigint;
  hash: string | null;
}

/** What a sealing session continues from, once the store is proven to extend the signed head. */
export interface SealingBase {
  verifier: LedgerVerifier;
  leaves: LeafLog;
  last: LastCheckpoint | null;
  /** Position of the last organization event read; the session follows from there. */
  position: bigint | undefined;
}

export type GuardResult = { ok: true; base: SealingBase } | { ok: false; problem: string };

export async function readLastCheckpoint(store: EventStore): Promise<LastCheckpoint | null> {
  const [event] = await store.readStream(LEDGER_CHECKPOINT_STREAM, { direction: 'backwards', maxCount: 1 });
  return event ? lastOf(event) : null;
}

function lastOf(event: RecordedEvent): LastCheckpoint {
  const data = parseCheckpoint(event);
  if (typeof data === 'string') throw new Error(`The last checkpoint is unreadable (${data})`);
  return { data, revision: event.revision, hash: storedHash(event) };
}

/**
 * Before the server signs anything, it proves the store extends what it signed before: every
 * stream's chain, every checkpoint (signature by this server's key, link, running root and Merkle
 * root) over the events, and the head kept outside the database still present, unchanged, in the
 * checkpoint stream. Any failure is a problem to report, never a reason to start again from
 * genesis. Problems name no stream or event: they are shown to every tenant.
 */
export async function verifyForSealing(store: EventStore, signer: LedgerSigner, head: SignedHeadStore): Promise<GuardResult> {
  let kept: CheckpointData | null;
  try {
    kept = head.read();
  } catch (error) {
    return { ok: false, problem: error instanceof Error ? error.message : String(error) };
  }
  const checkpoints = await store.readStream(LEDGER_CHECKPOINT_STREAM);
  const leaves = new LeafLog();
  const verifier = new LedgerVerifier(checkpoints, signer.publicKeyPem, leaves);
  // Up to the latest seal; the session checks the unsealed tail event by event as it follows.
  const sealed = verifier.latestSeal()?.endCount ?? 0;
  let position: bigint | undefined;
  while (verifier.count < sealed) {
    const page = await store.readAll({ after: position, maxCount: Math.min(PAGE, sealed - verifier.count), streamPrefix: ORGANIZATION_STREAM_PREFIX });
    for (const event of page) verifier.add(event);
    if (page.length > 0) position = page[page.length - 1]!.position;
    if (page.length === 0) break;
  }
  const report = verifier.finish();
  if (report.eventBreaks.length > 0) {
    const n = report.eventBreaks.length;
    return { ok: false, problem: `${n} event${n > 1 ? 's' : ''} in the store do${n > 1 ? '' : 'es'} not verify (hash or chain link); verifyLedger names them to their tenant.` };
  }
  if (report.checkpointBreaks[0]) return { ok: false, problem: `The store does not match the signed checkpoints: ${report.checkpointBreaks[0].reason}` };
  if (kept) {
    const same = checkpoints.map((e) => parseCheckpoint(e)).find((d) => typeof d !== 'string' && d.sequence === kept!.sequence && checkpointHash(d) === checkpointHash(kept!));
    if (!same) {
      return {
        ok: false,
        problem:
          `The latest signed head this server kept outside the database (checkpoint #${kept.sequence}, ${kept.treeSize ?? '?'} events) ` +
          'is not in the checkpoint stream: checkpoints were deleted or replaced.',
      };
    }
  }
  const last = checkpoints.length > 0 ? lastOf(checkpoints[checkpoints.length - 1]!) : null;
  if (last && verifier.count < (last.data.treeSize ?? 0)) return { ok: false, problem: 'The store holds fewer events than the latest signed head.' };
  return { ok: true, base: { verifier, leaves, last, position } };
}
