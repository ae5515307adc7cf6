import { useState } from 'preact/hooks';
import { fetchAsOf, type AsOfAnswer } from '../api/replay';
import { formatInstant, localInputToIso } from '../dates';
import { plural } from '../labels';
import { Reasons } from './Reasons';
import { Loading, QueryProblem, Section } from './Section';
import { StatusBadge } from './StatusBadge';

/**
 * "What was the status at that moment, as we knew it then?": asked on submit only, so that the
 * answer stays put while the reader edits the moment.
 */
export function AsOfPanel(props: { id: string; knownAt: string | null }) {
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
              {answer.result.basedOnEventIds ? <span class="muted small"> (based on {plural(answer.result.basedOnEventIds.length, 'event')})</span> : null}
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
