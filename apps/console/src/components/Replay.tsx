import { useEffect, useState } from 'preact/hooks';
import {
  fetchAsOf,
  fetchEvidencePack,
  fetchHistory,
  fetchOverview,
  fetchOversightTimeline,
  verifyAuditTrail,
  type AsOfAnswer,
  type ReplayStep,
  type Verification,
} from '../api';
import { formatInstant, localInputToIso } from '../dates';
import { isForbidden, isUnsupported } from '../graphql';
import { useQuery } from '../hooks';
import { BASE, Link, orgPath } from '../router';
import { statusMeta } from '../status';
import { eventAnchor } from './History';
import { Reasons } from './Reasons';
import { Loading, QueryProblem, Section } from './Section';
import { StatusBadge } from './StatusBadge';

/** Steps from the server's oversightTimeline; else the history, each step's status asked as of its moment. */
async function loadSteps(id: string, knownAt: string | null): Promise<{ steps: ReplayStep[]; perStepStatus: boolean }> {
  try {
    return { steps: await fetchOversightTimeline(id, knownAt), perStepStatus: false };
  } catch (error) {
    if (!isUnsupported(error)) throw error;
  }
  const events = (await fetchHistory(id))
    .filter((e) => !knownAt || e.recordedAt <= knownAt)
    .sort((a, b) => a.effectiveAt.localeCompare(b.effectiveAt));
  const steps = events.map<ReplayStep>((e) => ({
    kind: 'EVENT',
    at: e.effectiveAt,
    day: e.effectiveAt.slice(0, 10),
    type: e.type,
    eventId: e.eventId,
    revision: e.revision,
    recordedAt: e.recordedAt,
    status: '',
    previousStatus: null,
    statusChanged: false,
    flags: [],
    reasons: [],
    data: e.data,
  }));
  return { steps, perStepStatus: true };
}

function describe(step: ReplayStep): string {
  return step.kind === 'TIME' ? `time passed (${step.day})` : `${step.type ?? 'event'}`;
}

/**
 * The auditor's page: a slider over every event (and every day time alone changed the
 * verdict), the status and reasons after each step, the state as of any moment as known at any
 * moment, verification of the hash chain, and the evidence pack for download.
 */
export function Replay(props: { id: string }) {
  const overview = useQuery(() => fetchOverview(props.id), [props.id]);
  const [knownAtInput, setKnownAtInput] = useState('');
  const knownAt = localInputToIso(knownAtInput);
  const replay = useQuery(() => loadSteps(props.id, knownAt), [props.id, knownAt]);
  const steps = replay.data?.steps ?? [];
  const [index, setIndex] = useState<number | null>(null);
  const current = steps.length ? Math.min(index ?? steps.length - 1, steps.length - 1) : -1;
  const step = current >= 0 ? steps[current] : undefined;

  // On servers without oversightTimeline: the status after the step, asked as of its moment.
  const perStep = useQuery<AsOfAnswer | null>(
    () => fetchAsOf(props.id, step!.at, knownAt),
    [props.id, step?.at, knownAt],
    { enabled: !!replay.data?.perStepStatus && !!step, live: false },
  );
  const shown = step && replay.data?.perStepStatus
    ? perStep.data
      ? { ...step, status: perStep.data.assurance.status, flags: perStep.data.assurance.flags, reasons: perStep.data.assurance.reasons }
      : undefined
    : step;

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
            <div class="slider-row">
              <button type="button" onClick={() => setIndex(Math.max(current - 1, 0))} disabled={current <= 0} aria-label="Previous step">
                ◀
              </button>
              <label class="slider-label">
                <span class="visually-hidden">Replay step</span>
                <input
                  type="range"
                  class="replay-slider"
                  data-testid="replay-slider"
                  min={0}
                  max={steps.length - 1}
                  step={1}
                  value={current}
                  aria-valuetext={`Step ${current + 1} of ${steps.length}: ${step!.day}, ${describe(step!)}${shown?.status ? `, ${statusMeta(shown.status).label}` : ''}`}
                  onInput={(e) => setIndex(Number(e.currentTarget.value))}
                />
              </label>
              <button type="button" onClick={() => setIndex(Math.min(current + 1, steps.length - 1))} disabled={current >= steps.length - 1} aria-label="Next step">
                ▶
              </button>
              <span class="step-counter">
                Step {current + 1} of {steps.length}
              </span>
            </div>
            <div class="replay-step" data-testid="replay-step" data-index={current} data-event-id={step?.eventId ?? ''} data-status={shown?.status ?? ''} aria-live="polite">
              <h3>
                {step!.day} — {describe(step!)}
                {step!.revision !== null ? <span class="muted small"> (revision {step!.revision})</span> : null}
              </h3>
              <p class="small muted">
                effective {formatInstant(step!.at)}
                {step!.recordedAt ? ` · recorded ${formatInstant(step!.recordedAt)}` : ''}
                {step!.eventId ? (
                  <>
                    {' · '}
                    <a href={`${orgPath(props.id)}#${eventAnchor(step!.eventId)}`}>event {step!.eventId.slice(0, 8)} in the history</a>
                  </>
                ) : null}
              </p>
              {shown ? (
                <>
                  <p>
                    Status after this step: <StatusBadge status={shown.status} flags={shown.flags} large />
                    {shown.statusChanged && shown.previousStatus ? <span class="changed"> changed from {statusMeta(shown.previousStatus).label}</span> : null}
                  </p>
                  <Reasons reasons={shown.reasons} compact />
                </>
              ) : perStep.error ? (
                <QueryProblem error={perStep.error} what="the status as of this step" />
              ) : (
                <Loading what="the status after this step" />
              )}
              {step!.data ? (
                <details>
                  <summary>Event data</summary>
                  <pre>{JSON.stringify(step!.data, null, 2)}</pre>
                </details>
              ) : null}
            </div>
            {!replay.data.perStepStatus && (
              <div class="changes">
                <h3>Status changes</h3>
                <ol class="plain-list">
                  {steps.map((s, i) =>
                    s.statusChanged ? (
                      <li key={i}>
                        <button type="button" class="link-button" onClick={() => setIndex(i)} aria-current={i === current ? 'step' : undefined}>
                          {s.day}: {s.previousStatus ? statusMeta(s.previousStatus).label : 'start'} → {statusMeta(s.status).label} ({describe(s)})
                        </button>
                      </li>
                    ) : null,
                  )}
                </ol>
              </div>
            )}
          </>
        )}
      </Section>

      <AsOfPanel id={props.id} knownAt={knownAt} />
      <AuditPanel id={props.id} />
    </article>
  );
}

function AsOfPanel(props: { id: string; knownAt: string | null }) {
  const [asOfInput, setAsOfInput] = useState('');
  const [answer, setAnswer] = useState<{ asOf: string | null; result?: AsOfAnswer | null; error?: unknown } | null>(null);
  const ask = async (e: Event) => {
    e.preventDefault();
    const asOf = localInputToIso(asOfInput);
    setAnswer({ asOf });
    try {
      setAnswer({ asOf, result: await fetchAsOf(props.id, asOf, props.knownAt) });
    } catch (error) {
      setAnswer({ asOf, error });
    }
  };
  return (
    <Section id="as-of" title="Status as of a moment">
      <form class="filters" onSubmit={ask}>
        <label>
          As of (UTC, business time)
          <input type="datetime-local" value={asOfInput} onChange={(e) => setAsOfInput(e.currentTarget.value)} data-testid="as-of-input" />
        </label>
        <p class="muted small">As known at: {props.knownAt ? formatInstant(props.knownAt) : 'now'} (set above)</p>
        <button type="submit">Show the status then</button>
      </form>
      <div aria-live="polite" data-testid="as-of-result">
        {answer?.error ? (
          <QueryProblem error={answer.error} what="the status as of that moment" />
        ) : answer?.result ? (
          <>
            <p>
              As of {formatInstant(answer.result.asOf ?? answer.asOf)}, known at {formatInstant(answer.result.knownAt)}:{' '}
              <StatusBadge status={answer.result.assurance.status} flags={answer.result.assurance.flags} large />
              {answer.result.basedOnEventIds ? <span class="muted small"> (based on {answer.result.basedOnEventIds.length} events)</span> : null}
            </p>
            <Reasons reasons={answer.result.assurance.reasons} compact />
          </>
        ) : answer?.result === null ? (
          <p class="muted">The organization did not exist then, as known then.</p>
        ) : answer ? (
          <Loading what="the status then" />
        ) : null}
      </div>
    </Section>
  );
}

function AuditPanel(props: { id: string }) {
  const [verification, setVerification] = useState<{ result?: Verification; error?: unknown; busy?: boolean } | null>(null);
  const [pack, setPack] = useState<{ message?: string; error?: unknown; busy?: boolean } | null>(null);
  const verify = async () => {
    setVerification({ busy: true });
    try {
      setVerification({ result: await verifyAuditTrail(props.id) });
    } catch (error) {
      setVerification({ error });
    }
  };
  const exportPack = async () => {
    setPack({ busy: true });
    try {
      const json = JSON.stringify(await fetchEvidencePack(props.id), null, 2);
      const blob = new Blob([json], { type: 'application/json' });
      const url = URL.createObjectURL(blob);
      const a = document.createElement('a');
      a.href = url;
      a.download = `evidence-pack-${props.id}-${new Date().toISOString().slice(0, 10)}.json`;
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      setPack({ message: `Evidence pack downloaded (${Math.ceil(blob.size / 1024)} KB). Verify it offline with npm run verify-pack.` });
    } catch (error) {
      setPack({ error });
    }
  };
  const v = verification?.result;
  return (
    <Section id="audit" title="Tamper evidence">
      <div class="button-row">
        <button type="button" onClick={verify} disabled={verification?.busy}>
          Verify audit trail
        </button>
        <button type="button" onClick={exportPack} disabled={pack?.busy}>
          Export evidence pack
        </button>
      </div>
      <div role="status" data-testid="verify-result">
        {verification?.busy && <Loading what="the verification" />}
        {verification?.error ? (
          isUnsupported(verification.error) || isForbidden(verification.error) ? (
            <QueryProblem error={verification.error} what="audit trail verification" />
          ) : (
            <QueryProblem error={verification.error} what="the verification" />
          )
        ) : null}
        {v && (
          <p class={v.valid ? 'verified' : 'notice notice--error'} data-valid={String(v.valid)}>
            <span aria-hidden="true">{v.valid ? '✔ ' : '✖ '}</span>
            {v.valid
              ? `Audit trail verified: ${v.checkedEvents} events, the hash chain and its signed checkpoints are intact.`
              : `Audit trail broken${v.firstBrokenEventId ? ` at event ${v.firstBrokenEventId}` : ''}: ${v.reason ?? 'no reason given'} (${v.checkedEvents} events checked).`}
          </p>
        )}
      </div>
      <div role="status" data-testid="pack-result">
        {pack?.busy && <Loading what="the evidence pack" />}
        {pack?.error ? <QueryProblem error={pack.error} what="the evidence pack" /> : null}
        {pack?.message && <p>{pack.message}</p>}
      </div>
    </Section>
  );
}
