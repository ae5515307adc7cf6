import type { Report, Validation } from '../api/detail';
import { humanize } from '../status';

/** Every report received, oldest first, with our review and its bridge letters; then validations. */
export function Reports(props: { reports: Report[]; validations: Validation[] }) {
  return (
    <>
      {props.reports.length === 0 ? (
        <p class="muted">No report received.</p>
      ) : (
        <div class="table-wrap">
          <table class="data-table">
            <caption class="visually-hidden">Reports received</caption>
            <thead>
              <tr>
                <th scope="col">Report</th>
                <th scope="col">Coverage</th>
                <th scope="col">Opinion</th>
                <th scope="col">Review</th>
                <th scope="col">Bridge letters</th>
              </tr>
            </thead>
            <tbody>
              {props.reports.map((r) => (
                <tr key={r.reportId}>
                  <th scope="row">
                    {r.reportId}
                    <div class="muted small">
                      {r.framework} {humanize(r.reportType)} · {r.serviceAuditor}
                    </div>
                  </th>
                  <td>{r.asOfDate ? `as of ${r.asOfDate}` : `${r.coverageStart} – ${r.coverageEnd}`}</td>
                  <td>{humanize(r.opinion)}</td>
                  <td>
                    {r.withdrawal ? `Withdrawn: ${r.withdrawal.reason}` : r.review ? `${humanize(r.review.decision)} by ${r.review.reviewer}` : 'Pending review'}
                    {r.review?.conditions.length ? <div class="small">Conditions: {r.review.conditions.join('; ')}</div> : null}
                  </td>
                  <td>{r.bridgeLetters.length ? r.bridgeLetters.map((l) => `${l.letterId} (${l.coversFrom} – ${l.coversTo})`).join(', ') : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <h3>Validations</h3>
      {props.validations.length === 0 ? (
        <p class="muted">No validation recorded.</p>
      ) : (
        <ul class="plain-list">
          {props.validations.map((v) => (
            <li key={v.validationId}>
              <strong>{v.validatedOn}</strong> {humanize(v.kind)} validation {v.validationId}
              {v.siteId ? ` at ${v.siteId}` : ''} by {humanize(v.method)}: <strong>{humanize(v.result)}</strong>
              <span class="muted small"> ({v.areas.map(humanize).join(', ')})</span>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
