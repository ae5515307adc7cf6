import type { CoverageTimeline } from '../api/coverage';
import { plural } from '../labels';
import { COLORS } from './coverage-scale';

/** The key to the chart's marks (the hatch is the chart's own pattern), and the covered share. */
export function CoverageLegend(props: { totals: CoverageTimeline['totals'] }) {
  const totals = props.totals;
  return (
    <figcaption class="legend">
      <span><svg width="22" height="12" aria-hidden="true"><rect width="22" height="12" rx="2" fill={COLORS.audited} /></svg> Report period (counts)</span>
      <span><svg width="22" height="12" aria-hidden="true"><rect x="0.5" y="0.5" width="21" height="11" rx="2" fill="#e6e6e6" stroke="#555" stroke-dasharray="4 3" /></svg> Report not counting</span>
      <span><svg width="22" height="12" aria-hidden="true"><rect width="22" height="12" rx="2" fill={COLORS.letter} /></svg> Bridge letter</span>
      <span><svg width="22" height="12" aria-hidden="true"><rect width="22" height="12" fill="url(#gap-hatch)" stroke={COLORS.gap} /></svg> Uncovered gap a rule counts (days)</span>
      <span><svg width="22" height="12" aria-hidden="true"><rect x="0.5" y="0.5" width="21" height="11" fill="url(#not-due-dots)" stroke={COLORS.notDue} stroke-dasharray="4 3" /></svg> Not yet covered, not yet due</span>
      <span><svg width="14" height="14" aria-hidden="true"><circle cx="7" cy="7" r="6" fill={COLORS.effective} stroke="#1a1a1a" /></svg> Effective validation</span>
      <span><svg width="14" height="14" aria-hidden="true"><path d="M1 13L7 1L13 13Z" fill={COLORS.deficient} stroke="#1a1a1a" /></svg> Deficient validation</span>
      <span><svg width="14" height="14" aria-hidden="true"><line x1="7" x2="7" y1="0" y2="14" stroke="#1a1a1a" stroke-dasharray="3 2" stroke-width="1.5" /></svg> Fiscal year end (✓ audited, ~ bridged, ✗ gap)</span>
      {totals && (
        <span class="coverage-totals">
          Covered {totals.coveredDays} of {plural(totals.days, 'day')} ({Math.round(totals.coverageRatio * 100)}%)
        </span>
      )}
    </figcaption>
  );
}
