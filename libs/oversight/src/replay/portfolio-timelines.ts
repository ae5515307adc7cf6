import type { OrganizationState } from '../domain/organization.state';
import type { IsoDate, IsoDateTime } from '../domain/oversight.vocabulary';
import { foldAsOf } from './as-of';
import { mayCarveOut } from './carve-out-spans';
import type { Moment, ReplayEvent } from './replay-event';
import { childHistory, statusSinceOf, type ChildHistory } from './status-history';
import { replayTimeline, type TimelineEntry } from './timeline';

/**
 * The timelines of one portfolio up to one moment (`asOf` as known on `knownAt`), each replayed
 * at most once. A vendor's timeline carries INHERITED findings from every organization that may
 * be its carved-out child (by the states at the moment), so its entries, its `statusSince` and
 * the read model's row agree (read model: projections/status-since-rows.ts does the same).
 */
export class PortfolioTimelines {
  private readonly own = new Map<string, TimelineEntry[]>();
  private readonly chained = new Map<string, TimelineEntry[]>();
  private readonly histories = new Map<string, ChildHistory | null>();
  private readonly folded = new Map<string, OrganizationState>();

  constructor(
    private readonly streams: ReadonlyMap<string, readonly ReplayEvent[]>,
    private readonly moment: Moment,
    /** The states at the moment when the caller has them already; folded here otherwise. */
    states?: ReadonlyMap<string, OrganizationState>,
  ) {
    for (const [id, s] of states ?? []) this.folded.set(id, s);
  }

  /** The organization's timeline with INHERITED findings; `from` only hides earlier entries. */
  timeline(id: string, from: IsoDateTime | null = null): TimelineEntry[] {
    const entries = this.full(id);
    return from ? entries.filter((e) => Date.parse(e.at) >= Date.parse(from)) : entries;
  }

  statusSince(id: string): IsoDate | null {
    return statusSinceOf(this.full(id));
  }

  /** Its own verdict's since, as a vendor sees it (inheritance is one level). */
  ownStatusSince(id: string): IsoDate | null {
    return statusSinceOf(this.ownTimeline(id));
  }

  private full(id: string): TimelineEntry[] {
    let entries = this.chained.get(id);
    if (!entries) {
      const vendor = this.stateOf(id);
      const children = [...this.streams.keys()].flatMap((childId) => {
        if (childId === id || !vendor || !mayCarveOut(vendor, id, this.stateOf(childId)!)) return [];
        const history = this.historyOf(childId);
        return history ? [history] : [];
      });
      entries = replayTimeline(this.streams.get(id) ?? [], { ...this.bounds(), chain: { organizationId: id, children } });
      this.chained.set(id, entries);
    }
    return entries;
  }

  private ownTimeline(id: string): TimelineEntry[] {
    let entries = this.own.get(id);
    if (!entries) this.own.set(id, (entries = replayTimeline(this.streams.get(id) ?? [], this.bounds())));
    return entries;
  }

  private historyOf(id: string): ChildHistory | null {
    if (!this.histories.has(id)) this.histories.set(id, childHistory(id, this.stateOf(id)!, this.ownTimeline(id)));
    return this.histories.get(id)!;
  }

  private stateOf(id: string): OrganizationState | undefined {
    if (!this.folded.has(id) && this.streams.has(id)) this.folded.set(id, foldAsOf(this.streams.get(id)!, this.moment).state);
    return this.folded.get(id);
  }

  private bounds() {
    return { to: this.moment.asOf, knownAt: this.moment.knownAt };
  }
}
