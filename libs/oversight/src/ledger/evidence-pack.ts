import type { RecordedEvent } from '../../../event-store/src/event-store.port';
import type { OrganizationRegisteredData } from '../domain/oversight.events';
import { packDocuments, type PackDocument } from './evidence-pack-documents';
import { keyFingerprint, parseCheckpoint, payloadOf, type CheckpointPayload } from './checkpoint';
import { statusTimeline, timelineCsv, type PackEvent, type StatusAfterEvent } from './status-timeline';

export const EVIDENCE_PACK_FORMAT = 'oversight-ledger/evidence-pack';
export const EVIDENCE_PACK_VERSION = 1;

/** A checkpoint that seals some of the pack's events, with what it takes to check it offline. */
export interface PackSeal {
  /** The LedgerCheckpointRecorded event, full envelope (its own hash included). */
  checkpoint: PackEvent;
  /** The previous checkpoint's payload: its rootHash starts this window, its hash is linked. */
  previous: CheckpointPayload | null;
  /** Every organization event hash of the window, in global order (other tenants' as bare hashes). */
  windowHashes: string[];
}

export interface EvidencePack {
  format: typeof EVIDENCE_PACK_FORMAT;
  formatVersion: typeof EVIDENCE_PACK_VERSION;
  generatedAt: string;
  organizationId: string;
  /** Events whose effectiveAt lies in [from, to] are in range; the pack holds the whole stream. */
  range: { from: string | null; to: string | null; by: 'effectiveAt' };
  hashing: { event: string; root: string; signature: string };
  organization: OrganizationRegisteredData | null;
  events: Array<PackEvent & { inRange: boolean }>;
  statuses: StatusAfterEvent[];
  ledger: {
    publicKey: string | null;
    keyFingerprint: string | null;
    seals: PackSeal[];
    latestCheckpoint: PackEvent | null;
    /** Events recorded after the latest checkpoint: chained, not yet sealed. */
    unsealedEventIds: string[];
  };
  csv: string;
  /** Every document the events attach (by SHA-256); the files travel beside the pack when exported --with-documents. */
  documents: PackDocument[];
}

export const HASHING = {
  event:
    'hex(SHA-256(canonical JSON (RFC 8785) of {streamId, revision (decimal string), eventId, type, data, metadata without "hash"})); metadata.previousHash chains each event to the previous one of its stream',
  root: 'root_k = SHA-256(root_{k-1} || eventHash_k) over raw bytes, organization events in global order, root_0 = 32 zero bytes',
  signature: 'Ed25519 over the canonical JSON of {sequence, fromPosition, toPosition, eventCount, rootHash, previousCheckpointHash}',
};

export function toPackEvent(e: RecordedEvent): PackEvent {
  return {
    streamId: e.streamId,
    revision: String(e.revision),
    position: String(e.position),
    eventId: e.eventId,
    type: e.type,
    data: e.data,
    metadata: e.metadata,
  };
}

export function inRangeOf(range: { from: string | null; to: string | null }): (e: PackEvent) => boolean {
  const from = range.from ? Date.parse(range.from) : -Infinity;
  const to = range.to ? Date.parse(range.to) : Infinity;
  return (e) => {
    const at = Date.parse(String(e.metadata.effectiveAt ?? e.metadata.recordedAt));
    return at >= from && at <= to;
  };
}

export interface PackInput {
  organizationId: string;
  generatedAt: string;
  range: { from: string | null; to: string | null };
  /** The organization's whole stream, revision order. */
  events: readonly RecordedEvent[];
  /** The checkpoints sealing any of them, oldest first, each with its window's hashes. */
  seals: Array<{ checkpoint: RecordedEvent; previous: RecordedEvent | null; windowHashes: string[] }>;
  latestCheckpoint: RecordedEvent | null;
}

/** Assembles a self-contained pack; everything in it can be checked with verifyEvidencePack. */
export function buildEvidencePack(input: PackInput): EvidencePack {
  const events = input.events.map(toPackEvent);
  const inRange = inRangeOf(input.range);
  const { statuses, state } = statusTimeline(events);
  const latest = input.latestCheckpoint ? parseCheckpoint(input.latestCheckpoint) : null;
  const publicKey = latest && typeof latest !== 'string' ? latest.publicKey : null;
  const lastSealed = latest && typeof latest !== 'string' ? BigInt(latest.toPosition) : 0n;
  const previousPayload = (e: RecordedEvent | null) => {
    const d = e ? parseCheckpoint(e) : null;
    return d && typeof d !== 'string' ? payloadOf(d) : null;
  };
  return {
    format: EVIDENCE_PACK_FORMAT,
    formatVersion: EVIDENCE_PACK_VERSION,
    generatedAt: input.generatedAt,
    organizationId: input.organizationId,
    range: { ...input.range, by: 'effectiveAt' },
    hashing: HASHING,
    organization: state.profile,
    events: events.map((e) => ({ ...e, inRange: inRange(e) })),
    statuses,
    ledger: {
      publicKey,
      keyFingerprint: publicKey ? keyFingerprint(publicKey) : null,
      seals: input.seals.map((s) => ({
        checkpoint: toPackEvent(s.checkpoint),
        previous: previousPayload(s.previous),
        windowHashes: s.windowHashes,
      })),
      latestCheckpoint: input.latestCheckpoint ? toPackEvent(input.latestCheckpoint) : null,
      unsealedEventIds: input.events.filter((e) => e.position > lastSealed).map((e) => e.eventId),
    },
    csv: timelineCsv(events, statuses, inRange),
    documents: packDocuments(events),
  };
}
