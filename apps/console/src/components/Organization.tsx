import { useEffect } from 'preact/hooks';
import { fetchHistory, type HistoryEvent } from '../api/audit';
import { fetchDetail, type OrganizationDetail } from '../api/detail';
import { fetchOverview, type OrganizationOverview } from '../api/overview';
import { isForbidden } from '../graphql';
import { useQuery } from '../hooks';
import { BASE, Link, replayPath } from '../router';
import { humanize } from '../status';
import { CoverageSection } from './CoverageSection';
import { Dependencies } from './Dependencies';
import { Exceptions } from './Exceptions';
import { eventAnchor, History } from './History';
import { Reasons } from './Reasons';
import { Reports } from './Reports';
import { Loading, QueryProblem, Section } from './Section';
import { StatusBadge } from './StatusBadge';

/** One organization: status and why, coverage, exceptions, reports, dependencies, history. */
export function Organization(props: { id: string }) {
  const overview = useQuery<OrganizationOverview | null>(() => fetchOverview(props.id), [props.id]);
  const detail = useQuery<OrganizationDetail | null>(() => fetchDetail(props.id), [props.id]);
  const history = useQuery<HistoryEvent[]>(() => fetchHistory(props.id), [props.id]);
  const org = overview.data;

  useEffect(() => {
    if (org) document.title = `${org.name} — Oversight console`;
  }, [org?.name]);

  // A link to #event-<id> moves focus to that history entry (and the :target style marks it).
  useEffect(() => {
    const focusTarget = () => {
      const el = location.hash ? document.getElementById(decodeURIComponent(location.hash.slice(1))) : null;
      el?.focus();
    };
    window.addEventListener('hashchange', focusTarget);
    if (history.data) focusTarget();
    return () => window.removeEventListener('hashchange', focusTarget);
  }, [history.data !== undefined]);

  if (overview.error) return <QueryProblem error={overview.error} what="this organization" />;
  if (overview.data === null) {
    return (
      <p class="notice" role="alert">
        No organization {props.id}. <Link href={BASE}>Back to the portfolio</Link>
      </p>
    );
  }
  if (!org) return <Loading what="the organization" />;

  const a = org.assurance;
  const historyIds = new Set(history.data?.map((e) => e.eventId) ?? []);
  const eventHref = (id: string) => (historyIds.has(id) ? `#${eventAnchor(id)}` : null);
  const detailForbidden = isForbidden(detail.error) || isForbidden(history.error);

  return (
    <article class="organization" aria-labelledby="org-title">
      <nav aria-label="Breadcrumb" class="breadcrumb">
        <Link href={BASE}>Portfolio</Link> <span aria-hidden="true">›</span> <span aria-current="page">{org.name}</span>
      </nav>
      <header class="org-header">
        <div>
          <h1 id="org-title">{org.name}</h1>
          <p class="muted">
            {humanize(org.role)} · {humanize(org.category)} · {humanize(org.criticality)} criticality
            {org.owner ? ` · owner ${org.owner}` : ''}
            {org.services.length ? ` · ${org.services.join(', ')}` : ''}
          </p>
        </div>
        {!detailForbidden && (
          <Link href={replayPath(org.id)} class="button">
            Replay and audit
          </Link>
        )}
      </header>

      <Section id="status" title="Assurance status">
        <div class="status-panel" data-testid="org-status" data-status={a.status}>
          <StatusBadge status={a.status} flags={a.flags} large />
          <dl class="facts">
            <div><dt>Since</dt><dd>{a.statusSince ?? '—'}</dd></div>
            <div><dt>Assessed on</dt><dd>{a.assessedOn ?? '—'}</dd></div>
            <div><dt>Current report</dt><dd>{a.currentReportId ?? '—'}</dd></div>
            <div><dt>Coverage end</dt><dd>{a.coverageEnd ?? '—'}</dd></div>
            <div><dt>Reach (with bridge)</dt><dd>{a.reach ?? '—'}</dd></div>
            <div><dt>Expires</dt><dd>{a.expiresAt ?? '—'}</dd></div>
            <div><dt>Next re-assessment</dt><dd>{a.nextReassessmentOn ?? '—'}</dd></div>
            {org.offboardedAt && <div><dt>Offboarded</dt><dd>{org.offboardedAt.slice(0, 10)}: {org.offboardReason}</dd></div>}
          </dl>
        </div>
        <h3>Why</h3>
        <Reasons reasons={a.reasons} eventHref={eventHref} />
      </Section>

      {detailForbidden ? (
        <p class="notice" data-testid="detail-hidden">
          Your role sees status and summaries only: coverage, reports, validations, exceptions and history are not shown (the API answers FORBIDDEN).
        </p>
      ) : (
        <>
          <CoverageSection id={org.id} name={org.name} detail={detail.data ?? undefined} today={a.assessedOn ?? new Date().toISOString().slice(0, 10)} />
          <Section id="exceptions" title="Exceptions and remediation">
            {detail.error ? <QueryProblem error={detail.error} what="exceptions" /> : detail.data ? <Exceptions exceptions={detail.data.exceptions} /> : <Loading what="exceptions" />}
          </Section>
          <Section id="reports" title="Reports and validations">
            {detail.error ? <QueryProblem error={detail.error} what="reports" /> : detail.data ? <Reports reports={detail.data.reports} validations={detail.data.validations} /> : <Loading what="reports" />}
          </Section>
        </>
      )}

      <Section id="dependencies" title="Dependencies">
        <Dependencies org={org} />
      </Section>

      {!detailForbidden && (
        <Section id="history" title="History (audit trail)">
          {history.error ? <QueryProblem error={history.error} what="the history" /> : history.data ? <History events={history.data} /> : <Loading what="the history" />}
        </Section>
      )}
    </article>
  );
}
