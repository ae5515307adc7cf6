import type { ExceptionItem } from '../api/detail';
import { humanize } from '../status';

function state(e: ExceptionItem): string {
  if (e.closedOn) return `Closed ${e.closedOn}`;
  if (e.riskAcceptedBy && !e.open) return `Risk accepted${e.riskAcceptedUntil ? ` until ${e.riskAcceptedUntil}` : ''}`;
  if (e.overdue) return 'Open, overdue';
  if (e.remediationPlan) return 'Open, remediation planned';
  return 'Open, no plan';
}

/** Exceptions, riskiest first, with where their remediation stands and when it is due. */
export function Exceptions(props: { exceptions: ExceptionItem[] }) {
  if (props.exceptions.length === 0) return <p class="muted">No exceptions recorded.</p>;
  return (
    <div class="table-wrap">
      <table class="data-table" data-testid="exceptions">
        <caption class="visually-hidden">Exceptions and their remediation</caption>
        <thead>
          <tr>
            <th scope="col">Exception</th>
            <th scope="col">Severity</th>
            <th scope="col">Found</th>
            <th scope="col">Remediation</th>
            <th scope="col">Due</th>
            <th scope="col">State</th>
          </tr>
        </thead>
        <tbody>
          {props.exceptions.map((e) => (
            <tr key={e.exceptionId} class={e.overdue ? 'row-alert' : undefined}>
              <th scope="row">
                <div>{e.exceptionId}</div>
                <div class="muted small">
                  {e.controlRef}
                  {e.criteriaRef ? ` / ${e.criteriaRef}` : ''} · {humanize(e.kind)} · {humanize(e.source)}
                </div>
                <div class="small">{e.description}</div>
              </th>
              <td>{humanize(e.severity)}</td>
              <td>{e.foundOn}</td>
              <td>{e.remediationPlan ? `${e.remediationPlan}${e.remediationOwner ? ` (${e.remediationOwner})` : ''}` : e.resolution ?? '—'}</td>
              <td>{e.dueDate ?? '—'}</td>
              <td>
                {e.overdue && <span aria-hidden="true">⚠ </span>}
                {state(e)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
