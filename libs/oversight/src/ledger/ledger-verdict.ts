import { keyFingerprint, LEDGER_CHECKPOINT_STREAM } from './checkpoint';
import type { LedgerReport, Seal } from './ledger-verifier';
import type { VerificationResult } from './verification';

/**
 * Turns a ledger report into the verdict one tenant may see. The ledger is shared by every
 * tenant, so a break in another tenant's event is reported without its id or details; the
 * checkpoint stream belongs to no tenant and is reported in full.
 */
export function ledgerVerdict(report: LedgerReport, tenantId: string): VerificationResult {
  const base = { valid: false, checkedEvents: report.checkedEvents };
  const event = report.eventBreaks[0];
  if (event) {
    const visible = event.streamId === LEDGER_CHECKPOINT_STREAM || event.tenantId === tenantId;
    return visible
      ? { ...base, firstBrokenEventId: event.eventId, reason: event.reason }
      : { ...base, firstBrokenEventId: null, reason: 'An event outside your tenant does not verify; its details are withheld.' };
  }
  const seal = report.checkpointBreaks[0];
  if (seal) return { ...base, firstBrokenEventId: seal.checkpointEventId, reason: seal.reason };
  return { valid: true, checkedEvents: report.checkedEvents, firstBrokenEventId: null, reason: null };
}

/**
 * The verdict for one organization's audit trail: breaks in its own stream or in the
 * checkpoint chain, and checkpoints whose window held its events or lies at or after its last
 * event — where a deleted latest event would have been sealed (a shorter chain is still a chain).
 */
export function streamVerdict(report: LedgerReport, streamId: string, lastWindow: number | null, checkedEvents: number): VerificationResult {
  const base = { valid: false, checkedEvents };
  const event = report.eventBreaks.find((b) => b.streamId === streamId || b.streamId === LEDGER_CHECKPOINT_STREAM);
  if (event) return { ...base, firstBrokenEventId: event.eventId, reason: event.reason };
  const seal = report.checkpointBreaks.find(
    (b) => b.kind === 'CHAIN' || b.streams.includes(streamId) || (lastWindow !== null && b.sequence >= lastWindow),
  );
  if (seal) {
    const note =
      seal.kind === 'CHAIN'
        ? ' The checkpoints that seal this organization cannot be trusted.'
        : seal.streams.includes(streamId)
          ? ' Its window holds events of this organization.'
          : " It was sealed after this organization's last event, so it may hide a deleted event of this organization (verifyLedger reports on the whole ledger).";
    return { ...base, firstBrokenEventId: seal.checkpointEventId, reason: seal.reason + note };
  }
  return { valid: true, checkedEvents, firstBrokenEventId: null, reason: null };
}

/** A verdict with the one sentence that says precisely what was verified (the console shows it as is). */
export type ExplainedVerdict = VerificationResult & { summary: string };

function signedBy(seal: Seal): string {
  const what = seal.data.treeSize === undefined ? `signed checkpoint #${seal.data.sequence}` : `signed tree head #${seal.data.sequence}`;
  return `${what}, signed by key ${keyFingerprint(seal.data.publicKey)}`;
}

/** For one organization: whether a signed checkpoint covers its events, and by which key. */
export function explainTrail(result: VerificationResult, covering: Seal | null, halted: string | null): ExplainedVerdict {
  if (halted) return haltedVerdict(result, halted);
  if (!result.valid) return { ...result, summary: `Not verified: ${result.reason}` };
  const n = result.checkedEvents;
  const summary = covering
    ? `Hash chain intact over ${n} events; all of them covered by ${signedBy(covering)}.`
    : `Hash chain intact over ${n} events; no signed checkpoint covers these events yet (they are sealed within about a second while the ledger runs).`;
  return { ...result, summary };
}

/** For the whole ledger (no counts of other tenants in the sentence). */
export function explainLedger(result: VerificationResult, latest: Seal | null, halted: string | null): ExplainedVerdict {
  if (halted) return haltedVerdict(result, halted);
  if (!result.valid) return { ...result, summary: `Not verified: ${result.reason}` };
  const summary = latest
    ? `Every hash chain is intact and every signed checkpoint matches the store; the latest is ${signedBy(latest)}.`
    : 'Every hash chain is intact; no signed checkpoint exists yet.';
  return { ...result, summary };
}

function haltedVerdict(result: VerificationResult, halted: string): ExplainedVerdict {
  const reason = result.valid ? `Sealing is halted: ${halted}` : `Sealing is halted. ${result.reason}`;
  return { ...result, valid: false, reason, summary: `Not verified: ${reason}` };
}
