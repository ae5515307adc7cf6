import type { PortfolioSummary } from '../api/portfolio';
import { Link, orgPath } from '../router';
import { plural } from '../labels';
import { humanize } from '../status';
import type { OrgSummary } from '../types';
import { StatusBadge } from './StatusBadge';

/** The committee's first question, answered on the first screen: who, status, since when, why. */
export function CriticalNotAssured(props: { organizations: OrgSummary[] }) {
  if (props.organizations.length === 0) return <p class="muted">Every critical organization is assured.</p>;
  return (
    <ul class="plain-list critical-list" data-testid="critical-not-assured">
      {props.organizations.map((o) => {
        const main = o.assurance.reasons.find((r) => r.status === o.assurance.status) ?? o.assurance.reasons[0];
        return (
          <li key={o.id} data-org={o.id}>
            <div>
              <Link href={orgPath(o.id)}>
                <strong>{o.name}</strong>
              </Link>{' '}
              <StatusBadge status={o.assurance.status} flags={o.assurance.flags} /> <span class="muted small">since {o.assurance.statusSince ?? '—'}</span>
            </div>
            {main && <div class="small">{main.message}</div>}
          </li>
        );
      })}
    </ul>
  );
}

/** Its second: what expires soon, while there is still time to ask for the next report. */
export function ExpiringSoon(props: { summary: PortfolioSummary }) {
  const { expiringSoon, expiringWithinDays } = props.summary;
  if (expiringSoon.length === 0) return <p class="muted">Nothing expires in the next {plural(expiringWithinDays, 'day')}.</p>;
  return (
    <ul class="plain-list" data-testid="expiring">
      {expiringSoon.map((o) => (
        <li key={o.id}>
          <Link href={orgPath(o.id)}>{o.name}</Link> ({humanize(o.criticality)}) — expires <strong>{o.assurance.expiresAt}</strong>{' '}
          <StatusBadge status={o.assurance.status} flags={o.assurance.flags} />
        </li>
      ))}
    </ul>
  );
}
