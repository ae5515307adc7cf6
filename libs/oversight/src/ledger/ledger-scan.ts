import type { EventStore, RecordedEvent } from '../../../event-store/src/event-store.port';
import { ORGANIZATION_STREAM_PREFIX, organizationStream } from '../application/event-envelope';
import { keyFingerprint, LEDGER_CHECKPOINT_STREAM } from './checkpoint';
import { hashEvent } from './event-hash';
import { buildEvidencePack, EXPORT_STATEMENT_KIND, type EvidencePack, type ExportStatement } from './evidence-pack';
import type { LedgerProver } from './ledger-prover';
import { LedgerVerifier, type LedgerReport } from './ledger-verifier';
import { consistencyProof, inclusionProof, leafHash, type SubtreeCache } from './merkle-tree';

const PAGE = 250;

/** Events verified between two yields to the event loop: a long scan never holds it for long. */
const SLICE = 25;

/** Every organization event in global order, a page at a time (memory stays flat). */
async function* organizationEvents(store: EventStore, after?: bigint): AsyncGenerator<RecordedEvent> {
  let cursor = after;
  for (;;) {
    const page = await store.readAll({ after: cursor, maxCount: PAGE, streamPrefix: ORGANIZATION_STREAM_PREFIX });
    for (let i = 0; i < page.length; i++) {
      yield page[i]!;
      // A macrotask now and then, so other requests (and /health) are served during a scan.
      if (i % SLICE === SLICE - 1) await new Promise((resolve) => setImmediate(resolve));
    }
    if (page.length < PAGE) return;
    cursor = page[page.length - 1]!.position;
  }
}

/** Runs the LedgerVerifier over a whole store: the checkpoint stream, then every event; `trustedKey` pins the signer. */
export async function scanLedger(store: EventStore, trustedKey: string | null = null): Promise<{ report: LedgerReport; verifier: LedgerVerifier }> {
  const verifier = new LedgerVerifier(await store.readStream(LEDGER_CHECKPOINT_STREAM), trustedKey);
  for await (const event of organizationEvents(store)) verifier.add(event);
  return { report: verifier.finish(), verifier };
}

/** What a pack needs from the running ledger: seal on demand, its leaves, and its key. */
export type PackSealer = Pick<LedgerProver, 'sealThrough' | 'signStatement' | 'publicKeyPem'>;

/**
 * Gathers an organization's evidence pack: its whole stream, sealed on demand into a signed tree
 * head, an inclusion proof per event, and a statement signed now naming the stream's revision
 * count and head hash (so a pack cut short or "unsealed" does not verify). Refuses when an event
 * read from the store is not the one the ledger sealed. Returns null when the stream does not exist.
 */
export async function collectEvidencePack(
  store: EventStore,
  sealer: PackSealer,
  request: { tenantId: string; organizationId: string; range: { from: string | null; to: string | null }; generatedAt: string; sinceTreeSize?: number | null },
): Promise<EvidencePack | null> {
  const streamId = organizationStream(request.tenantId, request.organizationId);
  const events = await store.readStream(streamId);
  if (events.length === 0) return null;
  const { head, session } = await sealer.sealThrough(events[events.length - 1]!.position);
  const size = head.treeSize!;
  const cache: SubtreeCache = new Map(); // the proofs share most nodes: O(log n) each after the first
  const inclusion = events.map((e) => {
    const leafIndex = session.leaves.indexOf(e.position);
    if (leafIndex < 0 || leafIndex >= size || !session.leaves.leaf(leafIndex).equals(leafHash(hashEvent(e)))) {
      throw new Error(`Event ${e.eventId} in the store is not the event the ledger sealed`);
    }
    return { eventId: e.eventId, leafIndex, path: inclusionProof(session.leaves.leaf, leafIndex, size, cache) };
  });
  const since = request.sinceTreeSize ?? null;
  const payload: ExportStatement = {
    kind: EXPORT_STATEMENT_KIND,
    organizationId: request.organizationId,
    streamId,
    revisionCount: events.length,
    headHash: hashEvent(events[events.length - 1]!),
    generatedAt: request.generatedAt,
    treeHead: { sequence: head.sequence, treeSize: size, treeRoot: head.treeRoot! },
  };
  return buildEvidencePack({
    organizationId: request.organizationId,
    generatedAt: request.generatedAt,
    range: request.range,
    events,
    ledger: {
      publicKey: sealer.publicKeyPem,
      keyFingerprint: keyFingerprint(sealer.publicKeyPem),
      treeHead: head,
      inclusion,
      statement: { payload, signature: sealer.signStatement(payload) },
      consistency: since === null ? null : { fromSize: since, path: consistencyProof(session.leaves.leaf, since, size) },
    },
  });
}
