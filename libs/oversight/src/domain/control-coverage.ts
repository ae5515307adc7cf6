import type { ControlCoverage, MissingControl } from './assessment.types';
import { dayOf } from './calendar';
import { currentReport } from './current-report';
import type { ExpectedControl } from './oversight.events';
import type { OrganizationState, ReportState } from './organization.state';
import { CRITICALITIES, type IsoDate, type IsoDateTime } from './oversight.vocabulary';

/**
 * Control coverage analysis (DESIGN §5): the controls we expect for this organization against
 * the controls its current report R actually tested. With `at`, R is chosen as `assess` does on
 * that day (reports whose coverage has not ended yet are not relied on).
 */
export function controlCoverage(state: OrganizationState, at?: IsoDateTime | IsoDate): ControlCoverage {
  const report = currentReport(state, at === undefined ? undefined : dayOf(at));
  return coverageAgainst(state.expectedControls, report);
}

/**
 * Refs are compared trimmed and case-insensitively: they are typed by hand on both sides
 * (our control catalogue, the auditor's report), and "cc6.1" is the same control as "CC6.1".
 */
export function controlKey(ref: string): string {
  return ref.trim().toUpperCase();
}

export function coverageAgainst(
  expectedControls: readonly ExpectedControl[],
  report: ReportState | null,
): ControlCoverage {
  const expected = uniqueBy(expectedControls, (c) => controlKey(c.ref));
  const tested = uniqueBy(report?.controlsTested ?? [], controlKey);
  const testedKeys = new Set(tested.map(controlKey));
  const expectedKeys = new Set(expected.map((c) => controlKey(c.ref)));

  const covered = expected.filter((c) => testedKeys.has(controlKey(c.ref)));
  const missing: MissingControl[] = expected
    .filter((c) => !testedKeys.has(controlKey(c.ref)))
    .sort(byRiskThenRef)
    .map((c, i) => ({ ...c, rank: i + 1 }));
  return {
    reportId: report?.reportId ?? null,
    expectedCount: expected.length,
    // Expected controls that R tested, so that coverageRatio = testedCount / expectedCount;
    // controls tested beyond our expectations are listed under `unexpected`.
    testedCount: covered.length,
    coverageRatio: expected.length === 0 ? 1 : covered.length / expected.length,
    missing,
    covered,
    unexpected: tested.filter((ref) => !expectedKeys.has(controlKey(ref))),
  };
}

/** CRITICAL before HIGH before MEDIUM before LOW; then by ref, numbers compared as numbers. */
export function byRiskThenRef(a: ExpectedControl, b: ExpectedControl): number {
  const byRisk = CRITICALITIES.indexOf(a.risk) - CRITICALITIES.indexOf(b.risk);
  return byRisk !== 0 ? byRisk : a.ref.localeCompare(b.ref, 'en', { numeric: true });
}

/** The first of each key wins; order is kept. */
function uniqueBy<T>(items: readonly T[], key: (item: T) => string): T[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const k = key(item);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
