import { useState } from 'preact/hooks';
import { fetchHistory } from './api/audit';
import { fetchAsOf, fetchOversightTimeline, type AsOfAnswer, type ReplayStep } from './api/replay';
import { isUnsupported } from './graphql';
import { useQuery } from './hooks';

/** Steps from the server's oversightTimeline; else the history, each step's status asked as of its moment. */
async function loadSteps(id: string, knownAt: string | null): Promise<{ steps: ReplayStep[]; perStepStatus: boolean }> {
  try {
    return { steps: await fetchOversightTimeline(id, knownAt), perStepStatus: false };
  } catch (error) {
    if (!isUnsupported(error)) throw error;
  }
  const events = (await fetchHistory(id))
    .filter((e) => !knownAt || e.recordedAt <= knownAt)
    .sort((a, b) => a.effectiveAt.localeCompare(b.effectiveAt));
  const steps = events.map<ReplayStep>((e) => ({
    kind: 'EVENT',
    at: e.effectiveAt,
    day: e.effectiveAt.slice(0, 10),
    type: e.type,
    eventId: e.eventId,
    revision: e.revision,
    recordedAt: e.recordedAt,
    status: '',
    previousStatus: null,
    statusChanged: false,
    flags: [],
    reasons: [],
    data: e.data,
  }));
  return { steps, perStepStatus: true };
}

/** What a step was: its event's type, or, for a day on which time alone changed the verdict, that. */
export function describeStep(step: ReplayStep): string {
  return step.kind === 'TIME' ? 'Time passed, no new event' : step.type ?? 'Event';
}

/** The status change in force at step `current`: the last change at or before it (-1: none). */
export function changeInForce(steps: ReplayStep[], current: number): number {
  for (let i = Math.min(current, steps.length - 1); i >= 0; i--) if (steps[i]!.statusChanged) return i;
  return -1;
}

/**
 * The replay of one organization as known at `knownAt`: its steps, the one on screen (the last
 * until one is picked), and that step with its status, which servers without oversightTimeline
 * answer one step at a time (undefined while that answer loads).
 */
export function useReplay(id: string, knownAt: string | null) {
  const replay = useQuery(() => loadSteps(id, knownAt), [id, knownAt]);
  const steps = replay.data?.steps ?? [];
  const [index, setIndex] = useState<number | null>(null);
  const current = steps.length ? Math.min(index ?? steps.length - 1, steps.length - 1) : -1;
  const step = current >= 0 ? steps[current] : undefined;

  // On servers without oversightTimeline: the status after the step, asked as of its moment.
  const perStep = useQuery<AsOfAnswer | null>(
    () => fetchAsOf(id, step!.at, knownAt),
    [id, step?.at, knownAt],
    { enabled: !!replay.data?.perStepStatus && !!step, live: false },
  );
  const shown: ReplayStep | undefined = step && replay.data?.perStepStatus
    ? perStep.data
      ? { ...step, status: perStep.data.assurance.status, flags: perStep.data.assurance.flags, reasons: perStep.data.assurance.reasons }
      : undefined
    : step;
  return { replay, steps, current, step, shown, perStep, setIndex };
}
