import { AsyncLocalStorage } from 'node:async_hooks';
import type { Clock } from '../../libs/oversight/src/application/clock';
import type { CommandEnvelope, OversightCommandHandler } from '../../libs/oversight/src/application/handle-command';
import type { PlannedCommand } from './annual-cycle';

/**
 * A clock per command: each command is recorded at its planned instant (recordedAt), while many
 * run concurrently so that the store's group commit batches their fsyncs.
 */
export class PlannedClock implements Clock {
  private readonly current = new AsyncLocalStorage<Date>();
  now(): Date {
    return new Date((this.current.getStore() ?? new Date()).getTime());
  }
  at<T>(instant: number, work: () => Promise<T>): Promise<T> {
    return this.current.run(new Date(instant), work);
  }
}

export interface RecordOptions {
  handler: OversightCommandHandler;
  clock: PlannedClock;
  tenantId: string;
  seed: number;
  /** Commands in flight at once (different organizations; one organization's run in order). */
  concurrency: number;
  onProgress?: (done: { commands: number; events: number }) => void;
  onRejected?: (command: PlannedCommand, error: unknown) => void;
}

export interface RecordReport {
  commands: number;
  events: number;
  replayed: number;
  rejected: number;
}

export function envelopeOf(c: PlannedCommand, tenantId: string, seed: number): CommandEnvelope {
  return {
    tenantId,
    actor: { id: 'generator', role: 'ANALYST' },
    organizationId: c.organizationId,
    command: c.command,
    commandId: `gen:${seed}:${c.organizationIndex}:${c.key}`,
    effectiveAt: new Date(c.effectiveAt).toISOString(),
  };
}

/** Records planned commands through the command path, in order per organization. */
export async function recordPortfolio(plan: Iterable<PlannedCommand[]>, o: RecordOptions): Promise<RecordReport> {
  const report: RecordReport = { commands: 0, events: 0, replayed: 0, rejected: 0 };
  const chains = new Map<string, Promise<void>>();
  const inFlight = new Set<Promise<void>>();
  for (const batch of plan) {
    for (const c of batch) {
      while (inFlight.size >= o.concurrency) await Promise.race(inFlight);
      const previous = chains.get(c.organizationId) ?? Promise.resolve();
      const task: Promise<void> = previous.then(async () => {
        try {
          const outcome = await o.clock.at(c.at, () => o.handler.handle(envelopeOf(c, o.tenantId, o.seed)));
          report.commands++;
          if (outcome.replayed) report.replayed++;
          else report.events += outcome.eventIds.length;
        } catch (error) {
          report.rejected++;
          o.onRejected?.(c, error);
        }
        o.onProgress?.(report);
      });
      chains.set(c.organizationId, task);
      inFlight.add(task);
      void task.finally(() => {
        inFlight.delete(task);
        if (chains.get(c.organizationId) === task) chains.delete(c.organizationId);
      });
    }
  }
  await Promise.all(inFlight);
  return report;
}
