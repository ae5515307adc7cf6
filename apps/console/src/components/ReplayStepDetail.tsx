import type { ReplayStep } from '../api/replay';
import { formatInstant } from '../dates';
import { orgPath } from '../router';
import { describeStep } from '../replay-steps';
import { statusMeta } from '../status';
import { eventAnchor } from './History';
import { Reasons } from './Reasons';
import { Loading, QueryProblem } from './Section';
import { StatusBadge } from './StatusBadge';

/**
 * One step of the replay: what happened, when it took effect and was recorded, a link to its
 * event in the history, and the status after it (`shown`; undefined while it loads).
 */
export function ReplayStepDetail(props: { id: string; index: number; step: ReplayStep; shown: ReplayStep | undefined; statusError: unknown }) {
  const { step, shown } = props;
  return (
    <div class="replay-step" data-testid="replay-step" data-index={props.index} data-event-id={step.eventId ?? ''} data-status={shown?.status ?? ''} aria-live="polite">
      <h3>
        {step.day} — {describeStep(step)}
        {step.revision !== null ? <span class="muted small"> (revision {step.revision})</span> : null}
      </h3>
      <p class="small muted">
        effective {formatInstant(step.at)}
        {step.recordedAt ? ` · recorded ${formatInstant(step.recordedAt)}` : ''}
        {step.eventId ? (
          <>
            {' · '}
            <a href={`${orgPath(props.id)}#${eventAnchor(step.eventId)}`}>event {step.eventId.slice(0, 8)} in the history</a>
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
      ) : props.statusError ? (
        <QueryProblem error={props.statusError} what="the status as of this step" />
      ) : (
        <Loading what="the status after this step" />
      )}
      {step.data ? (
        <details>
          <summary>Event data</summary>
          <pre>{JSON.stringify(step.data, null, 2)}</pre>
        </details>
      ) : null}
    </div>
  );
}
