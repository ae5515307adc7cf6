import type { ReplayStep } from '../api/replay';
import { describeStep } from '../replay-steps';
import { statusMeta } from '../status';

/** Only the steps that changed the status, each a shortcut for the slider. */
export function StatusChanges(props: { steps: ReplayStep[]; current: number; onIndex: (index: number) => void }) {
  return (
    <div class="changes">
      <h3>Status changes</h3>
      <ol class="plain-list">
        {props.steps.map((s, i) =>
          s.statusChanged ? (
            <li key={i}>
              <button type="button" class="link-button" onClick={() => props.onIndex(i)} aria-current={i === props.current ? 'step' : undefined}>
                {s.day}: {s.previousStatus ? statusMeta(s.previousStatus).label : 'start'} → {statusMeta(s.status).label} ({describeStep(s)})
              </button>
            </li>
          ) : null,
        )}
      </ol>
    </div>
  );
}
