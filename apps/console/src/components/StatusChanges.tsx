import type { ReplayStep } from '../api/replay';
import { changeInForce, describeStep } from '../replay-steps';
import { statusMeta } from '../status';

/**
 * Only the steps that changed the status, each a shortcut for the slider. The change in force
 * at the step on screen is marked (aria-current and a visible style), wherever the slider is.
 */
export function StatusChanges(props: { steps: ReplayStep[]; current: number; onIndex: (index: number) => void }) {
  const inForce = changeInForce(props.steps, props.current);
  return (
    <div class="changes">
      <h3>Status changes</h3>
      <ol class="plain-list">
        {props.steps.map((s, i) =>
          s.statusChanged ? (
            <li key={i} class={i === inForce ? 'change--current' : undefined}>
              <button type="button" class="link-button" data-index={i} onClick={() => props.onIndex(i)} aria-current={i === inForce ? 'step' : undefined}>
                {s.day}: {s.previousStatus ? statusMeta(s.previousStatus).label : 'start'} → {statusMeta(s.status).label} · {describeStep(s)}
              </button>
              {i === inForce && <span class="change-marker">{i === props.current ? ' ◀ this step' : ' ◀ in force at this step'}</span>}
            </li>
          ) : null,
        )}
      </ol>
    </div>
  );
}
