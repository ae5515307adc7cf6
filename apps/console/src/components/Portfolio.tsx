import { useEffect, useState } from 'preact/hooks';
import { fetchOrganizations, fetchPortfolioSummary, type OrganizationFilter, type PortfolioSummary } from '../api';
import { useQuery } from '../hooks';
import { Link, orgPath } from '../router';
import { CATEGORIES, CRITICALITIES, criticalityRank, humanize, statusMeta, statusRank } from '../status';
import type { OrgSummary } from '../types';
import { HeatMap, type Cell } from './HeatMap';
import { OrgTable } from './OrgTable';
import { Loading, QueryProblem, Section } from './Section';
import { StatusBadge } from './StatusBadge';

const byCommitteeOrder = (a: OrgSummary, b: OrgSummary) =>
  criticalityRank(a.criticality) - criticalityRank(b.criticality) ||
  statusRank(a.assurance.status) - statusRank(b.assurance.status) ||
  (a.assurance.statusSince ?? '').localeCompare(b.assurance.statusSince ?? '') ||
  a.name.localeCompare(b.name);

/**
 * The risk committee's page: the heat map, "which critical organizations are not assured, why
 * and since when", what expires in the next 60 days, and every organization, filterable.
 */
export function Portfolio() {
  const [search, setSearch] = useState('');
  const [query, setQuery] = useState('');
  const [criticality, setCriticality] = useState<string[]>([]);
  const [category, setCategory] = useState('');
  const [cell, setCell] = useState<Cell | null>(null);

  // Search as you type, once typing pauses.
  useEffect(() => {
    const t = window.setTimeout(() => setQuery(search.trim()), 250);
    return () => window.clearTimeout(t);
  }, [search]);

  const filter: OrganizationFilter = {
    ...(query ? { search: query } : {}),
    ...(criticality.length ? { criticality } : {}),
    ...(category ? { category: [category] } : {}),
  };
  const filterKey = JSON.stringify(filter);
  const orgs = useQuery(() => fetchOrganizations(filter), [filterKey]);
  const notAssured = useQuery(() => fetchOrganizations({ notAssured: true }), []);
  const summary = useQuery<PortfolioSummary>(() => fetchPortfolioSummary(60), []);

  useEffect(() => {
    document.title = 'Portfolio — Oversight console';
  }, []);

  const listed = (orgs.data ?? [])
    .filter((o) => !cell || (o.assurance.status === cell.status && o.criticality === cell.criticality))
    .sort(byCommitteeOrder);
  const filtered = filterKey !== '{}';

  return (
    <div class="portfolio">
      <h1>Portfolio</h1>
      {summary.data && (
        <p class="summary-line" data-testid="summary-line">
          <strong>{summary.data.total}</strong> organizations ·{' '}
          {summary.data.byStatus
            .slice()
            .sort((a, b) => statusRank(a.status) - statusRank(b.status))
            .map((s) => `${s.count} ${statusMeta(s.status).label.toLowerCase()}`)
            .join(' · ')}
        </p>
      )}

      <div class="two-col">
        <Section id="heatmap" title="Status × criticality">
          <form class="filters" role="search" aria-label="Filter organizations" onSubmit={(e) => e.preventDefault()}>
            <label>
              Search by name
              <input type="search" value={search} onInput={(e) => setSearch(e.currentTarget.value)} placeholder="e.g. colocation" />
            </label>
            <label>
              Category
              <select value={category} onChange={(e) => setCategory(e.currentTarget.value)}>
                <option value="">All categories</option>
                {CATEGORIES.map((c) => (
                  <option value={c} key={c}>
                    {humanize(c)}
                  </option>
                ))}
              </select>
            </label>
            <fieldset>
              <legend>Criticality</legend>
              {CRITICALITIES.map((c) => (
                <label class="check" key={c}>
                  <input
                    type="checkbox"
                    checked={criticality.includes(c)}
                    onChange={(e) => setCriticality(e.currentTarget.checked ? [...criticality, c] : criticality.filter((x) => x !== c))}
                  />
                  {humanize(c)}
                </label>
              ))}
            </fieldset>
            {(filtered || cell) && (
              <button
                type="button"
                class="link-button"
                onClick={() => {
                  setSearch('');
                  setQuery('');
                  setCriticality([]);
                  setCategory('');
                  setCell(null);
                }}
              >
                Clear filters
              </button>
            )}
          </form>
          {orgs.error ? <QueryProblem error={orgs.error} what="the portfolio" /> : orgs.data ? <HeatMap organizations={orgs.data} selected={cell} onSelect={setCell} /> : <Loading what="the portfolio" />}
        </Section>

        <div>
        <Section id="critical" title="Critical and not assured">
          {notAssured.error ? (
            <QueryProblem error={notAssured.error} what="the critical organizations not assured" />
          ) : notAssured.data ? (
            <CriticalNotAssured organizations={notAssured.data.filter((o) => o.criticality === 'CRITICAL').sort(byCommitteeOrder)} />
          ) : (
            <Loading what="the critical organizations not assured" />
          )}
        </Section>
        <Section id="expiring" title="Expires in the next 60 days">
          {summary.error ? (
            <QueryProblem error={summary.error} what="the expiry list" />
          ) : summary.data ? (
            summary.data.expiringSoon.length === 0 ? (
              <p class="muted">Nothing expires in the next {summary.data.expiringWithinDays} days.</p>
            ) : (
              <ul class="plain-list" data-testid="expiring">
                {summary.data.expiringSoon.map((o) => (
                  <li key={o.id}>
                    <Link href={orgPath(o.id)}>{o.name}</Link> ({humanize(o.criticality)}) — expires <strong>{o.assurance.expiresAt}</strong>{' '}
                    <StatusBadge status={o.assurance.status} flags={o.assurance.flags} />
                  </li>
                ))}
              </ul>
            )
          ) : (
            <Loading what="the expiry list" />
          )}
        </Section>
        </div>
      </div>

      <Section id="not-assured" title="Not assured today">
        <p class="muted">No assurance, not assured, expired or coverage gap — critical first, then by status and since when.</p>
        {notAssured.error ? (
          <QueryProblem error={notAssured.error} what="the organizations not assured" />
        ) : notAssured.data ? (
          <OrgTable organizations={notAssured.data.slice().sort(byCommitteeOrder)} caption="Organizations not assured today" captionHidden testId="not-assured" />
        ) : (
          <Loading what="the organizations not assured" />
        )}
      </Section>

      <Section id="organizations" title={cell ? `${statusMeta(cell.status).label}, ${humanize(cell.criticality)} criticality` : filtered ? 'Organizations matching the filters' : 'All organizations'}>
        <div aria-live="polite" class="muted small">
          {orgs.data ? `${listed.length} organization${listed.length === 1 ? '' : 's'} listed.` : ''}
        </div>
        {orgs.data && <OrgTable organizations={listed} caption="Organizations" captionHidden testId="org-list" />}
      </Section>
    </div>
  );
}

/** The committee's first question, answered on the first screen: who, status, since when, why. */
function CriticalNotAssured(props: { organizations: OrgSummary[] }) {
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
