import type { RecordedEvent } from '../../../event-store/src/event-store.port';
import type { OrganizationRegisteredData } from '../domain/oversight.events';
import { packDocuments, type PackDocument } from './evidence-pack-documents';
import type { CheckpointData } from './checkpoint';
import { statusTimeline, timelineCsv, type PackEvent, type StatusAfterEvent } from './status-timeline';

export const EVIDENCE_PACK_FORMAT = 'oversight-ledger/evidence-pack';
export const EVIDENCE_PACK_VERSION = 2;
export const EXPORT_STATEMENT_KIND = 'oversight-ledger/export-statement';

/** What the server signs at export: exactly this stream, this many revisions, ending in this hash, in this tree head. */
export interface ExportStatement {
  kind: typeof EXPORT_STATEMENT_KIND;
  organizationId: string;
  streamId: string;
  revisionCount: number;
  headHash: string;
  generatedAt: string;
  treeHead: { sequence: number; treeSize: number; treeRoot: string };
}

export interface PackLedger {
  publicKey: string;
  keyFingerprint: string;
  /** The signed tree head (a checkpoint's data) that includes every event of the pack. */
  treeHead: CheckpointData;
  /** One RFC 6962 inclusion proof per event, in the pack's order. */
  inclusion: Array<{ eventId: string; leafIndex: number; path: string[] }>;
  statement: { payload: ExportStatement; signature: string };
  /** Asked for at export (sinceTreeSize): proves treeHead extends an older head of that size. */
  consistency: { fromSize: number; path: string[] } | null;
}

export interface EvidencePack {
  format: typeof EVIDENCE_PACK_FORMAT;
  formatVersion: typeof EVIDENCE_PACK_VERSION;
  generatedAt: string;
  organizationId: string;
  /** Events whose effectiveAt lies in [from, to] are in range; the pack holds the whole stream. */
  range: { from: string | null; to: string | null; by: 'effectiveAt' };
  hashing: { event: string; leaf: string; node: string; signature: string };
  organization: OrganizationRegisteredData | null;
  events: Array<PackEvent & { inRange: boolean }>;
  statuses: StatusAfterEvent[];
  ledger: PackLedger;
  csv: string;
  /** Every document the events attach (by SHA-256); the files travel beside the pack when exported --with-documents. */
  documents: PackDocument[];
}

export const HASHING = {
  event:
    'hex(SHA-256(canonical JSON (RFC 8785) of {streamId, revision (decimal string), eventId, type, data, metadata without "hash"})); metadata.previousHash chains each event to the previous one of its stream',
  leaf: 'RFC 6962 Merkle tree over every organization event in global order: leaf = SHA-256(0x00 || eventHash bytes)',
  node: 'node = SHA-256(0x01 || left || right); MTH of RFC 6962 §2.1; inclusion and consistency proofs verified as RFC 9162 §2.1.3.2 and §2.1.4.2',
  signature: 'Ed25519 over the canonical JSON of the checkpoint payload (treeSize, treeRoot…) and of the export statement',
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
  ledger: PackLedger;
}

/** Assembles a self-contained pack; everything in it can be checked with verifyEvidencePack. */
export function buildEvidencePack(input: PackInput): EvidencePack {
  const events = input.events.map(toPackEvent);
  const inRange = inRangeOf(input.range);
  const { statuses, state } = statusTimeline(events);
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
    ledger: input.ledger,
    csv: timelineCsv(events, statuses, inRange),
    documents: packDocuments(events),
  };
}
