import { decisiveEventIds, type CandidateChild } from '../domain/inherit';
import type { OrganizationState } from '../domain/organization.state';
import type { AssuranceStatus, IsoDate, IsoDateTime } from '../domain/oversight.vocabulary';
import { instant } from './replay-event';
import type { TimelineEntry } from './timeline';

/**
 * Since when the status holds: the day of the timeline's last entry that changed the status,
 * i.e. the last change INTO the current status (DESIGN §3, "since when"). Not the earliest
 * reason's `since`: a reason may predate the status (a gap that began while there was still no
 * assurance at all). Null when the timeline is empty (nothing registered).
 */
export function statusSinceOf(entries: readonly TimelineEntry[]): IsoDate | null {
  for (let i = entries.length - 1; i >= 0; i--) if (entries[i]!.statusChanged) return entries[i]!.assessment.at;
  return null;
}

/** One organization's own verdict from `at` on, as a carved-out child is seen by its vendors. */
export interface HistoryPoint {
  at: IsoDateTime;
  status: AssuranceStatus;
  since: IsoDate | null;
  eventIds: string[];
}

/** A possible carved-out child of a vendor: its identity (as registered now) and own verdicts over time. */
export interface ChildHistory {
  id: string;
  name: string;
  parentOrganizationId: string | null;
  inclusionMethod: string | null;
  points: HistoryPoint[];
}

/** The child's own timeline (no inheritance: it is one level) as points where what a vendor sees changed. */
export function childHistory(id: string, state: OrganizationState, ownEntries: readonly TimelineEntry[]): ChildHistory | null {
  const p = state.profile;
  if (!p) return null;
  return { id, name: p.name, parentOrganizationId: p.parentOrganizationId, inclusionMethod: p.inclusionMethod, points: historyPoints(ownEntries) };
}

/** The entries as points where status, since or the decisive events changed. */
export function historyPoints(ownEntries: readonly TimelineEntry[]): HistoryPoint[] {
  const points: HistoryPoint[] = [];
  let since: IsoDate | null = null;
  for (const e of ownEntries) {
    const a = e.assessment;
    if (e.statusChanged) since = a.at;
    const point = { at: new Date(instant(e.at)).toISOString(), status: a.status, since, eventIds: decisiveEventIds(a) };
    const last = points[points.length - 1];
    if (!last || last.status !== point.status || last.since !== point.since || String(last.eventIds) !== String(point.eventIds)) points.push(point);
  }
  return points;
}

/** The child as a vendor sees it at one point of its history. */
export function candidateAt(child: ChildHistory, point: HistoryPoint): CandidateChild {
  return {
    id: child.id,
    name: child.name,
    parentOrganizationId: child.parentOrganizationId,
    inclusionMethod: child.inclusionMethod,
    status: point.status,
    since: point.since,
    eventIds: point.eventIds,
  };
}
