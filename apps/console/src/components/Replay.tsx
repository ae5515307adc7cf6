import { useEffect, useState } from 'preact/hooks';
import { fetchOverview } from '../api/overview';
import { formatInstant, localInputToIso } from '../dates';
import { useQuery } from '../hooks';
import { useReplay } from '../replay-steps';
import { BASE, Link, orgPath } from '../router';
import { AsOfPanel } from './AsOfPanel';
import { AuditPanel } from './AuditPanel';
import { ReplaySlider } from './ReplaySlider';
import { ReplayStepDetail } from './ReplayStepDetail';
import { Loading, QueryProblem, Section } from './Section';
import { StatusChanges } from './StatusChanges';

/**
 * The auditor's page: a slider over every event (and every day time alone changed the
 * verdict), the status and reasons after each step, the state as of any moment as known at any
 * moment, verification of the hash chain, and the evidence pack for download (for the roles
 * the API lets do so). The "known at" moment is chosen here, since it bounds both the steps
 * and the as-of answer.
 */
export function Replay(props: { id: string; mayAudit: boolean }) {
  const overview = useQuery(() => fetchOverview(props.id), [props.id]);
  const [knownAtInput, setKnownAtInput] = useState('');
  const knownAt = localInputToIso(knownAtInput);
  const { replay, steps, current, step, shown, perStep, setIndex } = useReplay(props.id, knownAt);

  useEffect(() => {
    if (overview.data) document.title = `Replay ${overview.data.name} — Oversight console`;
  }, [overview.data?.name]);

  const name = overview.data?.name ?? props.id;
  if (overview.error) return <QueryProblem error={overview.error} what="this organization" />;

  return (
    <article class="replay" aria-labelledby="replay-title">
      <nav aria-label="Breadcrumb" class="breadcrumb">
        <Link href={BASE}>Portfolio</Link> <span aria-hidden="true">›</span> <Link href={orgPath(props.id)}>{name}</Link>{' '}
        <span aria-hidden="true">›</span> <span aria-current="page">Replay</span>
      </nav>
      <h1 id="replay-title">Replay: {name}</h1>

      <Section id="replay-steps" title="Step through the record">
        <div class="filters">
          <label>
            Known at (UTC) <span class="muted small">only events recorded by then; empty: now</span>
            <input type="datetime-local" value={knownAtInput} onChange={(e) => { setKnownAtInput(e.currentTarget.value); setIndex(null); }} />
          </label>
        </div>
        {replay.error ? (
          <QueryProblem error={replay.error} what="the replay" />
        ) : !replay.data ? (
          <Loading what="the replay" />
        ) : steps.length === 0 ? (
          <p class="muted">No event recorded{knownAt ? ` by ${formatInstant(knownAt)}` : ''}.</p>
        ) : (
          <>
            <ReplaySlider steps={steps} current={current} shownStatus={shown?.status} onIndex={setIndex} />
            <ReplayStepDetail id={props.id} index={current} step={step!} shown={shown} statusError={perStep.error} />
            {!replay.data.perStepStatus && <StatusChanges steps={steps} current={current} onIndex={setIndex} />}
          </>
        )}
      </Section>

      <AsOfPanel id={props.id} knownAt={knownAt} />
      {props.mayAudit ? (
        <AuditPanel id={props.id} />
      ) : (
        <p class="notice" data-testid="audit-hidden">
          Verifying the audit trail and exporting evidence packs are for the ADMIN, ANALYST and AUDITOR roles.
        </p>
      )}
    </article>
  );
}
