import { assess } from '../domain/assess';
import type { TenantFacts } from '../domain/assess-flag-rules';
import type { Assessment } from '../domain/assessment.types';
import { withUntrackedCarveOuts } from '../domain/carve-out-untracked';
import { withInherited, type CarvedOutChild } from '../domain/inherit';
import { fold } from '../domain/organization.evolve';
import type { OrganizationState } from '../domain/organization.state';
import type { IsoDate } from '../domain/oversight.vocabulary';
import { inBusinessOrder, instant, knownBy, type Moment, type ReplayEvent } from './replay-event';
import { statusSinceOf } from './status-history';
import { replayTimeline } from './timeline';

/** The state of one organization on `asOf`, as known on `knownAt`, and what it rests on. */
export interface AsOfFold {
  moment: Moment;
  state: OrganizationState;
  /** The events folded, in business-time order: the whole basis of the answer. */
  basedOnEventIds: string[];
  /** The highest stream revision among them; null when none counts. */
  revision: bigint | null;
}

export interface AsOfAnswer extends AsOfFold {
  /** `assess(state, asOf)`: the organization's own verdict. */
  own: Assessment;
  /** The verdict with INHERITED findings from carved-out children, if any were given. */
  assessment: Assessment;
  /**
   * The day of the last change into the status, as the timeline replayed to the same moment
   * shows it. Computed on first read (a replay costs more than the fold): lists that do not ask
   * for it never pay for it.
   */
  readonly statusSince: IsoDate | null;
}

/**
 * Bitemporal fold (DESIGN §4, §5): only events recorded by `knownAt` are known, and of those
 * only events effective by `asOf` have happened. A report entered late therefore changes the
 * answer for a `knownAt` after its entry and not before.
 */
export function foldAsOf(events: readonly ReplayEvent[], moment: Moment): AsOfFold {
  const asOf = instant(moment.asOf);
  const chosen = inBusinessOrder(knownBy(events, moment.knownAt)).filter((e) => instant(e.effectiveAt) <= asOf);
  const revision = chosen.reduce<bigint | null>((max, e) => (max === null || e.revision > max ? e.revision : max), null);
  return { moment, state: fold(chosen), basedOnEventIds: chosen.map((e) => e.eventId), revision };
}

/** The fold assessed on the day of `asOf`, with INHERITED findings from `children`. */
export function assessAsOf(
  events: readonly ReplayEvent[],
  moment: Moment,
  children: readonly CarvedOutChild[] = [],
  tenant?: TenantFacts,
): AsOfAnswer {
  return withChildren(ownAsOf(events, moment, foldAsOf, undefined, tenant), children);
}

/** How to fold one organization's events as of a moment: `foldAsOf`, or the same answer faster. */
export type AsOfFolder = (events: readonly ReplayEvent[], moment: Moment) => AsOfFold;

/**
 * The fold and the organization's own verdict, before any inheritance. `fold` may be a
 * snapshot-seeded fold (snapshots/seeded-folder.ts): the same answer, folding only the tail.
 */
export function ownAsOf(
  events: readonly ReplayEvent[],
  moment: Moment,
  fold: AsOfFolder = foldAsOf,
  since = () => statusSinceOf(replayTimeline(events, { to: moment.asOf, knownAt: moment.knownAt })),
  // The tenant's facts as of the same moment (tenant-facts-as-of.ts); without them, tenant-wide flags are not judged.
  tenant?: TenantFacts,
): AsOfAnswer {
  const folded = fold(events, moment);
  const own = assess(folded.state, moment.asOf, tenant);
  return withSince({ ...folded, own, assessment: own }, since);
}

/**
 * The answer with INHERITED findings from `children`. `since` gives the status's since with
 * those findings (portfolio-timelines.ts); without it, the organization's own.
 */
export function withChildren(answer: AsOfAnswer, children: readonly CarvedOutChild[], since?: () => IsoDate | null): AsOfAnswer {
  const { moment, state, basedOnEventIds, revision, own } = answer;
  const assessment = withInherited(withUntrackedCarveOuts(own, state, own.at, children), children);
  return withSince({ moment, state, basedOnEventIds, revision, own, assessment }, since ?? (() => answer.statusSince));
}

/** Adds `statusSince` as a getter that computes once. */
export function withSince<T extends object>(answer: T, compute: () => IsoDate | null): T & { readonly statusSince: IsoDate | null } {
  let value: { v: IsoDate | null } | null = null;
  return Object.defineProperty(answer, 'statusSince', { enumerable: true, get: () => (value ??= { v: compute() }).v }) as T & {
    readonly statusSince: IsoDate | null;
  };
}
