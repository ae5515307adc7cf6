import { assess } from '../domain/assess';
import type { Assessment } from '../domain/assessment.types';
import { dayOf } from '../domain/calendar';
import { carvedOutNames, decisiveEventIds, INHERITED_STATUS, isNotAssured, nameKey } from '../domain/inherit';
import { evolve } from '../domain/organization.evolve';
import { initialState, type OrganizationState } from '../domain/organization.state';
import { ASSURANCE_STATUSES, type AssuranceStatus, type IsoDate } from '../domain/oversight.vocabulary';
import { instant, type ReplayEvent } from './replay-event';
import type { ChildHistory, HistoryPoint } from './status-history';

/** A point of an organization's own verdicts, with the names its current report carves out then. */
export interface OwnPoint extends HistoryPoint {
  carvedOut: string[];
}

/**
 * The organization's own timeline (timeline.ts, without inheritance) as a fold that can resume:
 * the read model keeps it per organization and feeds it only the events it has not folded, as
 * long as they come after the last one in business order (else it starts over from every event).
 * It evaluates the verdict where the timeline does (each event, each re-assessment day), so its
 * `since` is the timeline's statusSince, and its points are what vendors need (INHERITED).
 */
export interface OwnCursor {
  state: OrganizationState;
  latest: Assessment | null;
  since: IsoDate | null;
  points: OwnPoint[];
  /** The last event folded, in business order (effectiveAt instant, then revision as a string). */
  last: { at: number; revision: string } | null;
}

export function startOwn(): OwnCursor {
  return { state: initialState(), latest: null, since: null, points: [], last: null };
}

/** True when `e` sorts after every event the cursor folded (business order): it may resume. */
export function comesAfter(cursor: OwnCursor, e: ReplayEvent): boolean {
  const at = instant(e.effectiveAt);
  return !cursor.last || at > cursor.last.at || (at === cursor.last.at && e.revision > BigInt(cursor.last.revision));
}

/** Folds `events` (business order, each after the cursor) with the re-assessments before each. */
export function advanceOwn(cursor: OwnCursor, events: readonly ReplayEvent[]): OwnCursor {
  for (const e of events) {
    passOwn(cursor, instant(e.effectiveAt));
    cursor.state = evolve(cursor.state, e);
    evaluate(cursor, e.effectiveAt);
    cursor.last = { at: instant(e.effectiveAt), revision: String(e.revision) };
  }
  return cursor;
}

/** The re-assessment days up to instant `t` (midnight of a day counts as on it). */
export function passOwn(cursor: OwnCursor, t: number): OwnCursor {
  for (let steps = 0; cursor.latest?.nextReassessmentOn; steps++) {
    const next = cursor.latest.nextReassessmentOn;
    if (instant(`${next}T00:00:00.000Z`) > t) break;
    if (steps > 50_000) throw new RangeError('Timeline too long to replay');
    evaluate(cursor, `${next}T00:00:00.000Z`);
  }
  return cursor;
}

function evaluate(cursor: OwnCursor, at: string): void {
  const a = assess(cursor.state, at);
  if (a.status !== cursor.latest?.status) cursor.since = a.at;
  cursor.latest = a;
  const point: OwnPoint = {
    at: new Date(instant(at)).toISOString(),
    status: a.status,
    since: cursor.since,
    eventIds: decisiveEventIds(a),
    carvedOut: a.status === 'OFFBOARDED' ? [] : carvedOutNames(cursor.state, a.at),
  };
  const last = cursor.points[cursor.points.length - 1];
  if (!last || JSON.stringify({ ...last, at: '' }) !== JSON.stringify({ ...point, at: '' })) cursor.points.push(point);
}

/**
 * The vendor's statusSince with INHERITED findings, from its own points and its possible
 * children's: the status is its own, raised to ASSURED_WITH_EXCEPTIONS while a linked child is
 * not assured (domain/inherit.ts). The day of the last change of that status.
 */
export function combinedSince(vendorId: string, own: readonly OwnPoint[], children: readonly ChildHistory[]): IsoDate | null {
  const steps = [
    ...children.flatMap((c) => c.points.map((p) => ({ at: instant(p.at), child: c, point: p as HistoryPoint | OwnPoint, own: false }))),
    ...own.map((p) => ({ at: instant(p.at), child: null, point: p as HistoryPoint | OwnPoint, own: true })),
  ].sort((x, y) => x.at - y.at || Number(x.own) - Number(y.own));
  const childStatus = new Map<string, AssuranceStatus>();
  let mine: OwnPoint | null = null;
  let status: AssuranceStatus | null = null;
  let since: IsoDate | null = null;
  for (const s of steps) {
    if (s.own) mine = s.point as OwnPoint;
    else childStatus.set(s.child!.id, s.point.status);
    if (!mine) continue;
    const lapsed = children.some((c) => {
      const linked = (c.parentOrganizationId === vendorId && c.inclusionMethod === 'CARVE_OUT') || mine!.carvedOut.includes(nameKey(c.name));
      const st = childStatus.get(c.id);
      return c.id !== vendorId && linked && st !== undefined && isNotAssured(st);
    });
    const next = mine.status === 'OFFBOARDED' || !lapsed ? mine.status : moreSevere(mine.status, INHERITED_STATUS);
    if (next !== status) since = dayOf(s.point.at);
    status = next;
  }
  return since;
}

function moreSevere(a: AssuranceStatus, b: AssuranceStatus): AssuranceStatus {
  return ASSURANCE_STATUSES.indexOf(a) <= ASSURANCE_STATUSES.indexOf(b) ? a : b;
}
