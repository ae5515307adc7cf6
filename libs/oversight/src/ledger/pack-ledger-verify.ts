import { canonicalJson } from './canonical-json';
import { checkpointSignatureValid, keyFingerprint, parseCheckpoint, statementSignatureValid, LEDGER_CHECKPOINT_TYPE, type CheckpointData } from './checkpoint';
import { hashEvent, shortHashOf } from './event-hash';
import { EXPORT_STATEMENT_KIND, type EvidencePack } from './evidence-pack';
import { leafHash } from './merkle-tree';
import { verifyConsistency, verifyInclusion } from './merkle-verify';

export type Check = (ok: boolean, message: string, warning?: boolean) => void;

/**
 * The pack's signatures and proofs: the pinned key, the signed tree head, one inclusion proof per
 * event, the export statement (exactly this stream, revisions 0…n−1, ending in this hash: a pack
 * cut short or re-hashed fails), and, given an older head an auditor kept, the consistency proof
 * that today's log extends it. Returns the sentence that says what was proven.
 */
export function verifyPackLedger(pack: EvidencePack, check: Check, trustedFingerprint: string | null, previousHead: unknown): string | null {
  const ledger = pack.ledger;
  const fingerprint = keyFingerprint(ledger.publicKey);
  if (trustedFingerprint) {
    const pinned = fingerprint === trustedFingerprint.toLowerCase();
    check(pinned, pinned ? `The signing key is the pinned one (${trustedFingerprint}).` : `The signing key ${fingerprint} is not the pinned one (${trustedFingerprint}).`);
    if (!pinned) return null;
  }
  const head = parseCheckpoint({ type: LEDGER_CHECKPOINT_TYPE, data: ledger.treeHead });
  const headOk = typeof head !== 'string' && head.treeSize !== undefined && checkpointSignatureValid(head) && head.publicKey === ledger.publicKey;
  check(headOk, headOk ? `Signed tree head #${(head as CheckpointData).sequence} (${(head as CheckpointData).treeSize} events in the log) verifies with key ${short(fingerprint)}.` : 'The tree head is not a signed tree head of the pack\'s key.');
  if (!headOk) return null;
  const { treeSize, treeRoot } = head as Required<Pick<CheckpointData, 'treeSize' | 'treeRoot'>>;

  const proofs = Array.isArray(ledger.inclusion) ? ledger.inclusion : [];
  const bad = pack.events.findIndex((e, i) => {
    const p = proofs[i];
    const ordered = i === 0 || (p !== undefined && proofs[i - 1] !== undefined && p.leafIndex > proofs[i - 1]!.leafIndex);
    return !p || p.eventId !== e.eventId || !ordered || !verifyInclusion(leafHash(hashEvent(e)).toString('hex'), p.leafIndex, treeSize, p.path, treeRoot);
  });
  const included = bad < 0 && proofs.length === pack.events.length;
  check(
    included,
    included
      ? `All ${pack.events.length} events are included in that tree head (RFC 6962 inclusion proofs).`
      : `Event ${pack.events[bad]?.eventId ?? '(extra proof)'} has no valid inclusion proof in the signed tree head.`,
  );

  const statement = ledger.statement?.payload;
  const last = pack.events[pack.events.length - 1];
  const expected = {
    kind: EXPORT_STATEMENT_KIND,
    organizationId: pack.organizationId,
    streamId: last?.streamId,
    revisionCount: pack.events.length,
    headHash: last ? hashEvent(last) : null,
    generatedAt: pack.generatedAt,
    treeHead: { sequence: (head as CheckpointData).sequence, treeSize, treeRoot },
  };
  const signed = statementSignatureValid(statement, ledger.statement?.signature, ledger.publicKey);
  const exact = signed && canonicalJson(statement) === canonicalJson(expected);
  check(
    exact,
    !signed
      ? 'The export statement is not signed by the pack\'s key.'
      : exact
        ? `The export statement signed at ${pack.generatedAt} covers exactly revisions 0–${pack.events.length - 1} ending in ${shortHashOf(expected.headHash!)}: nothing cut off, added or re-hashed.`
        : `The pack does not match its signed export statement (${statement?.revisionCount} revisions ending in ${shortHashOf(String(statement?.headHash))}): events were cut off, added or re-hashed.`,
  );
  let extends_ = '';
  if (previousHead) {
    const prev = parseCheckpoint({ type: LEDGER_CHECKPOINT_TYPE, data: previousHead });
    const c = ledger.consistency;
    const ok =
      typeof prev !== 'string' && prev.treeSize !== undefined && checkpointSignatureValid(prev) && prev.publicKey === ledger.publicKey &&
      (prev.treeSize === treeSize ? prev.treeRoot === treeRoot : c?.fromSize === prev.treeSize && verifyConsistency(prev.treeSize, prev.treeRoot!, treeSize, treeRoot, c.path));
    check(ok, ok ? `The log extends the earlier head you kept (#${(prev as CheckpointData).sequence}, ${(prev as CheckpointData).treeSize} events): consistency proof verified.` : 'The log is not proven to extend the earlier head you kept (a wrong key, no proof for its size, or a proof that fails).');
    if (ok) extends_ = `; the log extends the head you kept (#${(prev as CheckpointData).sequence})`;
  } else if (ledger.consistency) {
    check(true, `A consistency proof from size ${ledger.consistency.fromSize} is included; pass --previous-head to check it against the head you kept.`, true);
  }
  return `signed by key ${fingerprint}${trustedFingerprint ? ' (pinned)' : ' (not pinned)'}: hash chain intact over ${pack.events.length} events, all included in signed tree head #${(head as CheckpointData).sequence} (${treeSize} events), and the export statement covers exactly revisions 0–${pack.events.length - 1}${extends_}`;
}

function short(hex: string): string {
  return `${hex.slice(0, 16)}…`;
}
