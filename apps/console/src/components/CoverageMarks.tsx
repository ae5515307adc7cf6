import type { CoverageTimeline } from '../api/coverage';
import { humanize } from '../status';
import { AXIS, BOTTOM, COLORS, LANES, LEFT, RIGHT, TOP, W, type Scale } from './coverage-scale';

type Props = { timeline: CoverageTimeline; scale: Scale };

/** Validations as marks on their day: a circle when effective, a triangle when not (shape, not only colour). */
export function CoverageValidations({ timeline: t, scale: { x, inRange } }: Props) {
  return (
    <>
      {t.validations.filter((v) => inRange(v.validatedOn)).map((v) => {
        const vx = x(v.validatedOn);
        const cy = LANES.validations.y + LANES.validations.h / 2;
        return (
          <g class="coverage-validation" data-validation={v.validationId} data-result={v.result} key={v.validationId}>
            <title>{`${humanize(v.kind)} validation ${v.validationId} on ${v.validatedOn}: ${humanize(v.result)}`}</title>
            {v.result === 'EFFECTIVE' ? (
              <circle cx={vx} cy={cy} r="7" fill={COLORS.effective} stroke="#1a1a1a" />
            ) : (
              <path d={`M${vx - 7} ${cy + 6}L${vx} ${cy - 7}L${vx + 7} ${cy + 6}Z`} fill={COLORS.deficient} stroke="#1a1a1a" />
            )}
          </g>
        );
      })}
    </>
  );
}

/** Fiscal year ends as dashed lines at the end of their day, marked audited, bridged or gap. */
export function FiscalYearEnds({ timeline: t, scale: { xEnd, inRange } }: Props) {
  return (
    <>
      {t.fiscalYearEnds.filter((f) => inRange(f.date)).map((f) => {
        const fx = xEnd(f.date);
        return (
          <g class="coverage-fye" data-date={f.date} data-coverage={f.coverage} key={f.date}>
            <title>{`Fiscal year end ${f.date}: ${humanize(f.coverage)}`}</title>
            <line x1={fx} x2={fx} y1={TOP - 6} y2={BOTTOM + 4} stroke={COLORS.fye} stroke-width="1.5" stroke-dasharray="5 3" />
            <text x={fx} y={TOP - 8} text-anchor="middle" font-size="10" fill="#1a1a1a">
              FYE {f.date.slice(0, 4)} {f.coverage === 'GAP' ? '✗' : f.coverage === 'BRIDGED' ? '~' : f.coverage === 'AUDITED' ? '✓' : ''}
            </text>
          </g>
        );
      })}
    </>
  );
}

/** The time axis: both ends dated, a tick each new year, labelled only where it clears the end labels. */
export function TimeAxis({ timeline: t, scale: { x, years } }: Props) {
  return (
    <g class="axis" font-size="11" fill="#1a1a1a">
      <line x1={LEFT} x2={W - RIGHT} y1={AXIS - 12} y2={AXIS - 12} stroke="#1a1a1a" />
      <text x={LEFT} y={AXIS + 4}>{t.from}</text>
      <text x={W - RIGHT} y={AXIS + 4} text-anchor="end">{t.to}</text>
      {years.map((y) => {
        const yx = x(`${y}-01-01`);
        return (
          <g key={y}>
            <line x1={yx} x2={yx} y1={AXIS - 16} y2={AXIS - 8} stroke="#1a1a1a" />
            {yx - LEFT > 70 && W - RIGHT - yx > 70 && (
              <text x={yx} y={AXIS + 4} text-anchor="middle">
                {y}
              </text>
            )}
          </g>
        );
      })}
    </g>
  );
}
