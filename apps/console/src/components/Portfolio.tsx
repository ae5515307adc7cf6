import { useEffect, useState } from 'preact/hooks';
import { fetchOrganizations, fetchPortfolioSummary, type PortfolioSummary } from '../api/portfolio';
import { formatInstant } from '../dates';
import { useQuery } from '../hooks';
import { usePortfolioFilter } from '../portfolio-filter';
import { criticalityRank, humanize, statusMeta, statusRank } from '../status';
import type { OrgSummary } from '../types';
import { CriticalNotAssured, ExpiringSoon } from './CommitteeLists';
import { HeatMap, type Cell } from './HeatMap';
import { OrgTable } from './OrgTable';
import { PortfolioFilters } from './PortfolioFilters';
import { Loading, QueryProblem, Section } from './Section';

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
  const filters = usePortfolioFilter();
  const [cell, setCell] = useState<Cell | null>(null);

  const orgs = useQuery(() => fetchOrganizations(filters.filter), [filters.key]);
  const notAssured = useQuery(() => fetchOrganizations({ notAssured: true }), []);
  const summary = useQuery<PortfolioSummary>(() => fetchPortfolioSummary(60), []);

  useEffect(() => {
    document.title = 'Portfolio — Oversight console';
  }, []);

  // A cell's list lies below the fold: bring it into view and move focus to its heading (the
  // list's own "Back to the heat map" returns to the cell), as following a link would.
  const select = (next: Cell | null) => {
    setCell(next);
    if (!next) return;
    const heading = document.getElementById('organizations-title');
    heading?.setAttribute('tabindex', '-1');
    heading?.focus({ preventScroll: true });
    document.getElementById('organizations')?.scrollIntoView({ block: 'start' });
  };
  const backToCell = (e: Event) => {
    e.preventDefault();
    const button = document.querySelector<HTMLButtonElement>('button.heat-cell--selected');
    button?.focus({ preventScroll: true });
    button?.scrollIntoView({ block: 'center' });
  };

  const listed = (orgs.data ?? [])
    .filter((o) => !cell || (o.assurance.status === cell.status && o.criticality === cell.criticality))
    .sort(byCommitteeOrder);
  const filtered = filters.active;

  return (
    <div class="portfolio">
      <h1>Portfolio</h1>
      {summary.data && (
        <p class="as-at muted" data-testid="as-at">
          As at <time dateTime={summary.data.asAt}>{formatInstant(summary.data.asAt)}</time>
        </p>
      )}
      {summary.data && (
        <p class="summary-line" data-testid="summary-line">
          <strong>{summary.data.total}</strong> {summary.data.total === 1 ? 'organization' : 'organizations'} ·{' '}
          {summary.data.byStatus
            .slice()
            .sort((a, b) => statusRank(a.status) - statusRank(b.status))
            .map((s) => `${s.count} ${statusMeta(s.status).label.toLowerCase()}`)
            .join(' · ')}
        </p>
      )}

      <div class="two-col">
        <Section id="heatmap" title="Status × criticality">
          <PortfolioFilters
            filters={filters}
            canClear={filtered || !!cell}
            onClear={() => {
              filters.clear();
              setCell(null);
            }}
          />
          {orgs.error ? <QueryProblem error={orgs.error} what="the portfolio" /> : orgs.data ? <HeatMap organizations={orgs.data} selected={cell} onSelect={select} /> : <Loading what="the portfolio" />}
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
              <ExpiringSoon summary={summary.data} />
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
        {cell && (
          <p class="small">
            <a href="#heatmap" onClick={backToCell}>
              Back to the heat map
            </a>
          </p>
        )}
        <div aria-live="polite" class="muted small">
          {orgs.data ? `${listed.length} organization${listed.length === 1 ? '' : 's'} listed.` : ''}
        </div>
        {orgs.data && <OrgTable organizations={listed} caption="Organizations" captionHidden testId="org-list" />}
      </Section>
    </div>
  );
}
