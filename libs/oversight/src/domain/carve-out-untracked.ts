import type { Assessment, AssuranceReason } from './assessment.types';
import { currentReport } from './current-report';
import { nameKey, type CarvedOutChild } from './inherit';
import type { OrganizationState } from './organization.state';
import { ASSURANCE_STATUSES, type IsoDate } from './oversight.vocabulary';
import { describe } from './report-labels';

/**
 * CARVED_OUT_SUBSERVICE_UNTRACKED (DESIGN §3 v2, COVERAGE_GAP): the current report carves out a
 * subservice organization that is not under oversight here, so nobody obtains the evidence the
 * report leaves out. Like INHERITED it needs the other organizations, so it is added after
 * `assess`, from the carved-out children found (domain/inherit.ts `carvedOutChildren`).
 */
export const UNTRACKED = 'CARVED_OUT_SUBSERVICE_UNTRACKED';

export function withUntrackedCarveOuts(
  assessment: Assessment,
  state: OrganizationState,
  day: IsoDate,
  children: readonly CarvedOutChild[],
): Assessment {
  if (assessment.status === 'OFFBOARDED') return assessment;
  const r = currentReport(state, day);
  if (!r) return assessment;
  const tracked = new Set(children.map((c) => nameKey(c.name)));
  const seen = new Set<string>();
  const untracked = r.subserviceOrganizations.filter((s) => {
    const key = nameKey(s.name);
    if (s.method !== 'CARVE_OUT' || tracked.has(key) || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  if (untracked.length === 0) return assessment;
  const since = r.review ? maxDay(r.coverageEnd, r.review.effectiveAt.slice(0, 10)) : r.coverageEnd;
  const added: AssuranceReason[] = untracked.map((s) => {
    const csocs = (s.csocs ?? []).map((c) => `${c.ref} "${c.text}"`);
    const expects = csocs.length > 0 ? ` The report expects it to operate ${csocs.join('; ')}.` : '';
    return {
      code: UNTRACKED,
      status: 'COVERAGE_GAP',
      flag: null,
      message:
        `${describe(r).replace(/^the/, 'The')} carves out ${s.name.trim()}, which is not under oversight here, ` +
        `so no evidence covers the controls it leaves out.${expects}`,
      eventIds: [r.received.eventId],
      since,
    };
  });
  return mergeReasons(assessment, added);
}

/** Inserts reasons by status precedence and recomputes the status; the ASSURED reason then goes. */
export function mergeReasons(assessment: Assessment, added: readonly AssuranceReason[]): Assessment {
  const rank = (r: AssuranceReason) => (r.status === null ? ASSURANCE_STATUSES.length : ASSURANCE_STATUSES.indexOf(r.status));
  const own = assessment.reasons.filter((r) => r.code !== 'CURRENT_REPORT_ACCEPTED');
  const reasons = [...own];
  for (const reason of added) {
    const at = reasons.findIndex((r) => rank(r) > rank(reason));
    reasons.splice(at === -1 ? reasons.length : at, 0, reason);
  }
  const best = Math.min(...reasons.map(rank));
  return { ...assessment, status: ASSURANCE_STATUSES[best] ?? assessment.status, reasons };
}

function maxDay(a: IsoDate, b: IsoDate): IsoDate {
  return a >= b ? a : b;
}
