import type { CoverageTimeline } from '../api/coverage';
import { gapStanding } from '../gap-standing';
import { humanize } from '../status';

/** The chart's facts as a table, for screen readers and keyboard users (the SVG is one image). */
export function CoverageTable(props: { timeline: CoverageTimeline; name: string; maxReportAgeMonths: number }) {
  const t = props.timeline;
  return (
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
            <tr key={`g-${g.from}`} class="gap-row"><td>{gapStanding(g, t, props.maxReportAgeMonths).counted ? 'Uncovered gap a rule counts' : 'Not yet covered, not yet due'} ({humanize(g.code)})</td><td>{g.from}</td><td>{g.to}</td><td>{g.days}</td><td>{g.reason}</td></tr>
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
  );
}
