import type { TenantFacts } from '../domain/assess-flag-rules';
import { dayOf } from '../domain/calendar';
import { carvedOutChildren, decisiveEventIds, type CandidateChild } from '../domain/inherit';
import { ownAsOf, withChildren, type AsOfAnswer, type AsOfFolder } from './as-of';
import { PortfolioTimelines } from './portfolio-timelines';
import type { Moment, ReplayEvent } from './replay-event';

/** One organization's stream, as read from the store. */
export interface OrganizationStream {
  id: string;
  events: ReplayEvent[];
}

/**
 * Every organization of a tenant on `asOf` as known on `knownAt`, each with INHERITED findings
 * from its carved-out children as they stood on that day. Organizations not registered by then
 * (as known then) are absent: they did not exist for the question asked.
 */
export function portfolioAsOf(
  streams: readonly OrganizationStream[],
  moment: Moment,
  /** Per organization, a fold giving foldAsOf's answer faster (as-of snapshots); foldAsOf if none. */
  folderOf?: (organizationId: string) => AsOfFolder | undefined,
  /** The tenant's facts as of the same moment (tenantFactsAsOf): AUDITOR_NOT_VETTED is judged with them. */
  tenant?: TenantFacts,
): Map<string, AsOfAnswer> {
  const own = new Map<string, AsOfAnswer>();
  // Read lazily, after it is built: the timelines use the states folded here.
  let timelines: PortfolioTimelines | null = null;
  for (const s of streams) {
    const answer = ownAsOf(s.events, moment, folderOf?.(s.id), () => timelines!.ownStatusSince(s.id), tenant);
    if (answer.state.lifecycle !== 'UNREGISTERED' && answer.state.profile) own.set(s.id, answer);
  }
  timelines = new PortfolioTimelines(
    new Map(streams.map((s) => [s.id, s.events])),
    moment,
    new Map([...own].map(([id, a]) => [id, a.state])),
  );
  const day = dayOf(moment.asOf);
  const candidates = [...own].map(([id, a]) => candidateOf(id, a));
  const out = new Map<string, AsOfAnswer>();
  for (const [id, answer] of own) {
    const children = carvedOutChildren({ id, state: answer.state }, day, candidates);
    out.set(id, withChildren(answer, children, () => timelines!.statusSince(id)));
  }
  return out;
}

/** An organization as a possible carved-out child: its own verdict (inheritance is one level). */
export function candidateOf(id: string, a: AsOfAnswer): CandidateChild {
  const p = a.state.profile!;
  return {
    id,
    name: p.name,
    parentOrganizationId: p.parentOrganizationId,
    inclusionMethod: p.inclusionMethod,
    status: a.own.status,
    // Read only for an actual child (carvedOutChildren): a replay is not paid for every candidate.
    get since() {
      return a.statusSince;
    },
    eventIds: decisiveEventIds(a.own),
  };
}
