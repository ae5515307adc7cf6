import type { CoverageTimeline } from '../api/coverage';
import { gapStanding } from '../gap-standing';
import { plural } from '../labels';
import { CoverageLegend } from './CoverageLegend';
import { CoverageValidations, FiscalYearEnds, TimeAxis } from './CoverageMarks';
import { CoverageGaps, CoverageLetters, CoverageReports } from './CoveragePeriods';
import { BOTTOM, COLORS, H, INNER, LANES, LEFT, TOP, W, scaleFor } from './coverage-scale';
import { CoverageTable } from './CoverageTable';

/** The chart's accessible description: what it shows, in one sentence. */
function describe(t: CoverageTimeline, maxReportAgeMonths: number): string {
  const counted = t.gaps.filter((g) => gapStanding(g, t, maxReportAgeMonths).counted);
  const notDue = t.gaps.length - counted.length;
  const gapDays = counted.reduce((n, g) => n + g.days, 0);
  return (
    `${plural(t.reports.length, 'report')}, ${plural(t.bridgeLetters.length, 'bridge letter')}, ${plural(t.validations.length, 'validation')}; ` +
    (counted.length ? `${plural(counted.length, 'uncovered gap')} a rule counts, ${plural(gapDays, 'day')} in all` : 'no uncovered gap a rule counts') +
    (notDue ? `; ${plural(notDue, 'stretch', 'stretches')} not yet covered, not yet due.` : '.')
  );
}

/**
 * The continuity chart: report periods and bridge letters laid end to end, validations as
 * marks, fiscal year ends as dashed lines, every gap a rule counts hatched with its length in
 * days, and the time not yet covered but not yet due drawn neutral. The same facts are in the table below it for screen readers and keyboard users.
 */
export function CoverageChart(props: { timeline: CoverageTimeline; name: string; maxReportAgeMonths: number }) {
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
        <desc id="coverage-desc">{describe(t, props.maxReportAgeMonths)}</desc>
        <defs>
          <pattern id="gap-hatch" patternUnits="userSpaceOnUse" width="8" height="8" patternTransform="rotate(45)">
            <rect width="8" height="8" fill="#ffffff" />
            <line x1="0" y1="0" x2="0" y2="8" stroke={COLORS.gap} stroke-width="2.5" />
          </pattern>
          <pattern id="not-due-dots" patternUnits="userSpaceOnUse" width="8" height="8">
            <rect width="8" height="8" fill="#ffffff" />
            <circle cx="4" cy="4" r="1" fill={COLORS.notDue} />
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
        <CoverageGaps timeline={t} scale={scale} maxReportAgeMonths={props.maxReportAgeMonths} />
        <CoverageReports timeline={t} scale={scale} />
        <CoverageLetters timeline={t} scale={scale} />
        <CoverageValidations timeline={t} scale={scale} />
        <FiscalYearEnds timeline={t} scale={scale} />
        <TimeAxis timeline={t} scale={scale} />
        <CoverageGaps timeline={t} scale={scale} maxReportAgeMonths={props.maxReportAgeMonths} labels />
      </svg>
      <CoverageLegend totals={t.totals} />
      <CoverageTable timeline={t} name={props.name} maxReportAgeMonths={props.maxReportAgeMonths} />
    </figure>
  );
}
