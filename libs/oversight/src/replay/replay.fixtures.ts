import type { RecordedOversightEvent } from '../domain/oversight.events';
import type { ReplayEvent } from './replay-event';

/**
 * Turns a test history into a stream: `late` moves an event's recordedAt (a fact entered late),
 * and revisions follow recording order, as the store would number them.
 */
export function asStream(events: readonly RecordedOversightEvent[], late: Record<string, string> = {}): ReplayEvent[] {
  return events
    .map((e, i) => ({ e: { ...e, recordedAt: late[e.eventId] ?? e.recordedAt }, i }))
    .sort((a, b) => Date.parse(a.e.recordedAt) - Date.parse(b.e.recordedAt) || a.i - b.i)
    .map(({ e }, revision) => ({ ...e, revision: BigInt(revision) }));
}

export const ids = (events: ReadonlyArray<{ eventId: string }>) => events.map((e) => e.eventId);
