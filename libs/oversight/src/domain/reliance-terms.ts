import type { AssurancePolicy, AssuranceRequirement } from './assurance-policy';
import { addDays, addMonths } from './calendar';
import type { OrganizationState, ReportState } from './organization.state';
import type { Framework, IsoDate, RequirementFamily, TrustServicesCriterion } from './oversight.vocabulary';

/**
 * The terms of reliance rules version 2 (DESIGN §3 v2, Terms): report families, the policy's
 * effective requirements, relied areas and the fiscal-year window.
 */

const ICFR: readonly Framework[] = ['SOC1', 'ISAE3402'];

/** The families a report belongs to; an ISAE 3000 report is TSC only when it reports on criteria. */
export function familiesOf(r: Pick<ReportState, 'framework' | 'frameworks' | 'criteria'>): RequirementFamily[] {
  const out = new Set<RequirementFamily>();
  for (const f of [r.framework, ...(r.frameworks ?? [])]) {
    if (ICFR.includes(f)) out.add('ICFR');
    if (f === 'SOC2' || (f === 'ISAE3000' && r.criteria.length > 0)) out.add('TSC');
    if (f === 'SOC3') out.add('GENERAL');
  }
  return [...out];
}

const FAMILY_OF_FRAMEWORK: Record<Framework, RequirementFamily> = {
  SOC1: 'ICFR',
  ISAE3402: 'ICFR',
  SOC2: 'TSC',
  ISAE3000: 'TSC',
  SOC3: 'GENERAL',
};

/**
 * The requirements in force: explicit ones, or the v1 shorthand as one requirement, plus those
 * the reliance profile adds; when nothing says anything, one requirement: any family, Type 2.
 */
export function effectiveRequirements(policy: AssurancePolicy): AssuranceRequirement[] {
  const base: AssuranceRequirement[] = policy.requirements.map((r) => ({ ...r, criteria: [...r.criteria] }));
  const shorthand = policy.requiredFramework !== null || policy.requiredReportType !== null || policy.requiredCriteria.length > 0;
  if (base.length === 0 && shorthand) {
    const family = policy.requiredFramework
      ? FAMILY_OF_FRAMEWORK[policy.requiredFramework]
      : policy.requiredCriteria.length > 0
        ? 'TSC'
        : null;
    base.push({ family, reportType: policy.requiredReportType ?? 'TYPE_2', criteria: [...policy.requiredCriteria] });
  }
  const profile: AssuranceRequirement[] = [];
  if (policy.icfrRelevant) profile.push({ family: 'ICFR', reportType: 'TYPE_2', criteria: [] });
  const tsc = new Set<TrustServicesCriterion>();
  if (policy.dataClasses.includes('PERSONAL')) tsc.add('SECURITY').add('PRIVACY');
  if (policy.dataClasses.includes('CONFIDENTIAL')) tsc.add('SECURITY').add('CONFIDENTIALITY');
  if (tsc.size > 0) profile.push({ family: 'TSC', reportType: 'TYPE_2', criteria: [...tsc] });
  const all = [...base];
  for (const p of profile) mergeInto(all, p);
  return all.length > 0 ? all : [{ family: null, reportType: 'TYPE_2', criteria: [] }];
}

/** A profile requirement joins an explicit one of its family (criteria united) instead of doubling it. */
function mergeInto(all: AssuranceRequirement[], add: AssuranceRequirement): void {
  const same = all.find((r) => r.family === add.family);
  if (!same) {
    all.push(add);
    return;
  }
  same.criteria = [...new Set([...same.criteria, ...add.criteria])];
  if (same.reportType === null) same.reportType = add.reportType;
}

/** The TSC category of a criteria ref (CC6.1 → SECURITY), or of a criterion's own name. */
export function categoryOf(ref: string): TrustServicesCriterion | null {
  const key = ref.trim().toUpperCase();
  const named: readonly string[] = ['SECURITY', 'AVAILABILITY', 'PROCESSING_INTEGRITY', 'CONFIDENTIALITY', 'PRIVACY'];
  if (named.includes(key)) return key as TrustServicesCriterion;
  const prefixes: Array<[string, TrustServicesCriterion]> = [
    ['CC', 'SECURITY'],
    ['PI', 'PROCESSING_INTEGRITY'],
    ['A', 'AVAILABILITY'],
    ['C', 'CONFIDENTIALITY'],
    ['P', 'PRIVACY'],
  ];
  const hit = prefixes.find(([p]) => new RegExp(`^${p}\\d`).test(key));
  return hit ? hit[1] : null;
}

/** Relied areas: the required criteria and the refs of expected controls rated HIGH or CRITICAL. */
export function reliedAreas(state: OrganizationState): { criteria: TrustServicesCriterion[]; refs: string[] } {
  const criteria = new Set(effectiveRequirements(state.policy).flatMap((r) => r.criteria));
  const refs = state.expectedControls.filter((c) => c.risk === 'HIGH' || c.risk === 'CRITICAL').map((c) => c.ref);
  return { criteria: [...criteria], refs };
}

/** The qualified areas that touch what we rely on (by ref, or by the ref's TSC category). */
export function qualifiedOnRelied(state: OrganizationState, qualifiedAreas: readonly string[]): string[] {
  const relied = reliedAreas(state);
  const refKeys = new Set(relied.refs.map((r) => r.trim().toUpperCase()));
  const refCategories = new Set(relied.refs.map(categoryOf).filter((c) => c !== null));
  return qualifiedAreas.filter((area) => {
    const key = area.trim().toUpperCase();
    const category = categoryOf(area);
    if (refKeys.has(key)) return true;
    if (category === null) return false;
    return relied.criteria.includes(category) || (category === key && refCategories.has(category));
  });
}

/** The FY window ending at F: from the later of F − 1 year (exclusive) and the day reliance began. */
export function fiscalYearWindow(f: IsoDate, relyingSince: IsoDate | null): { from: IsoDate; to: IsoDate } {
  const yearBefore = addDays(addMonths(f, -12), 1);
  return { from: relyingSince && relyingSince > yearBefore ? relyingSince : yearBefore, to: f };
}

/** Months as days for overlap: a month counts 365/12 days, rounded down in total. */
export function monthsAsDays(months: number): number {
  return Math.floor((months * 365) / 12);
}
