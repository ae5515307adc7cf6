import { dayOf } from '../domain/calendar';
import { carvedOutChildren, isNotAssured } from '../domain/inherit';
import type { IsoDate } from '../domain/oversight.vocabulary';
import type { AsOfAnswer } from './as-of';
import { linkSpans, mayCarveOut, weaknessSpans, type CarveOutLink, type CarveOutLinkKind, type Weakness } from './carve-out-spans';
import { daySegments } from './day-segments';
import { candidateOf, portfolioAsOf, type OrganizationStream } from './portfolio-as-of';
import type { Moment } from './replay-event';
import { intersectSpans, mergeSpans, spanDays, type Span } from './spans';

export interface ImpactInterval extends Weakness {
  from: IsoDate;
  to: IsoDate;
  days: number;
  /** Still weakening on the day asked. */
  ongoing: boolean;
  /** The vendor's status carries INHERITED on these days (the subservice is not assured). */
  inherited: boolean;
}

export interface LinkInterval {
  kind: CarveOutLinkKind;
  reportId: string | null;
  from: IsoDate;
  to: IsoDate;
}

export interface VendorImpact {
  vendorId: string;
  vendor: AsOfAnswer;
  links: LinkInterval[];
  /** On the day asked, the vendor carries INHERITED from this subservice organization. */
  inheritedNow: boolean;
  intervals: ImpactInterval[];
  impactedDays: number;
}

export interface DependencyImpact {
  subservice: AsOfAnswer;
  vendors: VendorImpact[];
}

/**
 * Chain impact (DESIGN §5): every vendor that carves the subservice organization out, and the
 * exact days on which the subservice's lapse, qualified opinion or open exception weakened that
 * vendor, up to `asOf`, as known on `knownAt`. Days follow the end-of-day convention of
 * `daySegments`. Null when the organization was not registered then (as known then).
 */
export function dependencyImpact(subserviceId: string, streams: readonly OrganizationStream[], moment: Moment): DependencyImpact | null {
  const portfolio = portfolioAsOf(streams, moment);
  const subservice = portfolio.get(subserviceId);
  const subStream = streams.find((s) => s.id === subserviceId);
  if (!subservice || !subStream) return null;
  const until = dayOf(moment.asOf);
  const weak = weaknessSpans(daySegments(subStream.events, { knownAt: moment.knownAt, until }));
  const candidate = candidateOf(subserviceId, subservice);
  const vendors = streams.flatMap((s): VendorImpact[] => {
    const vendor = portfolio.get(s.id);
    if (s.id === subserviceId || !vendor || !mayCarveOut(vendor.state, s.id, subservice.state)) return [];
    const links = linkSpans(daySegments(s.events, { knownAt: moment.knownAt, until }), { id: subserviceId, state: subservice.state }, s.id);
    if (links.length === 0) return [];
    const linked = mergeSpans(links.map((l) => ({ ...l, value: true })), () => true);
    const intervals = mergeSpans(intersectSpans(weak, linked), sameWeakness).map((w) => ({
      ...w.value,
      from: w.from,
      to: w.to,
      days: spanDays(w.from, w.to),
      ongoing: w.to === until,
      inherited: isNotAssured(w.value.status),
    }));
    const children = carvedOutChildren({ id: s.id, state: vendor.state }, until, [candidate]);
    return [{
      vendorId: s.id,
      vendor,
      links: perLink(links),
      inheritedNow: vendor.assessment.status !== 'OFFBOARDED' && children.some((c) => isNotAssured(c.status)),
      intervals,
      impactedDays: intervals.reduce((n, i) => n + i.days, 0),
    }];
  });
  vendors.sort((a, b) => a.vendor.state.profile!.name.localeCompare(b.vendor.state.profile!.name) || a.vendorId.localeCompare(b.vendorId));
  return { subservice, vendors };
}

function sameWeakness(a: Weakness, b: Weakness): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** One interval per link kind (and listing report), however the kinds overlapped. */
function perLink(spans: ReadonlyArray<Span<CarveOutLink[]>>): LinkInterval[] {
  const flat = spans
    .flatMap((s) => s.value.map((v) => ({ from: s.from, to: s.to, value: `${v.kind}|${v.reportId ?? ''}` })))
    .sort((a, b) => a.value.localeCompare(b.value) || a.from.localeCompare(b.from));
  return mergeSpans(flat, (a, b) => a === b)
    .map((s) => {
      const [kind, reportId] = s.value.split('|') as [CarveOutLinkKind, string];
      return { kind, reportId: reportId || null, from: s.from, to: s.to };
    })
    .sort((a, b) => a.from.localeCompare(b.from) || a.kind.localeCompare(b.kind));
}
