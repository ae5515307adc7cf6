import { finding, relianceSince, stampDay, type AssessContext, type Finding } from './assess-report-rules';
import { addDays, addMonths, maxDate } from './calendar';
import type { ReportState } from './organization.state';
import type { IsoDate } from './oversight.vocabulary';
import { describe } from './report-labels';

/**
 * CUECs of the current reports (DESIGN §3 v2; ISA 402.17(b)): each must be mapped to a control of
 * ours, and one we say we operate (IMPLEMENTED) must have been tested EFFECTIVE recently.
 */
export function cuecFindings(ctx: AssessContext): Finding[] {
  return ctx.currents.flatMap((r) => reportCuecFindings(ctx, r));
}

/** The latest test on or before `day`; later-dated tests have not happened yet. */
export function latestCuecTest(r: ReportState, ref: string, day: IsoDate) {
  const tests = (r.cuecTests?.[ref] ?? []).filter((t) => t.testedOn <= day);
  return tests.reduce<(typeof tests)[number] | null>((a, b) => (a && a.testedOn > b.testedOn ? a : b), null);
}

function reportCuecFindings(ctx: AssessContext, r: ReportState): Finding[] {
  const { day, policy } = ctx;
  const since = relianceSince(r);
  const label = describe(r);
  const out: Finding[] = [];
  r.cuecs.forEach((cuec, rank) => {
    const mapping = r.cuecMappings[cuec.ref];
    const subject = `CUEC ${cuec.ref} of ${label} ("${cuec.description}")`;
    if (!mapping) {
      const message = `${subject} is not mapped to one of our controls.`;
      out.push(finding('CUEC_NOT_MAPPED', 'COVERAGE_GAP', message, [r.received], since, { rank }));
      return;
    }
    const ours = mapping.internalControlRef ?? 'a control of ours';
    const mappedSince = maxDate(since, stampDay(mapping));
    if (mapping.state === 'PLANNED') {
      const message = `${subject} is mapped to our control ${ours}, which is only planned.`;
      out.push(finding('CUEC_PLANNED', 'ASSURED_WITH_EXCEPTIONS', message, [mapping], mappedSince, { rank }));
      return;
    }
    if (mapping.state !== 'IMPLEMENTED') return;
    const test = latestCuecTest(r, cuec.ref, day);
    if (test?.result === 'DEFICIENT') {
      const message = `${subject} is operated by our control ${ours}, whose test on ${test.testedOn} found it deficient.`;
      out.push(finding('CUEC_DEFICIENT', 'COVERAGE_GAP', message, [mapping, test], maxDate(since, test.testedOn), { rank }));
      return;
    }
    const freshUntil = test ? addMonths(test.testedOn, policy.cuecTestMonths) : null;
    if (freshUntil !== null && day <= freshUntil) return;
    const what = test
      ? `was last tested effective on ${test.testedOn}, more than ${policy.cuecTestMonths === 1 ? '1 month' : `${policy.cuecTestMonths} months`} ago`
      : 'has no recorded test';
    const message = `${subject} is operated by our control ${ours}, which ${what}.`;
    const notTestedSince = freshUntil ? maxDate(mappedSince, addDays(freshUntil, 1)) : mappedSince;
    out.push(finding('CUEC_NOT_TESTED', 'ASSURED_WITH_EXCEPTIONS', message, [mapping, test], notTestedSince, { rank }));
  });
  return out;
}

/** Days on which a CUEC test goes stale, or a future-dated test starts to count. */
export function cuecCandidates(ctx: AssessContext): IsoDate[] {
  return ctx.currents.flatMap((r) =>
    Object.values(r.cuecTests ?? {}).flatMap((tests) =>
      tests.flatMap((t) => [t.testedOn, addDays(addMonths(t.testedOn, ctx.policy.cuecTestMonths), 1)]),
    ),
  );
}
