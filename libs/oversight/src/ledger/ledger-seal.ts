import type { EventStore } from '../../../event-store/src/event-store.port';
import { ORGANIZATION_STREAM_PREFIX } from '../application/event-envelope';
import { uuidFromName } from '../application/ids';
import {
  checkpointHash,
  LEDGER_CHECKPOINT_STREAM,
  LEDGER_CHECKPOINT_TYPE,
  signCheckpoint,
  type CheckpointData,
  type CheckpointPayload,
  type ResealRecord,
} from './checkpoint';
import { chainEvents, storedHash } from './event-hash';
import { readLastCheckpoint, type LastCheckpoint } from './ledger-guard';
import { LedgerVerifier } from './ledger-verifier';
import type { SignedHeadStore } from './signed-head-file';
import type { LedgerSigner } from './signing-key';

export function sameHead(a: CheckpointData | null | undefined, b: CheckpointData | null | undefined): boolean {
  return (a ? checkpointHash(a) : null) === (b ? checkpointHash(b) : null);
}

type SealPayload = Omit<CheckpointPayload, 'sequence' | 'previousCheckpointHash'>;

/** Signs the next checkpoint after `last` and appends it, expecting `last` to still be the latest. */
export async function appendCheckpoint(
  store: EventStore,
  input: { signer: LedgerSigner; last: LastCheckpoint | null; payload: SealPayload; recordedAt: string; actor?: { id: string; role: string } },
): Promise<LastCheckpoint> {
  const { signer, last } = input;
  const data = signCheckpoint(
    { ...input.payload, sequence: (last?.data.sequence ?? 0) + 1, previousCheckpointHash: last ? checkpointHash(last.data) : null },
    signer.privateKey,
    signer.publicKeyPem,
  );
  const revision = last ? last.revision + 1n : 0n;
  const [event] = chainEvents(LEDGER_CHECKPOINT_STREAM, revision, last?.hash ?? null, [
    {
      // Name-based: two instances sealing the same window write the same event id.
      eventId: uuidFromName(`ledger-checkpoint:${data.sequence}:${data.rootHash}:${data.treeRoot ?? ''}`),
      type: LEDGER_CHECKPOINT_TYPE,
      data,
      metadata: { recordedAt: input.recordedAt, actor: input.actor ?? { id: 'ledger', role: 'SYSTEM' }, schemaVersion: 1 },
    },
  ]);
  await store.appendToStream(LEDGER_CHECKPOINT_STREAM, [event!], { expectedRevision: last ? last.revision : 'no_stream' });
  return { data, revision, hash: storedHash(event!) };
}

/**
 * The ADMIN's explicit re-seal after sealing halted: signs the log as it now stands, recording who,
 * why, the problem and the head the server had kept (checkpoints before it become superseded).
 * Refused while any stream's hash chain is broken: a re-seal vouches for the log, it cannot mend
 * a chain (restore the events from a backup instead).
 */
export async function resealLedger(
  store: EventStore,
  input: { signer: LedgerSigner; head: SignedHeadStore; actor: { id: string; role: string }; reason: string; problem: string; recordedAt: string },
): Promise<CheckpointData> {
  let kept: CheckpointData | null = null;
  try {
    kept = input.head.read();
  } catch {
    kept = null; // an unreadable head file is part of the problem being re-sealed
  }
  const verifier = new LedgerVerifier([]);
  let first: bigint | null = null;
  let position: bigint | undefined;
  for (;;) {
    const page = await store.readAll({ after: position, maxCount: 1000, streamPrefix: ORGANIZATION_STREAM_PREFIX });
    for (const event of page) verifier.add(event);
    first ??= page[0]?.position ?? null;
    if (page.length > 0) position = page[page.length - 1]!.position;
    if (page.length < 1000) break;
  }
  if (verifier.hasBreaks()) throw new Error(`A re-seal cannot cover a broken hash chain: ${verifier.finish().eventBreaks[0]!.reason} Restore the events from a backup.`);
  if (verifier.count === 0 || position === undefined || first === null) throw new Error('There are no organization events to re-seal.');
  const reseal: ResealRecord = {
    actor: input.actor,
    reason: input.reason,
    problem: input.problem,
    previousHead: kept ? { sequence: kept.sequence, treeSize: kept.treeSize ?? null, treeRoot: kept.treeRoot ?? null, checkpointHash: checkpointHash(kept) } : null,
  };
  const last = await readLastCheckpoint(store).catch(() => null);
  const payload = { fromPosition: String(first), toPosition: String(position), eventCount: verifier.count, rootHash: verifier.root, treeSize: verifier.count, treeRoot: verifier.tree.root(), reseal };
  const sealed = await appendCheckpoint(store, { signer: input.signer, last, payload, recordedAt: input.recordedAt, actor: input.actor });
  input.head.write(sealed.data);
  return sealed.data;
}
