import type { CoverageTimeline } from '../api/coverage';
import { humanize } from '../status';
import { gapStanding } from '../gap-standing';
import { plural } from '../labels';
import { BOTTOM, COLORS, LANES, LEFT, RIGHT, TOP, W, type Scale } from './coverage-scale';

type Props = { timeline: CoverageTimeline; scale: Scale };

/** The day-count label's box: over the gap when it fits, else beside it, and always inside the plot. */
export function gapLabelX(gx: number, gw: number, boxW: number): number {
  if (gw >= boxW + 8) return gx + (gw - boxW) / 2;
  const right = gx + gw + 4;
  const x = right + boxW <= W - RIGHT ? right : gx - 4 - boxW;
  return Math.min(Math.max(x, LEFT), W - RIGHT - boxW);
}

/**
 * Every uncovered run of days over all lanes, hatched in the gap colour when a rule counts it,
 * neutral when it is only not yet covered and not yet due (../gap-standing). Drawn twice: the
 * areas first, behind everything; `labels` (the length in days, inside the chart) last, on top.
 */
export function CoverageGaps({ timeline: t, scale: { x, width }, maxReportAgeMonths, labels }: Props & { maxReportAgeMonths: number; labels?: boolean }) {
  return (
    <>
      {t.gaps.map((g) => {
        const gx = x(g.from);
        const gw = width(g.from, g.to);
        const text = plural(g.days, 'day');
        const standing = gapStanding(g, t, maxReportAgeMonths);
        const stroke = standing.counted ? COLORS.gap : COLORS.notDue;
        if (labels) {
          const boxW = 16 + text.length * 7.5;
          const lx = gapLabelX(gx, gw, boxW);
          return (
            <g class="coverage-gap-label" data-testid="coverage-gap-label" data-days={g.days} aria-hidden="true" key={`label-${g.from}`}>
              <rect class="gap-label-box" x={lx} y={LANES.reports.y + 6} width={boxW} height="20" rx="3" fill="#ffffff" stroke={stroke} />
              <text class="gap-label" x={lx + boxW / 2} y={LANES.reports.y + 20} text-anchor="middle" font-size="12" font-weight={standing.counted ? '700' : '400'} fill="#1a1a1a">
                {text}
              </text>
            </g>
          );
        }
        const title = `${standing.counted ? 'Uncovered gap a rule counts' : 'Not yet covered, not yet due'}: ${g.from} to ${g.to}, ${text}; ${standing.why}. ${g.reason}`;
        return (
          <g class="coverage-gap" data-testid="coverage-gap" data-days={g.days} data-from={g.from} data-to={g.to} data-counted={String(standing.counted)} key={`gap-${g.from}`}>
            <title>{title}</title>
            <rect x={gx} y={TOP} width={gw} height={BOTTOM - TOP} fill={standing.counted ? 'url(#gap-hatch)' : 'url(#not-due-dots)'} stroke={stroke} stroke-width="1.5" stroke-dasharray={standing.counted ? undefined : '4 3'} />
          </g>
        );
      })}
    </>
  );
}

/** Report periods: solid when they count, dashed (dotted while pending review) when they do not. */
export function CoverageReports({ timeline: t, scale: { x, width } }: Props) {
  return (
    <>
      {t.reports.map((r) => {
        const rx = x(r.coverageStart);
        const rw = width(r.coverageStart, r.coverageEnd);
        const fill = r.counts ? COLORS.audited : r.state === 'PENDING_REVIEW' ? 'url(#pending-hatch)' : '#e6e6e6';
        return (
          <g class="coverage-report" data-report={r.reportId} data-state={r.state} key={r.reportId}>
            <title>{`${r.reportId}: ${r.framework} ${humanize(r.reportType)}, ${r.coverageStart} to ${r.coverageEnd} (${plural(r.days, 'day')}), ${humanize(r.state)}${r.counts ? '' : ' — does not count'}`}</title>
            <rect x={rx} y={LANES.reports.y} width={rw} height={LANES.reports.h} rx="3" fill={fill} stroke={r.counts ? '#003f63' : '#555'} stroke-dasharray={r.counts ? undefined : '4 3'} />
            {rw > 90 && (
              <text x={rx + 6} y={LANES.reports.y + 21} font-size="12" fill={r.counts ? COLORS.auditedText : '#1a1a1a'}>
                {r.reportId}
              </text>
            )}
          </g>
        );
      })}
    </>
  );
}

/** Bridge letters, in their own lane; one that does not count is outlined in the gap colour. */
export function CoverageLetters({ timeline: t, scale: { x, width } }: Props) {
  return (
    <>
      {t.bridgeLetters.map((l) => {
        const from = l.coversFrom;
        return (
          <g class="coverage-letter" data-letter={l.letterId} key={l.letterId}>
            <title>{`Bridge letter ${l.letterId} on ${l.reportId}: ${l.coversFrom} to ${l.coversTo}, ${plural(l.days, 'day')}${l.counts ? '' : ` — does not count${l.problem ? `: ${l.problem}` : ''}`}`}</title>
            <rect
              x={x(from)}
              y={LANES.letters.y}
              width={width(from, l.coversTo)}
              height={LANES.letters.h}
              rx="3"
              fill={l.counts ? COLORS.letter : '#ffffff'}
              stroke={l.counts ? '#1a5d80' : COLORS.gap}
              stroke-dasharray={l.counts ? undefined : '4 3'}
            />
            <text x={x(from) + 4} y={LANES.letters.y + 15} font-size="11" fill="#1a1a1a">
              {width(from, l.coversTo) > 60 ? l.letterId : 'BL'}
            </text>
          </g>
        );
      })}
    </>
  );
}
