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
  const timelines: { current: PortfolioTimelines | null } = { current: null };
  for (const s of streams) addOwn(own, s, moment, folderOf, timelines, tenant);
  return withInheritance(streams, own, moment, timelines);
}

/**
 * portfolioAsOf, pausing between organizations when `pause` says so (a server yields its event
 * loop there, so that one long replay does not hold up every other request). Same answer.
 */
export async function portfolioAsOfInSlices(
  streams: readonly OrganizationStream[],
  moment: Moment,
  folderOf: ((organizationId: string) => AsOfFolder | undefined) | undefined,
  pause: () => Promise<void> | void,
  tenant?: TenantFacts,
): Promise<Map<string, AsOfAnswer>> {
  const own = new Map<string, AsOfAnswer>();
  const timelines: { current: PortfolioTimelines | null } = { current: null };
  for (const s of streams) {
    addOwn(own, s, moment, folderOf, timelines, tenant);
    await pause();
  }
  const out = new Map<string, AsOfAnswer>();
  // Inheritance replays the children's timelines for their since: pause between vendors too.
  for (const [id, inherited] of inheritanceSteps(streams, own, moment, timelines)) {
    out.set(id, inherited());
    await pause();
  }
  return out;
}

type Timelines = { current: PortfolioTimelines | null };

function addOwn(
  own: Map<string, AsOfAnswer>,
  s: OrganizationStream,
  moment: Moment,
  folderOf: ((id: string) => AsOfFolder | undefined) | undefined,
  timelines: Timelines,
  tenant: TenantFacts | undefined,
): void {
  // Read lazily, after it is built: the timelines use the states folded here.
  const answer = ownAsOf(s.events, moment, folderOf?.(s.id), () => timelines.current!.ownStatusSince(s.id), tenant);
  if (answer.state.lifecycle !== 'UNREGISTERED' && answer.state.profile) own.set(s.id, answer);
}

function withInheritance(streams: readonly OrganizationStream[], own: Map<string, AsOfAnswer>, moment: Moment, timelines: Timelines): Map<string, AsOfAnswer> {
  return new Map([...inheritanceSteps(streams, own, moment, timelines)].map(([id, inherited]) => [id, inherited()]));
}

/** Per organization, a step that adds its carved-out children's findings (one step per vendor). */
function* inheritanceSteps(streams: readonly OrganizationStream[], own: Map<string, AsOfAnswer>, moment: Moment, timelines: Timelines): Generator<[string, () => AsOfAnswer]> {
  timelines.current = new PortfolioTimelines(
    new Map(streams.map((s) => [s.id, s.events])),
    moment,
    new Map([...own].map(([id, a]) => [id, a.state])),
  );
  const day = dayOf(moment.asOf);
  const candidates = [...own].map(([id, a]) => candidateOf(id, a));
  for (const [id, answer] of own) {
    yield [id, () => withChildren(answer, carvedOutChildren({ id, state: answer.state }, day, candidates), () => timelines.current!.statusSince(id))];
  }
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
