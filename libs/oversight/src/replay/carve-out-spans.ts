import type { Assessment } from '../domain/assessment.types';
import { isNotAssured, nameKey } from '../domain/inherit';
import type { OrganizationState } from '../domain/organization.state';
import type { DaySegment } from './day-segments';
import { mergeSpans, type Span } from './spans';

/** PARENT: registered under the vendor with CARVE_OUT. REPORT_LISTING: named by its current report. */
export type CarveOutLinkKind = 'PARENT' | 'REPORT_LISTING';

export interface CarveOutLink {
  kind: CarveOutLinkKind;
  /** The vendor's current report that lists the subservice organization (REPORT_LISTING). */
  reportId: string | null;
}

/** What weakens a vendor through a carved-out subservice organization on a day. */
export interface Weakness {
  status: Assessment['status'];
  /** Reason codes: the decisive ones of a lapse, plus a qualified opinion or open exceptions. */
  causes: string[];
  eventIds: string[];
}

const WEAKENING_CODES = ['QUALIFIED_OPINION', 'EXCEPTION_OPEN', 'CRITICAL_EXCEPTION_OVERDUE'];

/**
 * The days on which the subservice organization weakens whoever carves it out: not assured
 * (NO_ASSURANCE, NOT_ASSURED, EXPIRED, COVERAGE_GAP), a qualified opinion, or an open exception.
 */
export function weaknessSpans(segments: readonly DaySegment[]): Span<Weakness>[] {
  const spans = segments.flatMap((s): Span<Weakness>[] => {
    const a = s.assessment;
    const lapse = isNotAssured(a.status);
    const reasons = a.reasons.filter((r) => (lapse && r.status === a.status) || WEAKENING_CODES.includes(r.code));
    if (reasons.length === 0) return [];
    const causes = [...new Set(reasons.map((r) => r.code))];
    const eventIds = [...new Set(reasons.flatMap((r) => r.eventIds))];
    return [{ from: s.from, to: s.to, value: { status: a.status, causes, eventIds } }];
  });
  return mergeSpans(spans, (x, y) => x.status === y.status && same(x.causes, y.causes) && same(x.eventIds, y.eventIds));
}

/**
 * The days on which the vendor carved the subservice organization out: while the vendor is
 * active, through the registration link, or through its current report listing the name.
 */
export function linkSpans(
  vendorSegments: readonly DaySegment[],
  subservice: { id: string; state: OrganizationState },
  vendorId: string,
): Span<CarveOutLink[]>[] {
  const profile = subservice.state.profile;
  const viaParent = profile?.parentOrganizationId === vendorId && profile.inclusionMethod === 'CARVE_OUT';
  const key = profile ? nameKey(profile.name) : null;
  const spans = vendorSegments.flatMap((s): Span<CarveOutLink[]>[] => {
    if (s.state.lifecycle !== 'ACTIVE') return [];
    const links: CarveOutLink[] = viaParent ? [{ kind: 'PARENT', reportId: null }] : [];
    const r = s.assessment.currentReportId ? s.state.reports[s.assessment.currentReportId] : undefined;
    if (r && r.subserviceOrganizations.some((x) => x.method === 'CARVE_OUT' && nameKey(x.name) === key)) {
      links.push({ kind: 'REPORT_LISTING', reportId: r.reportId });
    }
    return links.length > 0 ? [{ from: s.from, to: s.to, value: links }] : [];
  });
  return mergeSpans(spans, (x, y) => JSON.stringify(x) === JSON.stringify(y));
}

/** Could this vendor ever have carved out the subservice organization, by its final state? */
export function mayCarveOut(vendor: OrganizationState, vendorId: string, subservice: OrganizationState): boolean {
  const p = subservice.profile;
  if (!p) return false;
  if (p.parentOrganizationId === vendorId && p.inclusionMethod === 'CARVE_OUT') return true;
  return Object.values(vendor.reports).some((r) =>
    r.subserviceOrganizations.some((x) => x.method === 'CARVE_OUT' && nameKey(x.name) === nameKey(p.name)),
  );
}

function same(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

