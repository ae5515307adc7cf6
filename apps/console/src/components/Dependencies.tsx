import { fetchDependencyImpact, type DependencyImpact } from '../api/dependencies';
import type { OrganizationOverview } from '../api/overview';
import { isForbidden } from '../graphql';
import { useQuery } from '../hooks';
import { Link, orgPath } from '../router';
import { plural } from '../labels';
import { humanize } from '../status';
import { QueryProblem } from './Section';
import { StatusBadge } from './StatusBadge';

/**
 * Who depends on whom: the vendor this organization serves (parent), the subservice
 * organizations registered under it (carved out or included), and — where the server has
 * dependencyImpact — the vendors its lapses weakened, with the exact days.
 */
export function Dependencies(props: { org: OrganizationOverview }) {
  const { org } = props;
  const impact = useQuery<DependencyImpact>(() => fetchDependencyImpact(org.id), [org.id]);
  return (
    <div class="deps">
      <div>
        <h3>Vendors that depend on it</h3>
        {org.parent ? (
          <p>
            Serves <Link href={orgPath(org.parent.id)}>{org.parent.name}</Link>
            {org.inclusionMethod ? ` (${humanize(org.inclusionMethod)})` : ''}: <StatusBadge status={org.parent.assurance.status} flags={org.parent.assurance.flags} />
          </p>
        ) : (
          <p class="muted">Not registered under a vendor.</p>
        )}
        {impact.error ? (
          isForbidden(impact.error) ? null : <QueryProblem error={impact.error} what="chain impact" />
        ) : impact.data && impact.data.vendors.length > 0 ? (
          <div class="table-wrap">
            <table class="data-table" data-testid="dependency-impact">
              <caption>Chain impact: vendors that carve it out, and the days its lapses weakened them</caption>
              <thead>
                <tr>
                  <th scope="col">Vendor</th>
                  <th scope="col">Vendor status</th>
                  <th scope="col">Days weakened</th>
                  <th scope="col">When</th>
                </tr>
              </thead>
              <tbody>
                {impact.data.vendors.map((v) => (
                  <tr key={v.vendorId}>
                    <th scope="row">
                      <Link href={orgPath(v.vendorId)}>{v.vendorName}</Link>
                    </th>
                    <td>
                      <StatusBadge status={v.vendorStatus} flags={v.inherited ? ['INHERITED'] : []} />
                    </td>
                    <td>{v.impactedDays}</td>
                    <td>
                      <ul class="plain-list small">
                        {v.intervals.map((i) => (
                          <li key={i.from}>
                            {i.from} – {i.to} ({plural(i.days, 'day')}{i.ongoing ? ', ongoing' : ''}): {humanize(i.subserviceStatus)}, {i.causes.map(humanize).join(', ')}
                          </li>
                        ))}
                      </ul>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : impact.data ? (
          <p class="muted">No vendor carves it out.</p>
        ) : null}
      </div>
      <div>
        <h3>Its subservice organizations</h3>
        {org.subserviceOrganizations.length === 0 ? (
          <p class="muted">None registered.</p>
        ) : (
          <ul class="plain-list">
            {org.subserviceOrganizations.map((s) => (
              <li key={s.id}>
                <Link href={orgPath(s.id)}>{s.name}</Link> — {humanize(s.inclusionMethod ?? 'unknown')}, {humanize(s.criticality)}:{' '}
                <StatusBadge status={s.assurance.status} flags={s.assurance.flags} />
                {s.assurance.statusSince ? <span class="muted small"> since {s.assurance.statusSince}</span> : null}
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}
