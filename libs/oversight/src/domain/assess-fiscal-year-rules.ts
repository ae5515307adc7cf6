import { finding, stampDay, type AssessContext, type Finding } from './assess-report-rules';
import { addDays, daysBetween, maxDate } from './calendar';
import { bridgeLetterDefects, bridgeLimit, dateCoverage, lettersOf, validBridgeLetter } from './current-report';
import type { ReportState } from './organization.state';
import type { IsoDate } from './oversight.vocabulary';
import { familiesOf, fiscalYearWindow, monthsAsDays } from './reliance-terms';
import { describe, describeLetter } from './report-labels';

/**
 * The reliance date F (DESIGN §3 v2): is it inside an audited Type 2 period or a valid bridge
 * letter, and do audited periods cover enough of the fiscal year that ends on F?
 * Type 1 and SOC 3 reports never cover F.
 */
export function fiscalYearFindings(ctx: AssessContext): Finding[] {
  const { state, relianceDate: f, policy } = ctx;
  const type2 = ctx.accepted.filter(
    (r) => r.reportType === 'TYPE_2' && !(familiesOf(r).length === 1 && familiesOf(r)[0] === 'GENERAL'),
  );
  if (type2.length === 0 || type2.every((r) => r.coverageStart > f)) return [];
  const out: Finding[] = [];
  const coverage = dateCoverage(state, type2, f);
  if (coverage.kind === 'BRIDGED') {
    const { report, letter } = coverage;
    const message =
      `Fiscal year end ${f} is reached only through ${describeLetter(letter)} extending ` +
      `${describe(report)}; a bridge letter is a management assertion, not an audit opinion.`;
    const since = maxDate(f, stampDay(letter));
    out.push(finding('FISCAL_YEAR_END_BRIDGED', null, message, [report.received, letter], since, { flag: 'BRIDGED' }));
    if (letter.materialChanges && letter.review?.decision !== 'ACCEPTED') {
      const changes = `${cap(describeLetter(letter))} discloses material changes ("${letter.materialChanges}") that no review has accepted.`;
      out.push(finding('BRIDGE_DISCLOSES_CHANGES', 'ASSURED_WITH_EXCEPTIONS', changes, [letter, letter.review], since));
    }
  }
  if (coverage.kind === 'GAP') {
    const { report, reach } = coverage;
    const close =
      f <= bridgeLimit(state, report)
        ? `a valid bridge letter from ${state.profile?.name ?? 'the organization'} covering to ${f} would close it`
        : `it lies more than ${policy.maxBridgeMonths} months after the period end ${report.coverageEnd}, ` +
          'so only a new report can close it';
    const message =
      `Fiscal year end ${f} is not covered: assurance reaches ${reach} through ${describe(report)}, ` +
      `a gap of ${days(daysBetween(reach, f))} from ${addDays(reach, 1)}; ${close}.${ignoredLetters(ctx, report)}`;
    const letters = lettersOf(state, report);
    out.push(finding('FISCAL_YEAR_END_NOT_COVERED', 'COVERAGE_GAP', message, [report.received, ...letters], f));
  }
  const window = fiscalYearWindow(f, state.registered ? stampDay(state.registered) : null);
  const length = daysBetween(window.from, window.to) + 1;
  const needed = Math.min(monthsAsDays(policy.minFiscalYearOverlapMonths), length);
  const covered = coveredDays(ctx, type2, window.from, window.to);
  if (covered < needed) {
    const message =
      `Audited periods cover ${days(covered)} of the fiscal year ${window.from} to ${f}; ` +
      `the policy asks for at least ${days(needed)} (${policy.minFiscalYearOverlapMonths} months).`;
    out.push(finding('FISCAL_YEAR_OVERLAP_INSUFFICIENT', 'COVERAGE_GAP', message, [state.policyStamp, ...type2.map((r) => r.received)], f));
  }
  return out;
}

/** Letters on the report that do not count, and why: a v1 letter says what it lacks. */
function ignoredLetters(ctx: AssessContext, report: ReportState): string {
  const notes = lettersOf(ctx.state, report)
    .map((l) => ({ l, defects: bridgeLetterDefects(ctx.state, report, l) }))
    .filter((x) => x.defects.length > 0)
    .map(({ l, defects }) => ` ${cap(describeLetter(l))} does not count: ${defects.join('; ')}.`);
  return notes.join('');
}

/** Days of [from, to] inside some report's [start, reach]. */
function coveredDays(ctx: AssessContext, reports: readonly ReportState[], from: IsoDate, to: IsoDate): number {
  const spans = reports
    .map((r) => ({ s: maxDate(r.coverageStart, from), e: minDate(validBridgeLetter(ctx.state, r)?.coversTo ?? r.coverageEnd, to) }))
    .filter((x) => x.s <= x.e)
    .sort((a, b) => a.s.localeCompare(b.s));
  let total = 0;
  let end: IsoDate | null = null;
  for (const { s, e } of spans) {
    const start = end !== null && s <= end ? addDays(end, 1) : s;
    if (start <= e) total += daysBetween(start, e) + 1;
    if (end === null || e > end) end = e;
  }
  return total;
}

function minDate(a: IsoDate, b: IsoDate): IsoDate {
  return a <= b ? a : b;
}

function days(n: number): string {
  return n === 1 ? '1 day' : `${n} days`;
}

function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
