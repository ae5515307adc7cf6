import { assess } from '../domain/assess';
import type { Assessment } from '../domain/assessment.types';
import { dayOf } from '../domain/calendar';
import { evolve } from '../domain/organization.evolve';
import { initialState, type OrganizationState } from '../domain/organization.state';
import type { AssuranceStatus, IsoDate, IsoDateTime } from '../domain/oversight.vocabulary';
import { inBusinessOrder, instant, knownBy, type ReplayEvent } from './replay-event';

/** EVENT: a recorded fact. TIME: no fact, yet the passing of a day changed the verdict. */
export type TimelineEntryKind = 'EVENT' | 'TIME';

export interface TimelineEntry {
  kind: TimelineEntryKind;
  /** The event's effectiveAt, or midnight (UTC) of the day time changed the verdict. */
  at: IsoDateTime;
  /** Null for a TIME entry. */
  event: ReplayEvent | null;
  /** The verdict right after this entry, assessed on its day. */
  assessment: Assessment;
  statusChanged: boolean;
  /** The status before this entry; null before the first event. */
  previousStatus: AssuranceStatus | null;
}

export interface TimelineOptions {
  /** Entries before this instant are left out (the verdicts still account for them). */
  from?: IsoDateTime | null;
  /** The last instant replayed; TIME entries are looked for up to its day. */
  to: IsoDateTime;
  /** Only events recorded by then are known. */
  knownAt: IsoDateTime;
}

/** A bound on TIME steps: a daily countdown over decades is still far below it. */
const MAX_TIME_STEPS = 50_000;

/**
 * Replays one organization event by event in business-time order (DESIGN §5 "Bitemporal
 * replay"): after each event, the verdict on its day. Between events it follows the verdict's
 * `nextReassessmentOn` and adds a TIME entry wherever time alone changed the status, the flags
 * or the set of reasons (a report expiring, a due date passing, a fiscal year end arriving), so
 * that every transition an auditor may ask about is on the timeline.
 */
export function replayTimeline(events: readonly ReplayEvent[], options: TimelineOptions): TimelineEntry[] {
  const to = instant(options.to);
  const ordered = inBusinessOrder(knownBy(events, options.knownAt)).filter((e) => instant(e.effectiveAt) <= to);
  const entries: TimelineEntry[] = [];
  let state: OrganizationState = initialState();
  let shown: Assessment | null = null;
  let latest: Assessment | null = null;
  let steps = 0;

  const push = (kind: TimelineEntryKind, at: IsoDateTime, event: ReplayEvent | null, a: Assessment) => {
    entries.push({ kind, at, event, assessment: a, statusChanged: shown?.status !== a.status, previousStatus: shown?.status ?? null });
    shown = a;
  };
  /** TIME entries on the re-assessment days up to and including `lastDay`. */
  const timePasses = (lastDay: IsoDate) => {
    let next = latest?.nextReassessmentOn ?? null;
    while (next !== null && next <= lastDay) {
      if (++steps > MAX_TIME_STEPS) throw new RangeError('Timeline too long to replay');
      const a = assess(state, next);
      if (shown && differs(shown, a)) push('TIME', `${next}T00:00:00.000Z`, null, a);
      latest = a;
      next = a.nextReassessmentOn;
    }
  };

  for (const e of ordered) {
    // A change due on the event's own day happened at midnight, before the event.
    timePasses(dayOf(e.effectiveAt));
    state = evolve(state, e);
    latest = assess(state, e.effectiveAt);
    push('EVENT', e.effectiveAt, e, latest);
  }
  timePasses(dayOf(options.to));

  const from = options.from ? instant(options.from) : -Infinity;
  return entries.filter((x) => instant(x.at) >= from && instant(x.at) <= to);
}

/** Status, flags or the set of reasons: what an auditor would call a transition. */
function differs(a: Assessment, b: Assessment): boolean {
  const key = (x: Assessment) => JSON.stringify([x.status, x.flags, x.reasons.map((r) => r.code).sort()]);
  return key(a) !== key(b);
}
