import { canonicalJson } from './canonical-json';
import { checkpointHash, checkpointSignatureValid, keyFingerprint, parseCheckpoint, type CheckpointData } from './checkpoint';
import { GENESIS_ROOT, hashEvent, rootOver, storedHash } from './event-hash';
import { EVIDENCE_PACK_FORMAT, EVIDENCE_PACK_VERSION, inRangeOf, type EvidencePack, type PackSeal } from './evidence-pack';
import { statusTimeline, timelineCsv, type PackEvent } from './status-timeline';
import { organizationIdOf } from '../application/event-envelope';
import { verifyStream } from './stream-chain';
import { verifyPackDocuments, type PackDocument } from './evidence-pack-documents';

export interface PackCheck {
  ok: boolean;
  /** true: a caveat that does not make the pack invalid. */
  warning?: boolean;
  message: string;
}

export interface PackReport {
  valid: boolean;
  checks: PackCheck[];
  /** The first failed check's message; null when valid. */
  reason: string | null;
  keyFingerprint: string | null;
}

/**
 * Verifies an evidence pack offline, with no server and no database: every event hash and the
 * chain; every status re-derived from the events with the domain code; the CSV regenerated;
 * every seal's signature, its link to the previous checkpoint and its recomputed root; and that
 * each event is sealed or listed as the unsealed tail. `trustedFingerprint` pins the signing key
 * (obtained out of band): without it the pack proves consistency with the key it carries.
 */
export function verifyEvidencePack(
  input: unknown,
  trustedFingerprint: string | null = null,
  /** The files exported beside the pack (--with-documents); null when there are none. */
  readDocument: ((d: PackDocument) => Buffer | null) | null = null,
): PackReport {
  const checks: PackCheck[] = [];
  const check = (ok: boolean, message: string, warning = false) => checks.push({ ok, message, warning });
  const pack = input as EvidencePack;
  if (!pack || pack.format !== EVIDENCE_PACK_FORMAT || pack.formatVersion !== EVIDENCE_PACK_VERSION) {
    check(false, `Not an evidence pack of format ${EVIDENCE_PACK_FORMAT} version ${EVIDENCE_PACK_VERSION}.`);
    return done(checks, null);
  }
  try {
    verifyEvents(pack, check);
    verifyDerived(pack, check);
    verifySeals(pack, check, trustedFingerprint);
    for (const c of verifyPackDocuments(pack.events, pack.documents, readDocument)) check(c.ok, c.message, c.warning);
  } catch (error) {
    check(false, `The pack is malformed: ${error instanceof Error ? error.message : String(error)}`);
  }
  return done(checks, pack.ledger?.keyFingerprint ?? null);
}

type Check = (ok: boolean, message: string, warning?: boolean) => void;

function verifyEvents(pack: EvidencePack, check: Check): void {
  const events = pack.events.map((e) => ({ ...e, revision: BigInt(e.revision), position: BigInt(e.position) }));
  const stream = events[0]?.streamId ?? '';
  const foreign = events.find((e) => e.streamId !== stream || organizationIdOf(e.streamId) !== pack.organizationId);
  check(!foreign, foreign ? `Event ${foreign.eventId} belongs to ${foreign.streamId}, not to organization ${pack.organizationId}.` : `Every event belongs to ${stream}.`);
  const chain = verifyStream(events);
  check(
    chain.valid,
    chain.valid
      ? `${events.length} events: every hash recomputed and the chain intact (revisions 0–${events.length - 1}).`
      : `Event ${chain.firstBrokenEventId}: ${chain.reason}`,
  );
}

function verifyDerived(pack: EvidencePack, check: Check): void {
  const { statuses, state } = statusTimeline(pack.events);
  const bad = statuses.findIndex((s, i) => canonicalJson(s) !== canonicalJson(pack.statuses[i] ?? null));
  const count = statuses.length === pack.statuses.length;
  check(
    bad < 0 && count,
    bad < 0 && count
      ? `${statuses.length} statuses re-derived from the events (evolve + assess at each effectiveAt): all match.`
      : bad >= 0
        ? `The status after event ${statuses[bad]!.eventId} (revision ${statuses[bad]!.revision}) is ${pack.statuses[bad]?.status ?? 'missing'} in the pack, but the events give ${statuses[bad]!.status}${pack.statuses[bad]?.status === statuses[bad]!.status ? ' (its flags or reasons differ)' : ''}.`
        : `The pack lists ${pack.statuses.length} statuses for ${statuses.length} events.`,
  );
  const sameProfile = canonicalJson(state.profile) === canonicalJson(pack.organization);
  check(sameProfile, sameProfile ? 'The organization profile is the one the events establish.' : 'The organization profile differs from the one the events establish.');
  const inRange = inRangeOf(pack.range);
  const misplaced = pack.events.find((e) => e.inRange !== inRange(e));
  check(!misplaced, misplaced ? `Event ${misplaced.eventId} is marked ${misplaced.inRange ? 'in' : 'out of'} range wrongly.` : 'The in-range marks agree with the range.');
  const sameCsv = timelineCsv(pack.events, statuses, inRange) === pack.csv;
  check(sameCsv, sameCsv ? 'The CSV timeline is exactly the one the events give.' : 'The CSV timeline differs from the one the events give.');
}

function verifySeals(pack: EvidencePack, check: Check, trustedFingerprint: string | null): void {
  const { publicKey, seals, latestCheckpoint, unsealedEventIds } = pack.ledger;
  const fingerprint = publicKey ? keyFingerprint(publicKey) : null;
  if (trustedFingerprint) {
    const pinned = fingerprint === trustedFingerprint.toLowerCase();
    check(pinned, pinned ? `The signing key is the pinned one (${trustedFingerprint}).` : `The signing key ${fingerprint ?? '(none)'} is not the pinned one (${trustedFingerprint}).`);
  }
  const sealedHashes = new Set<string>();
  for (const seal of seals) {
    const problem = sealProblem(seal, publicKey);
    const data = parseCheckpoint(seal.checkpoint) as CheckpointData;
    check(problem === null, problem ?? `Checkpoint #${data.sequence}: signature, ${data.sequence > 1 ? `link to #${data.sequence - 1}` : 'start of the chain'} and root over ${data.eventCount} events verified.`);
    for (const h of seal.windowHashes) sealedHashes.add(h);
  }
  if (latestCheckpoint) {
    const data = parseCheckpoint(latestCheckpoint);
    const ok = typeof data !== 'string' && envelopeOk(latestCheckpoint) && checkpointSignatureValid(data) && data.publicKey === publicKey;
    check(ok, ok ? `The latest checkpoint (#${(data as CheckpointData).sequence}) is signed by the same key.` : 'The latest checkpoint does not verify.');
  }
  const unsealed = new Set(unsealedEventIds);
  const firstUnsealed = pack.events.findIndex((e) => unsealed.has(e.eventId));
  const loose = pack.events.find((e) => !unsealed.has(e.eventId) && !sealedHashes.has(hashEvent(e)));
  const tailOk = firstUnsealed < 0 || pack.events.slice(firstUnsealed).every((e) => unsealed.has(e.eventId));
  check(
    loose === undefined && tailOk,
    loose ? `Event ${loose.eventId} (revision ${loose.revision}) is not sealed by any checkpoint in the pack.` : tailOk ? 'Every event is sealed by a signed checkpoint, or is in the unsealed tail.' : 'Only the latest events may be unsealed.',
  );
  if (unsealed.size > 0) check(true, `${unsealed.size} latest event(s) are chained but not sealed yet (recorded after the latest checkpoint).`, true);
}

function envelopeOk(e: PackEvent): boolean {
  return storedHash(e) === hashEvent(e);
}

function sealProblem(seal: PackSeal, publicKey: string | null): string | null {
  const data = parseCheckpoint(seal.checkpoint);
  if (typeof data === 'string') return `A seal is not a checkpoint: ${data}.`;
  const name = `Checkpoint #${data.sequence}`;
  if (!envelopeOk(seal.checkpoint)) return `${name}: its event envelope was altered.`;
  if (!checkpointSignatureValid(data)) return `${name}: the signature does not verify.`;
  if (data.publicKey !== publicKey) return `${name}: signed with another key than the pack's.`;
  const previous = seal.previous;
  if (previous === null ? data.previousCheckpointHash !== null || data.sequence !== 1 : checkpointHash(previous) !== data.previousCheckpointHash) {
    return `${name}: the previous checkpoint given does not match its link.`;
  }
  if (seal.windowHashes.length !== data.eventCount) return `${name}: the window has ${seal.windowHashes.length} hashes, the checkpoint sealed ${data.eventCount}.`;
  if (rootOver(previous?.rootHash ?? GENESIS_ROOT, seal.windowHashes) !== data.rootHash) return `${name}: the window's hashes do not give its root.`;
  return null;
}

function done(checks: PackCheck[], keyFingerprint: string | null): PackReport {
  const failed = checks.find((c) => !c.ok);
  return { valid: !failed, checks, reason: failed?.message ?? null, keyFingerprint };
}
