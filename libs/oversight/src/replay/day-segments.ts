import { assess } from '../domain/assess';
import type { Assessment } from '../domain/assessment.types';
import { addDays, dayOf } from '../domain/calendar';
import { evolve } from '../domain/organization.evolve';
import { initialState, type OrganizationState } from '../domain/organization.state';
import type { IsoDate, IsoDateTime } from '../domain/oversight.vocabulary';
import { inBusinessOrder, knownBy, type ReplayEvent } from './replay-event';

/** Days over which one organization's verdict did not change. */
export interface DaySegment {
  from: IsoDate;
  to: IsoDate;
  /** The state at the end of `from` (every event effective that day folded). */
  state: OrganizationState;
  assessment: Assessment;
}

const MAX_SEGMENTS = 50_000;

/**
 * The verdict day by day, from the first event's day to `until`, as runs of equal verdicts.
 * A day's verdict folds every event effective on or before that day (end-of-day convention),
 * then assesses the day. Segments end before the next event's day or the verdict's
 * `nextReassessmentOn`, whichever comes first, so no day is assessed twice and none is missed.
 */
export function daySegments(events: readonly ReplayEvent[], options: { knownAt: IsoDateTime; until: IsoDate }): DaySegment[] {
  const ordered = inBusinessOrder(knownBy(events, options.knownAt));
  const first = ordered[0];
  if (!first) return [];
  const segments: DaySegment[] = [];
  let state = initialState();
  let i = 0;
  for (let day = dayOf(first.effectiveAt); day <= options.until; ) {
    if (segments.length >= MAX_SEGMENTS) throw new RangeError('Too many segments to replay');
    for (; i < ordered.length && dayOf(ordered[i]!.effectiveAt) <= day; i++) state = evolve(state, ordered[i]!);
    const assessment = assess(state, day);
    const nextEvent = ordered[i] ? dayOf(ordered[i]!.effectiveAt) : null;
    const next = [nextEvent, assessment.nextReassessmentOn].filter((d): d is IsoDate => d !== null).sort()[0] ?? null;
    const to = next === null || next > options.until ? options.until : addDays(next, -1);
    segments.push({ from: day, to, state, assessment });
    if (next === null || next > options.until) break;
    day = next;
  }
  return segments;
}
