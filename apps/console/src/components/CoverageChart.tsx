import type { CoverageTimeline } from '../api';
import { addDays, dayMs } from '../dates';
import { humanize } from '../status';

const W = 960;
const LEFT = 118;
const RIGHT = 16;
const INNER = W - LEFT - RIGHT;
const LANES = { reports: { y: 26, h: 34 }, letters: { y: 70, h: 22 }, validations: { y: 102, h: 24 } };
const TOP = 18;
const BOTTOM = 132;
const AXIS = 150;
const H = 172;

const COLORS = {
  audited: '#0072B2',
  auditedText: '#ffffff',
  letter: '#56B4E9',
  gap: '#D55E00',
  effective: '#009E73',
  deficient: '#D55E00',
  fye: '#1a1a1a',
};

/**
 * The continuity chart: report periods and bridge letters laid end to end, validations as
 * marks, fiscal year ends as dashed lines, and every uncovered gap hatched with its length in
 * days. The same facts are in the table below it for screen readers and keyboard users.
 */
export function CoverageChart(props: { timeline: CoverageTimeline; name: string }) {
  const t = props.timeline;
  const start = dayMs(t.from);
  const end = dayMs(addDays(t.to, 1));
  const span = Math.max(end - start, 86_400_000);
  const x = (day: string) => LEFT + (Math.min(Math.max(dayMs(day), start), end) - start) / span * INNER;
  const xEnd = (day: string) => x(addDays(day, 1));
  const width = (from: string, to: string) => Math.max(xEnd(to) - x(from), 2);
  const inRange = (day: string) => day >= t.from && day <= t.to;
  const years: number[] = [];
  for (let y = Number(t.from.slice(0, 4)) + 1; y <= Number(t.to.slice(0, 4)); y++) years.push(y);
  const gapDays = t.gaps.reduce((n, g) => n + g.days, 0);
  const summary =
    `${t.reports.length} report${t.reports.length === 1 ? '' : 's'}, ${t.bridgeLetters.length} bridge letter${t.bridgeLetters.length === 1 ? '' : 's'}, ` +
    `${t.validations.length} validation${t.validations.length === 1 ? '' : 's'}; ` +
    (t.gaps.length ? `${t.gaps.length} uncovered gap${t.gaps.length === 1 ? '' : 's'}, ${gapDays} days in all.` : 'no uncovered gap.');

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
        <desc id="coverage-desc">{summary}</desc>
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

        {/* gaps, behind everything */}
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

        {/* report periods */}
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

        {/* bridge letters */}
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

        {/* validations */}
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

        {/* fiscal year ends */}
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

        {/* time axis */}
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
      </svg>
      <figcaption class="legend">
        <span><svg width="22" height="12" aria-hidden="true"><rect width="22" height="12" rx="2" fill={COLORS.audited} /></svg> Report period (counts)</span>
        <span><svg width="22" height="12" aria-hidden="true"><rect x="0.5" y="0.5" width="21" height="11" rx="2" fill="#e6e6e6" stroke="#555" stroke-dasharray="4 3" /></svg> Report not counting</span>
        <span><svg width="22" height="12" aria-hidden="true"><rect width="22" height="12" rx="2" fill={COLORS.letter} /></svg> Bridge letter</span>
        <span><svg width="22" height="12" aria-hidden="true"><rect width="22" height="12" fill="url(#gap-hatch)" stroke={COLORS.gap} /></svg> Uncovered gap (days)</span>
        <span><svg width="14" height="14" aria-hidden="true"><circle cx="7" cy="7" r="6" fill={COLORS.effective} stroke="#1a1a1a" /></svg> Effective validation</span>
        <span><svg width="14" height="14" aria-hidden="true"><path d="M1 13L7 1L13 13Z" fill={COLORS.deficient} stroke="#1a1a1a" /></svg> Deficient validation</span>
        <span><svg width="14" height="14" aria-hidden="true"><line x1="7" x2="7" y1="0" y2="14" stroke="#1a1a1a" stroke-dasharray="3 2" stroke-width="1.5" /></svg> Fiscal year end (✓ audited, ~ bridged, ✗ gap)</span>
        {t.totals && (
          <span class="coverage-totals">
            Covered {t.totals.coveredDays} of {t.totals.days} days ({Math.round(t.totals.coverageRatio * 100)}%)
          </span>
        )}
      </figcaption>
      <details class="coverage-table">
        <summary>The timeline as a table</summary>
        <table>
          <caption class="visually-hidden">Coverage of {props.name}</caption>
          <thead>
            <tr><th scope="col">What</th><th scope="col">From</th><th scope="col">To</th><th scope="col">Days</th><th scope="col">Standing</th></tr>
          </thead>
          <tbody>
            {t.reports.map((r) => (
              <tr key={`r-${r.reportId}`}><td>Report {r.reportId} ({r.framework} {humanize(r.reportType)})</td><td>{r.coverageStart}</td><td>{r.coverageEnd}</td><td>{r.days}</td><td>{humanize(r.state)}{r.counts ? '' : ', does not count'}</td></tr>
            ))}
            {t.bridgeLetters.map((l) => (
              <tr key={`l-${l.letterId}`}><td>Bridge letter {l.letterId}</td><td>{l.coversFrom}</td><td>{l.coversTo}</td><td>{l.days}</td><td>{l.counts ? 'Counts' : `Does not count${l.problem ? `: ${l.problem}` : ''}`}</td></tr>
            ))}
            {t.gaps.map((g) => (
              <tr key={`g-${g.from}`} class="gap-row"><td>Uncovered gap ({humanize(g.code)})</td><td>{g.from}</td><td>{g.to}</td><td>{g.days}</td><td>{g.reason}</td></tr>
            ))}
            {t.fiscalYearEnds.map((f) => (
              <tr key={`f-${f.date}`}><td>Fiscal year end</td><td>{f.date}</td><td>{f.date}</td><td>1</td><td>{humanize(f.coverage)}</td></tr>
            ))}
            {t.validations.map((v) => (
              <tr key={`v-${v.validationId}`}><td>{humanize(v.kind)} validation {v.validationId}</td><td>{v.validatedOn}</td><td>{v.validUntil ?? '—'}</td><td>—</td><td>{humanize(v.result)}</td></tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
