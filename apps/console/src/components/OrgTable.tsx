import { Link, orgPath } from '../router';
import { humanize } from '../status';
import type { OrgSummary, Reason } from '../types';
import { Reasons } from './Reasons';
import { StatusBadge } from './StatusBadge';

/** The findings that make the status first, then the lesser ones and the flags' reasons. */
const primaryFirst = (status: string, reasons: Reason[]) =>
  [...reasons].sort((a, b) => Number(b.status === status) - Number(a.status === status));

/** Organizations with status, since when and why: the committee's list. */
export function OrgTable(props: { organizations: OrgSummary[]; caption: string; testId?: string; showExpiry?: boolean; captionHidden?: boolean }) {
  if (props.organizations.length === 0) return <p class="muted">{props.caption}: none.</p>;
  return (
    <div class="table-wrap">
      <table class="data-table org-table" data-testid={props.testId}>
        <caption class={props.captionHidden ? 'visually-hidden' : undefined}>{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col">Organization</th>
            <th scope="col">Criticality</th>
            <th scope="col">Status</th>
            <th scope="col">{props.showExpiry ? 'Expires' : 'Since'}</th>
            <th scope="col">Why</th>
          </tr>
        </thead>
        <tbody>
          {props.organizations.map((o) => (
            <tr key={o.id} data-org={o.id}>
              <th scope="row">
                <Link href={orgPath(o.id)}>{o.name}</Link>
                <div class="muted small">{humanize(o.category)}</div>
              </th>
              <td data-criticality={o.criticality}>
                {o.criticality === 'CRITICAL' ? <strong>{humanize(o.criticality)}</strong> : humanize(o.criticality)}
              </td>
              <td>
                <StatusBadge status={o.assurance.status} flags={o.assurance.flags} />
              </td>
              <td>{props.showExpiry ? o.assurance.expiresAt ?? '—' : o.assurance.statusSince ?? '—'}</td>
              <td>
                <Reasons reasons={primaryFirst(o.assurance.status, o.assurance.reasons)} compact />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
