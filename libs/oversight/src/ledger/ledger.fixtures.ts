import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InMemoryEventStore } from '../../../event-store/src/in-memory-event-store';
import type { EventStore, RecordedEvent } from '../../../event-store/src/event-store.port';
import { ManualClock } from '../application/clock';
import { ORGANIZATION_STREAM_PREFIX } from '../application/event-envelope';
import { OversightCommandHandler } from '../application/handle-command';
import { command, dataCenter, REPORT_ID, review, soc2Type2 } from '../domain/organization.fixtures';
import type { OversightCommand } from '../domain/oversight.commands';
import { LEDGER_CHECKPOINT_STREAM } from './checkpoint';
import { LedgerCheckpointer } from './ledger-checkpointer';
import { LedgerVerifier, type LedgerReport } from './ledger-verifier';
import type { SignedHeadStore } from './signed-head-file';
import { loadOrCreateSigningKey, type LedgerSigner } from './signing-key';

export const NOW = '2026-06-30T09:00:00.000Z';

/** A store with real oversight events (through the command path) for two organizations. */
export async function recordedStore() {
  const store = new InMemoryEventStore();
  const clock = new ManualClock(new Date(NOW));
  const handler = new OversightCommandHandler(store, clock);
  const run = (organizationId: string, cmd: OversightCommand, n: number, tenantId = 'acme') =>
    handler.handle({ tenantId, actor: { id: 'dana', role: 'ANALYST' }, organizationId, command: cmd, commandId: `${organizationId}-${n}` });
  for (const [id, tenantId] of [['dc-1', 'acme'], ['dc-2', 'other']] as const) {
    await run(id, command('RegisterOrganization', dataCenter({ organizationId: id, name: `Colo ${id}` })), 1, tenantId);
    await run(id, command('RecordReportReceived', soc2Type2()), 2, tenantId);
    await run(id, command('ConcludeReportReview', review()), 3, tenantId);
  }
  return { store, clock, handler, run, reportId: REPORT_ID };
}

export function signer() {
  return loadOrCreateSigningKey(join(mkdtempSync(join(tmpdir(), 'ledger-key-')), 'ledger-signing-key.pem'));
}

/** Runs a checkpointer until it has sealed `sequence`, then stops it. */
export async function sealUpTo(store: EventStore, every: number, sequence: number, key = signer(), head?: SignedHeadStore) {
  const checkpointer = new LedgerCheckpointer({ store, signer: key, every, retryDelayMs: 10, head });
  checkpointer.start();
  const deadline = Date.now() + 3000;
  while ((checkpointer.last?.data.sequence ?? 0) < sequence) {
    if (Date.now() > deadline) throw new Error(`checkpoint ${sequence} never sealed: ${String(checkpointer.lastError)}`);
    await new Promise((r) => setTimeout(r, 5));
  }
  await checkpointer.stop();
  return key;
}

/** Starts a checkpointer, waits until its first session has verified the store, stops it; expects it halted. */
export async function haltedCheckpointer(store: EventStore, key: LedgerSigner, head?: SignedHeadStore) {
  let onHalt!: (reason: string) => void;
  const halted = new Promise<string>((resolve) => (onHalt = resolve));
  const checkpointer = new LedgerCheckpointer({ store, signer: key, every: 1, retryDelayMs: 10, head, onHalt });
  checkpointer.start();
  const reason = await Promise.race([halted, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`not halted: ${checkpointer.state}`)), 3000))]);
  await checkpointer.stop();
  return { haltReason: reason, checkpointer };
}

export async function snapshot(store: EventStore) {
  return {
    checkpoints: await store.readStream(LEDGER_CHECKPOINT_STREAM),
    events: await store.readAll({ streamPrefix: ORGANIZATION_STREAM_PREFIX }),
  };
}

export function verifyEvents(checkpoints: RecordedEvent[], events: RecordedEvent[]): LedgerReport {
  const verifier = new LedgerVerifier(checkpoints);
  for (const e of events) verifier.add(e);
  return verifier.finish();
}
