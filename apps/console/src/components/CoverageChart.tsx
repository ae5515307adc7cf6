import type { CoverageTimeline } from '../api/coverage';
import { CoverageLegend } from './CoverageLegend';
import { CoverageValidations, FiscalYearEnds, TimeAxis } from './CoverageMarks';
import { CoverageGaps, CoverageLetters, CoverageReports } from './CoveragePeriods';
import { BOTTOM, COLORS, H, INNER, LANES, LEFT, TOP, W, scaleFor } from './coverage-scale';
import { CoverageTable } from './CoverageTable';

/** The chart's accessible description: what it shows, in one sentence. */
function describe(t: CoverageTimeline): string {
  const gapDays = t.gaps.reduce((n, g) => n + g.days, 0);
  return (
    `${t.reports.length} report${t.reports.length === 1 ? '' : 's'}, ${t.bridgeLetters.length} bridge letter${t.bridgeLetters.length === 1 ? '' : 's'}, ` +
    `${t.validations.length} validation${t.validations.length === 1 ? '' : 's'}; ` +
    (t.gaps.length ? `${t.gaps.length} uncovered gap${t.gaps.length === 1 ? '' : 's'}, ${gapDays} days in all.` : 'no uncovered gap.')
  );
}

/**
 * The continuity chart: report periods and bridge letters laid end to end, validations as
 * marks, fiscal year ends as dashed lines, and every uncovered gap hatched with its length in
 * days. The same facts are in the table below it for screen readers and keyboard users.
 */
export function CoverageChart(props: { timeline: CoverageTimeline; name: string }) {
  const t = props.timeline;
  const scale = scaleFor(t);

  return (
    <figure class="coverage">
      <svg
        class="coverage-chart"
        viewBox={`0 0 ${W} ${H}`}
        role="img"
        aria-labelledby="coverage-title coverage-desc"
        data-testid="coverage-chart"
        preserveAspectRatio="xMinYMin meet"
      >
        <title id="coverage-title">Coverage timeline of {props.name}, {t.from} to {t.to}</title>
        <desc id="coverage-desc">{describe(t)}</desc>
        <defs>
          <pattern id="gap-hatch" patternUnits="userSpaceOnUse" width="8" height="8" patternTransform="rotate(45)">
            <rect width="8" height="8" fill="#ffffff" />
            <line x1="0" y1="0" x2="0" y2="8" stroke={COLORS.gap} stroke-width="2.5" />
          </pattern>
          <pattern id="pending-hatch" patternUnits="userSpaceOnUse" width="6" height="6">
            <rect width="6" height="6" fill="#ffffff" />
            <circle cx="3" cy="3" r="1.2" fill={COLORS.audited} />
          </pattern>
        </defs>

        {/* lane labels */}
        <g class="lane-labels" font-size="12" fill="#1a1a1a">
          <text x="8" y={LANES.reports.y + 21}>Reports</text>
          <text x="8" y={LANES.letters.y + 15}>Bridge letters</text>
          <text x="8" y={LANES.validations.y + 16}>Validations</text>
        </g>
        <rect x={LEFT} y={TOP} width={INNER} height={BOTTOM - TOP} fill="none" stroke="#c8c8c8" />

        {/* SVG paints in document order: gaps first, behind everything */}
        <CoverageGaps timeline={t} scale={scale} />
        <CoverageReports timeline={t} scale={scale} />
        <CoverageLetters timeline={t} scale={scale} />
        <CoverageValidations timeline={t} scale={scale} />
        <FiscalYearEnds timeline={t} scale={scale} />
        <TimeAxis timeline={t} scale={scale} />
      </svg>
      <CoverageLegend totals={t.totals} />
      <CoverageTable timeline={t} name={props.name} />
    </figure>
  );
}
