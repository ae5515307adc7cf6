import { assess } from '../domain/assess';
import type { Assessment } from '../domain/assessment.types';
import { dayOf } from '../domain/calendar';
import { carvedOutChildren, withInherited, type CandidateChild } from '../domain/inherit';
import { evolve } from '../domain/organization.evolve';
import { initialState, type OrganizationState } from '../domain/organization.state';
import type { AssuranceStatus, IsoDate, IsoDateTime } from '../domain/oversight.vocabulary';
import { inBusinessOrder, instant, knownBy, type ReplayEvent } from './replay-event';
import { candidateAt, type ChildHistory } from './status-history';

/**
 * EVENT: a recorded fact of this organization. TIME: no fact of its own, yet the verdict changed:
 * a day passed, or a carved-out subservice organization's status changed (INHERITED).
 */
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
  /**
   * INHERITED findings (domain/inherit.ts), as the read model shows them: the organization's id
   * and the own histories of every organization that may be its carved-out child, replayed with
   * the same `to` and `knownAt`. Without it the timeline is the organization's own verdicts.
   */
  chain?: { organizationId: string; children: readonly ChildHistory[] };
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
  const children = childChanges(options.chain?.children ?? [], to);
  const seen = new Map<string, CandidateChild>();
  const entries: TimelineEntry[] = [];
  let state: OrganizationState = initialState();
  let shown: Assessment | null = null;
  let latest: Assessment | null = null;
  let steps = 0;
  let c = 0;

  const verdict = (own: Assessment): Assessment => {
    const chain = options.chain;
    if (!chain || seen.size === 0) return own;
    return withInherited(own, carvedOutChildren({ id: chain.organizationId, state }, own.at, [...seen.values()]));
  };
  const push = (kind: TimelineEntryKind, at: IsoDateTime, event: ReplayEvent | null, a: Assessment) => {
    entries.push({ kind, at, event, assessment: a, statusChanged: shown?.status !== a.status, previousStatus: shown?.status ?? null });
    shown = a;
  };
  /** TIME entries up to and including instant `t`: re-assessment days (at midnight) and children's changes. */
  const timePasses = (t: number) => {
    for (;;) {
      if (++steps > MAX_TIME_STEPS) throw new RangeError('Timeline too long to replay');
      const next = latest?.nextReassessmentOn ?? null;
      const dayAt = next !== null ? instant(`${next}T00:00:00.000Z`) : Infinity;
      const child = children[c];
      const childAt = child ? instant(child.point.at) : Infinity;
      if (Math.min(dayAt, childAt) > t) return;
      let at: IsoDateTime;
      if (dayAt <= childAt) {
        at = `${next}T00:00:00.000Z`;
        latest = assess(state, next!);
      } else {
        c++;
        seen.set(child!.history.id, candidateAt(child!.history, child!.point));
        at = child!.point.at;
        if (!latest) continue;
        latest = assess(state, at);
      }
      const a = verdict(latest);
      if (shown && differs(shown, a)) push('TIME', at, null, a);
    }
  };

  for (const e of ordered) {
    // A change due on the event's own day happened at midnight, before the event; a child's
    // change at the same instant, before it too.
    timePasses(instant(e.effectiveAt));
    state = evolve(state, e);
    latest = assess(state, e.effectiveAt);
    push('EVENT', e.effectiveAt, e, verdict(latest));
  }
  timePasses(to);

  const from = options.from ? instant(options.from) : -Infinity;
  return entries.filter((x) => instant(x.at) >= from && instant(x.at) <= to);
}

/** Every child's points up to `to`, in time order (by id on ties, so the result never depends on input order). */
function childChanges(children: readonly ChildHistory[], to: number) {
  return children
    .flatMap((history) => history.points.map((point) => ({ history, point })))
    .filter((x) => instant(x.point.at) <= to)
    .sort((a, b) => instant(a.point.at) - instant(b.point.at) || a.history.id.localeCompare(b.history.id));
}

/** Status, flags or the set of reasons: what an auditor would call a transition. */
function differs(a: Assessment, b: Assessment): boolean {
  const key = (x: Assessment) => JSON.stringify([x.status, x.flags, x.reasons.map((r) => r.code).sort()]);
  return key(a) !== key(b);
}
