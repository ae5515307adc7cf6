import type { EventStore, RecordedEvent } from '../../../event-store/src/event-store.port';
import { ORGANIZATION_STREAM_PREFIX, organizationStream } from '../application/event-envelope';
import { LEDGER_CHECKPOINT_STREAM, parseCheckpoint } from './checkpoint';
import { hashEvent } from './event-hash';
import { buildEvidencePack, type EvidencePack } from './evidence-pack';
import { LedgerVerifier, type LedgerReport } from './ledger-verifier';

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

/** Runs the LedgerVerifier over a whole store: the checkpoint stream, then every event. */
export async function scanLedger(store: EventStore): Promise<{ report: LedgerReport; verifier: LedgerVerifier }> {
  const verifier = new LedgerVerifier(await store.readStream(LEDGER_CHECKPOINT_STREAM));
  for await (const event of organizationEvents(store)) verifier.add(event);
  return { report: verifier.finish(), verifier };
}

/**
 * Gathers an organization's evidence pack from a store: its whole stream, and for every
 * checkpoint that sealed one of its events, the hashes of that checkpoint's window. Windows are
 * found by the positions the checkpoint recorded, so the pack is exported from the store that
 * sealed them. Returns null when the stream does not exist.
 */
export async function collectEvidencePack(
  store: EventStore,
  tenantId: string,
  organizationId: string,
  range: { from: string | null; to: string | null },
  generatedAt: string,
): Promise<EvidencePack | null> {
  const events = await store.readStream(organizationStream(tenantId, organizationId));
  if (events.length === 0) return null;
  const checkpoints = await store.readStream(LEDGER_CHECKPOINT_STREAM);
  const parsed = checkpoints.map((event) => ({ event, data: parseCheckpoint(event) }));
  const seals: Parameters<typeof buildEvidencePack>[0]['seals'] = [];
  parsed.forEach(({ event, data }, i) => {
    if (typeof data === 'string') return;
    const from = BigInt(data.fromPosition);
    const to = BigInt(data.toPosition);
    if (!events.some((e) => e.position >= from && e.position <= to)) return;
    seals.push({ checkpoint: event, previous: parsed[i - 1]?.event ?? null, windowHashes: [] });
  });
  for (const seal of seals) {
    const data = parseCheckpoint(seal.checkpoint);
    if (typeof data === 'string') continue;
    const window: string[] = [];
    for await (const e of organizationEvents(store, BigInt(data.fromPosition) - 1n)) {
      if (e.position > BigInt(data.toPosition)) break;
      window.push(hashEvent(e));
    }
    seal.windowHashes = window;
  }
  return buildEvidencePack({
    organizationId,
    generatedAt,
    range,
    events,
    seals,
    latestCheckpoint: checkpoints[checkpoints.length - 1] ?? null,
  });
}
