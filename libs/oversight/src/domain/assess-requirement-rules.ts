import type { AssessContext, Finding } from './assess-report-rules';
import { finding, relianceSince, stampDay } from './assess-report-rules';
import type { AssurancePolicy, AssuranceRequirement } from './assurance-policy';
import { addDays, addMonths, maxDate } from './calendar';
import { coverageAgainst, controlKey } from './control-coverage';
import type { ReportState } from './organization.state';
import { effectiveRequirements, familiesOf } from './reliance-terms';
import { describe, list } from './report-labels';

/**
 * Rules about what the policy requires of the current reports (DESIGN §3 v2, COVERAGE_GAP):
 * each requirement's own R, its type, criteria and period; and the scope those reports cover.
 */

/** Each effective requirement with its R: the eligible report of its family with the latest coverage end. */
export function requirementReports(
  policy: AssurancePolicy,
  accepted: readonly ReportState[],
): Array<{ req: AssuranceRequirement; r: ReportState | null }> {
  return effectiveRequirements(policy).map((req) => {
    let best: ReportState | null = null;
    // Received order with `>=` on a tie: the later-received report wins, as for R overall.
    for (const r of accepted) {
      if (req.family !== null && !familiesOf(r).includes(req.family)) continue;
      if (best === null || r.coverageEnd >= best.coverageEnd) best = r;
    }
    return { req, r: best };
  });
}

export function requirementFindings(ctx: AssessContext): Finding[] {
  const { state, policy, day } = ctx;
  const out: Finding[] = [];
  const byPolicy = (r: ReportState | null) => [state.policyStamp, r?.received, r?.review];
  const sinceByPolicy = (r: ReportState) =>
    maxDate(relianceSince(r), state.policyStamp ? stampDay(state.policyStamp) : relianceSince(r));
  const seen = new Set<string>();
  const add = (f: Finding) => {
    const key = `${f.reason.code}|${f.reason.message}`;
    if (!seen.has(key)) out.push(f);
    seen.add(key);
  };
  for (const { req, r } of ctx.requirements) {
    const wanted = requirementLabel(req);
    if (r === null) {
      const message = `The policy requires ${wanted}, and no accepted report of that kind is on record.`;
      const since = state.policyStamp ? stampDay(state.policyStamp) : null;
      add(finding('REQUIREMENT_UNMET', 'COVERAGE_GAP', message, [state.policyStamp, state.registered], since));
      continue;
    }
    const label = describe(r);
    const families = familiesOf(r);
    if (families.length === 1 && families[0] === 'GENERAL' && req.family !== 'GENERAL') {
      const message = `${cap(label)} is a general-use SOC 3 report: it carries no description of tests or results to rely on.`;
      add(finding('GENERAL_USE_REPORT_ONLY', 'COVERAGE_GAP', message, byPolicy(r), relianceSince(r)));
    }
    if (r.reportType === 'TYPE_1' && req.reportType !== 'TYPE_1') {
      const until = policy.acceptType1Until;
      if (until !== null && day < until) {
        const message = `${cap(label)} attests only the design of controls; the policy accepts a Type 1 until ${until}.`;
        add(finding('TYPE_1_ACCEPTED_TEMPORARILY', 'ASSURED_WITH_EXCEPTIONS', message, byPolicy(r), relianceSince(r)));
      } else {
        const message = `${cap(label)} attests only the design of controls, not that they operated; the policy requires ${wanted}.`;
        const since = until !== null ? maxDate(relianceSince(r), until) : relianceSince(r);
        add(finding('DESIGN_ONLY_REPORT', 'COVERAGE_GAP', message, byPolicy(r), since));
      }
    }
    const missing = req.criteria.filter((c) => !r.criteria.includes(c));
    if (missing.length > 0) {
      const message = `${cap(label)} does not cover the required criteria ${list(missing)}.`;
      add(finding('REQUIRED_CRITERIA_MISSING', 'COVERAGE_GAP', message, byPolicy(r), sinceByPolicy(r)));
    }
    // A period of exactly N months runs from start to the day before start + N months.
    const minimumEnd = addDays(addMonths(r.coverageStart, policy.minPeriodMonths), -1);
    if (r.reportType === 'TYPE_2' && r.coverageEnd < minimumEnd) {
      const message =
        `The period of ${label} is shorter than the policy minimum of ` +
        `${policy.minPeriodMonths} months (it would have to run to ${minimumEnd}).`;
      add(finding('PERIOD_TOO_SHORT', 'COVERAGE_GAP', message, byPolicy(r), sinceByPolicy(r)));
    }
  }
  return out;
}

/** "a Type 2 TSC report with SECURITY and PRIVACY", "a Type 2 report of any framework". */
export function requirementLabel(req: AssuranceRequirement): string {
  const type = req.reportType === 'TYPE_1' ? 'Type 1 or Type 2' : 'Type 2';
  const family = req.family === null ? 'report of any framework' : `${FAMILY_WORDS[req.family]} report`;
  const criteria = req.criteria.length > 0 ? ` covering ${list(req.criteria)}` : '';
  return `a ${type} ${family}${criteria}`;
}

const FAMILY_WORDS = {
  ICFR: 'SOC 1 / ISAE 3402',
  TSC: 'SOC 2 (trust services criteria)',
  GENERAL: 'SOC 3',
} as const;

function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** Expected controls, used services and registered sites that no current report covers. */
export function scopeFindings(ctx: AssessContext): Finding[] {
  const { state, currents } = ctx;
  if (currents.length === 0) return [];
  const r = currents[0]!;
  const since = relianceSince(r);
  const received = currents.map((c) => c.received);
  const names = list(currents.map(describe));
  const out: Finding[] = [];
  const union: ReportState = { ...r, controlsTested: currents.flatMap((c) => c.controlsTested) };
  const controls = state.expectedControlsStamp;
  const controlsSince = maxDate(since, controls ? stampDay(controls) : since);
  for (const m of coverageAgainst(state.expectedControls, union).missing) {
    const message = `Expected ${m.risk} control ${m.ref} (${m.description}) was not tested by ${names}.`;
    out.push(finding('EXPECTED_CONTROL_NOT_TESTED', 'COVERAGE_GAP', message, [controls, ...received], controlsSince, { rank: m.rank }));
  }
  const covered = new Set(currents.flatMap((c) => c.servicesCovered).map(controlKey));
  (state.profile?.services ?? []).forEach((service, rank) => {
    if (covered.has(controlKey(service))) return;
    const none = covered.size === 0 ? ' (it records no services in scope)' : '';
    const message = `Service "${service}" that we use is not in the scope of ${names}${none}.`;
    out.push(finding('SERVICE_NOT_IN_SCOPE', 'COVERAGE_GAP', message, [state.registered, ...received], since, { rank }));
  });
  const sites = new Set(currents.flatMap((c) => c.sitesCovered));
  Object.values(state.sites).forEach((site, rank) => {
    if (sites.has(site.siteId)) return;
    const message = `Site ${site.name} (${site.city ? `${site.city}, ` : ''}${site.country}) is not in the scope of ${names}.`;
    out.push(finding('SITE_NOT_IN_SCOPE', 'COVERAGE_GAP', message, [site, ...received], maxDate(since, stampDay(site)), { rank }));
  });
  return out;
}
