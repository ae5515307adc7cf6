import { canonicalJson } from './canonical-json';
import { keyFingerprint } from './checkpoint';
import { EVIDENCE_PACK_FORMAT, EVIDENCE_PACK_VERSION, inRangeOf, type EvidencePack } from './evidence-pack';
import { verifyPackLedger, type Check } from './pack-ledger-verify';
import { statusTimeline, timelineCsv } from './status-timeline';
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
  /** One sentence saying precisely what was verified (or why not). */
  summary: string;
  checks: PackCheck[];
  /** The first failed check's message; null when valid. */
  reason: string | null;
  keyFingerprint: string | null;
}

/**
 * Verifies an evidence pack offline, with no server and no database: every event hash and the
 * chain; every status re-derived from the events with the domain code; the CSV regenerated; the
 * signed tree head, an inclusion proof per event and the signed export statement (pack-ledger-
 * verify). `trustedFingerprint` pins the signing key (obtained out of band): without it the pack
 * proves consistency with the key it carries. `previousHead`: a tree head the auditor kept.
 */
export function verifyEvidencePack(
  input: unknown,
  trustedFingerprint: string | null = null,
  previousHead: unknown = null,
  /** The files exported beside the pack (--with-documents); null when there are none. */
  readDocument: ((d: PackDocument) => Buffer | null) | null = null,
): PackReport {
  const checks: PackCheck[] = [];
  const check = (ok: boolean, message: string, warning = false) => checks.push({ ok, message, warning });
  const pack = input as EvidencePack;
  if (!pack || pack.format !== EVIDENCE_PACK_FORMAT || pack.formatVersion !== EVIDENCE_PACK_VERSION) {
    const old = (input as { formatVersion?: unknown } | null)?.formatVersion === 1;
    check(false, `Not an evidence pack of format ${EVIDENCE_PACK_FORMAT} version ${EVIDENCE_PACK_VERSION}.${old ? ' Version 1 packs carry no export signature and cannot prove they are complete: export the pack again.' : ''}`);
    return done(checks, null, null);
  }
  let proven: string | null = null;
  try {
    verifyEvents(pack, check);
    verifyDerived(pack, check);
    proven = verifyPackLedger(pack, check, trustedFingerprint, previousHead);
    for (const c of verifyPackDocuments(pack.events, pack.documents, readDocument)) check(c.ok, c.message, c.warning);
  } catch (error) {
    check(false, `The pack is malformed: ${error instanceof Error ? error.message : String(error)}`);
  }
  return done(checks, keyFingerprint(pack.ledger?.publicKey ?? ''), proven);
}

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

function done(checks: PackCheck[], fingerprint: string | null, proven: string | null): PackReport {
  const failed = checks.find((c) => !c.ok);
  const summary = failed || !proven ? `Not verified: ${failed?.message ?? 'the pack could not be checked.'}` : `Verified: ${proven}; every status and the CSV follow from the events.`;
  return { valid: !failed && proven !== null, summary, checks, reason: failed?.message ?? null, keyFingerprint: fingerprint === 'invalid-key' ? null : fingerprint };
}
