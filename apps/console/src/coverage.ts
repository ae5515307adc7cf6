import type { CoverageTimeline } from './api/coverage';
import type { OrganizationDetail } from './api/detail';
import { addDays, addMonths, dayMs, daysBetween } from './dates';

const ACCEPTED = new Set(['ACCEPTED', 'ACCEPTED_WITH_CONDITIONS']);

/**
 * The continuity timeline derived in the browser from an organization's reports, validations
 * and policy, for servers without the coverageTimeline query. Simpler than the server's: a
 * report counts when accepted and not withdrawn, a bridge letter when it starts the day after
 * its report's coverage end and stays within the policy's maximum bridge.
 */
export function deriveCoverageTimeline(detail: OrganizationDetail, today: string): CoverageTimeline {
  const reports = detail.reports.map((r) => {
    const state = r.withdrawal ? 'WITHDRAWN' : r.review ? r.review.decision : 'PENDING_REVIEW';
    return {
      reportId: r.reportId,
      coverageStart: r.coverageStart,
      coverageEnd: r.coverageEnd,
      days: daysBetween(r.coverageStart, r.coverageEnd),
      state,
      counts: ACCEPTED.has(state),
      framework: r.framework,
      reportType: r.reportType,
      opinion: r.opinion,
      eventIds: [],
    };
  });
  const counting = reports.filter((r) => r.counts);
  const bridgeLetters = detail.reports.flatMap((r) =>
    r.bridgeLetters.map((l) => {
      // As the server counts it: N months from the day after the coverage end (30 Sep + 3 → 31 Dec).
      const limit = addDays(addMonths(addDays(r.coverageEnd, 1), detail.policy.maxBridgeMonths), -1);
      const contiguous = l.coversFrom <= addDays(r.coverageEnd, 1);
      const valid = contiguous && l.coversTo <= limit;
      const onCounting = counting.some((c) => c.reportId === r.reportId);
      return {
        letterId: l.letterId,
        reportId: r.reportId,
        coversFrom: l.coversFrom,
        coversTo: l.coversTo,
        days: daysBetween(addDays(r.coverageEnd, 1), l.coversTo),
        valid,
        counts: valid && onCounting,
        problem: valid ? null : contiguous ? `covers beyond ${limit}` : 'does not start at the report coverage end',
        eventIds: [],
      };
    }),
  );
  const from = counting.length ? counting.map((r) => r.coverageStart).sort()[0]! : today;
  const to = today;
  const covered: Array<{ from: string; to: string; kind: 'AUDITED' | 'BRIDGED' }> = [
    ...counting.map((r) => ({ from: r.coverageStart, to: r.coverageEnd, kind: 'AUDITED' as const })),
    ...bridgeLetters.filter((l) => l.counts).map((l) => ({ from: l.coversFrom, to: l.coversTo, kind: 'BRIDGED' as const })),
  ].sort((a, b) => a.from.localeCompare(b.from));

  // Gaps: the days in [from, to] no interval covers.
  const gaps: CoverageTimeline['gaps'] = [];
  let cursor = from;
  for (const c of covered) {
    if (c.from > cursor && cursor <= to) {
      const end = c.from > to ? to : addDays(c.from, -1);
      gaps.push(gap(cursor, end, 'BETWEEN_REPORTS'));
    }
    if (addDays(c.to, 1) > cursor) cursor = addDays(c.to, 1);
  }
  if (counting.length === 0) gaps.push(gap(from, to, 'NO_ACCEPTED_REPORT'));
  else if (cursor <= to) gaps.push(gap(cursor, to, 'AFTER_LAST_REPORT'));

  const [mm, dd] = detail.policy.fiscalYearEnd.split('-');
  const fiscalYearEnds: CoverageTimeline['fiscalYearEnds'] = [];
  for (let y = Number(from.slice(0, 4)); y <= Number(to.slice(0, 4)); y++) {
    const date = `${y}-${mm}-${dd}`;
    if (date < from || date > to) continue;
    const audited = counting.find((r) => r.coverageStart <= date && date <= r.coverageEnd);
    const bridged = bridgeLetters.find((l) => l.counts && l.coversFrom <= date && date <= l.coversTo);
    fiscalYearEnds.push({
      date,
      coverage: audited ? 'AUDITED' : bridged ? 'BRIDGED' : 'GAP',
      reportId: audited?.reportId ?? bridged?.reportId ?? null,
      letterId: bridged?.letterId ?? null,
    });
  }
  const days = daysBetween(from, to);
  const uncoveredDays = gaps.reduce((n, g) => n + g.days, 0);
  return {
    from,
    to,
    fiscalYearEnd: detail.policy.fiscalYearEnd,
    reports,
    bridgeLetters,
    validations: detail.validations.map((v) => ({ ...v, validUntil: null, eventIds: [] })),
    fiscalYearEnds,
    gaps,
    totals: { days, coveredDays: days - uncoveredDays, uncoveredDays, coverageRatio: days ? (days - uncoveredDays) / days : 0 },
    fromServer: false,
  };
}

function gap(from: string, to: string, code: string) {
  const days = daysBetween(from, to);
  return { from, to, days, code, reason: `No accepted report or valid bridge letter covers ${from} to ${to} (${days} days).` };
}

export const spanMs = (from: string, to: string) => dayMs(to) - dayMs(from);
