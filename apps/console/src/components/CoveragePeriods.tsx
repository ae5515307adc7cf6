import type { CoverageTimeline } from '../api/coverage';
import { humanize } from '../status';
import { BOTTOM, COLORS, LANES, RIGHT, TOP, W, type Scale } from './coverage-scale';

type Props = { timeline: CoverageTimeline; scale: Scale };

/** Every uncovered gap, hatched over all lanes, with its length in days on a label that stays readable. */
export function CoverageGaps({ timeline: t, scale: { x, width } }: Props) {
  return (
    <>
      {t.gaps.map((g) => {
        const gx = x(g.from);
        const gw = width(g.from, g.to);
        const labelX = gw > 70 ? gx + gw / 2 : Math.min(gx + gw + 4, W - RIGHT - 60);
        return (
          <g class="coverage-gap" data-testid="coverage-gap" data-days={g.days} data-from={g.from} data-to={g.to} key={`gap-${g.from}`}>
            <title>{`Uncovered: ${g.from} to ${g.to}, ${g.days} days. ${g.reason}`}</title>
            <rect x={gx} y={TOP} width={gw} height={BOTTOM - TOP} fill="url(#gap-hatch)" stroke={COLORS.gap} stroke-width="1.5" />
            <rect x={labelX - (gw > 70 ? 40 : 0)} y={LANES.reports.y + 6} width="80" height="20" rx="3" fill="#ffffff" stroke={COLORS.gap} />
            <text class="gap-label" x={labelX + (gw > 70 ? 0 : 40)} y={LANES.reports.y + 20} text-anchor="middle" font-size="12" font-weight="700" fill="#1a1a1a">
              {g.days} days
            </text>
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
            <title>{`${r.reportId}: ${r.framework} ${humanize(r.reportType)}, ${r.coverageStart} to ${r.coverageEnd} (${r.days} days), ${humanize(r.state)}${r.counts ? '' : ' — does not count'}`}</title>
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
            <title>{`Bridge letter ${l.letterId} on ${l.reportId}: ${l.coversFrom} to ${l.coversTo}, ${l.days} days${l.counts ? '' : ` — does not count${l.problem ? `: ${l.problem}` : ''}`}`}</title>
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
