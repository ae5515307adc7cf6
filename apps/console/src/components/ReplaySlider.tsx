import type { ReplayStep } from '../api/replay';
import { describeStep } from '../replay-steps';
import { statusMeta } from '../status';

/**
 * The slider over the steps, with buttons for one step back and forth. Its value text names the
 * step, its day and the status, so that a screen reader hears where the arrow keys landed.
 */
export function ReplaySlider(props: { steps: ReplayStep[]; current: number; shownStatus: string | undefined; onIndex: (index: number) => void }) {
  const { steps, current } = props;
  const step = steps[current]!;
  return (
    <div class="slider-row">
      <button type="button" onClick={() => props.onIndex(Math.max(current - 1, 0))} disabled={current <= 0} aria-label="Previous step">
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
          aria-valuetext={`Step ${current + 1} of ${steps.length}: ${step.day}, ${describeStep(step)}${props.shownStatus ? `, ${statusMeta(props.shownStatus).label}` : ''}`}
          onInput={(e) => props.onIndex(Number(e.currentTarget.value))}
        />
      </label>
      <button type="button" onClick={() => props.onIndex(Math.min(current + 1, steps.length - 1))} disabled={current >= steps.length - 1} aria-label="Next step">
        ▶
      </button>
      <span class="step-counter">
        Step {current + 1} of {steps.length}
      </span>
    </div>
  );
}
