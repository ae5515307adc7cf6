import type { Assessment, AssuranceReason } from './assessment.types';
import { maxDate } from './calendar';
import { currentReport } from './current-report';
import type { OrganizationState } from './organization.state';
import { ASSURANCE_STATUSES, type AssuranceStatus, type IsoDate } from './oversight.vocabulary';

/**
 * Chain impact on a vendor's status (DESIGN §5): a carved-out subservice organization's
 * controls lie outside the vendor's report, so when that subservice organization is not
 * assured the vendor's assurance is weakened. `assess()` stays a function of one stream; this
 * adds the INHERITED findings afterwards, from the children's statuses, wherever they come from
 * (the read model's rows, or an as-of fold of their streams).
 *
 * Decision: INHERITED implies ASSURED_WITH_EXCEPTIONS, never worse. The vendor's own evidence is
 * intact; what is missing is evidence we must obtain separately, so the finding is an exception
 * on the chain. Were it to copy the child's status, one lapsed data center would turn every
 * vendor it hosts red and hide the vendors' own verdicts.
 */
export const INHERITED = 'INHERITED';
export const INHERITED_STATUS: AssuranceStatus = 'ASSURED_WITH_EXCEPTIONS';

/** The statuses that count as "not assured" for committee filters and for inheritance. */
export const NOT_ASSURED_STATUSES: readonly AssuranceStatus[] = ['NO_ASSURANCE', 'NOT_ASSURED', 'EXPIRED', 'COVERAGE_GAP'];

export function isNotAssured(status: AssuranceStatus): boolean {
  return NOT_ASSURED_STATUSES.includes(status);
}

/** A carved-out subservice organization as the vendor sees it on the day assessed. */
export interface CarvedOutChild {
  id: string;
  name: string;
  status: AssuranceStatus;
  /** Since when the child's status holds, already no earlier than the carve-out link. */
  since: IsoDate | null;
  /** The events (of the child's stream) behind its status. */
  eventIds?: string[];
}

/** Names are typed by hand in reports: compare them trimmed and case-insensitively. */
export function nameKey(name: string): string {
  return name.trim().toLowerCase();
}

/** The subservice organizations that the vendor's current report R carves out, as name keys. */
export function carvedOutNames(state: OrganizationState, day: IsoDate): string[] {
  const r = currentReport(state, day);
  if (!r) return [];
  const names = r.subserviceOrganizations.filter((s) => s.method === 'CARVE_OUT').map((s) => nameKey(s.name));
  return [...new Set(names)].sort();
}

/**
 * The first day the vendor depends on a carved-out child: its registration, and for a link
 * through a report listing, no earlier than that report's coverage end.
 */
export function carveOutLinkSince(state: OrganizationState, day: IsoDate, viaListing: boolean): IsoDate | null {
  const registered = state.registered ? state.registered.effectiveAt.slice(0, 10) : null;
  const r = viaListing ? currentReport(state, day) : null;
  if (!r) return registered;
  return registered ? maxDate(registered, r.coverageEnd) : r.coverageEnd;
}

/** An organization that may be a carved-out child of a vendor, with its status on the day. */
export interface CandidateChild {
  id: string;
  name: string;
  parentOrganizationId: string | null;
  inclusionMethod: string | null;
  status: AssuranceStatus;
  since: IsoDate | null;
  eventIds?: string[];
}

/**
 * The vendor's carved-out children among `candidates`: registered under it with CARVE_OUT, or
 * named (any case) as CARVE_OUT by its current report. Each child's `since` is moved up to the
 * day the link began, so a vendor never inherits a lapse from before it relied on the child.
 */
export function carvedOutChildren(
  vendor: { id: string; state: OrganizationState },
  day: IsoDate,
  candidates: readonly CandidateChild[],
): CarvedOutChild[] {
  const listed = new Set(carvedOutNames(vendor.state, day));
  return candidates.flatMap((c) => {
    if (c.id === vendor.id) return [];
    const viaParent = c.parentOrganizationId === vendor.id && c.inclusionMethod === 'CARVE_OUT';
    if (!viaParent && !listed.has(nameKey(c.name))) return [];
    const linked = carveOutLinkSince(vendor.state, day, !viaParent);
    const since = c.since && linked ? maxDate(c.since, linked) : (c.since ?? linked);
    return [{ id: c.id, name: c.name, status: c.status, since, eventIds: c.eventIds ?? [] }];
  });
}

/** The events behind the decisive status: those of the reasons that imply it. */
export function decisiveEventIds(assessment: Assessment): string[] {
  const ids = assessment.reasons.filter((r) => r.status === assessment.status).flatMap((r) => r.eventIds);
  return [...new Set(ids)];
}

/**
 * The assessment plus one INHERITED finding per carved-out child that is not assured. Pure;
 * children are taken in (name, id) order so the result never depends on the caller's order.
 */
export function withInherited(assessment: Assessment, children: readonly CarvedOutChild[]): Assessment {
  if (assessment.status === 'OFFBOARDED') return assessment;
  const lapsed = [...children]
    .filter((c) => isNotAssured(c.status))
    .sort((a, b) => nameKey(a.name).localeCompare(nameKey(b.name)) || a.id.localeCompare(b.id));
  if (lapsed.length === 0) return assessment;
  const inherited = lapsed.map(inheritedReason);
  // "Why is it green?" is answered only when nothing implies a status; now something does.
  const own = assessment.reasons.filter((r) => r.code !== 'CURRENT_REPORT_ACCEPTED');
  const cut = rankOf(INHERITED_STATUS);
  const before = own.filter((r) => r.status !== null && rankOf(r.status) <= cut);
  const after = own.filter((r) => !(r.status !== null && rankOf(r.status) <= cut));
  const reasons = [...before, ...inherited, ...after];
  return { ...assessment, status: highest(reasons), reasons };
}

function inheritedReason(child: CarvedOutChild): AssuranceReason {
  const since = child.since ? ` since ${child.since}` : '';
  return {
    code: INHERITED,
    status: INHERITED_STATUS,
    flag: null,
    message:
      `Carved-out subservice organization ${child.name} is ${child.status}${since}; its controls lie outside ` +
      'the report, so that lapse weakens the assurance relied on here.',
    eventIds: [...(child.eventIds ?? [])],
    since: child.since,
  };
}

function rankOf(status: AssuranceStatus): number {
  return ASSURANCE_STATUSES.indexOf(status);
}

function highest(reasons: readonly AssuranceReason[]): AssuranceStatus {
  const ranks = reasons.flatMap((r) => (r.status ? [rankOf(r.status)] : []));
  return ASSURANCE_STATUSES[Math.min(...ranks)] ?? 'NO_ASSURANCE';
}
