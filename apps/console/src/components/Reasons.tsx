import { humanize } from '../status';
import type { Reason } from '../types';

/**
 * Why a status holds: each reason's code, message and since when, with links to the events
 * behind it (the history entries on the same page) when the caller may read history.
 */
export function Reasons(props: { reasons: Reason[]; eventHref?: (eventId: string) => string | null; compact?: boolean }) {
  if (props.reasons.length === 0) return <p class="muted">No findings.</p>;
  return (
    <ul class={`reasons${props.compact ? ' reasons--compact' : ''}`}>
      {props.reasons.map((r, i) => (
        <li key={`${r.code}-${i}`} data-reason={r.code}>
          <span class="reason-code">{humanize(r.code)}</span>
          {r.since && <span class="reason-since"> since {r.since}</span>}
          <div class="reason-message">{r.message}</div>
          {!props.compact && r.eventIds && r.eventIds.length > 0 && (
            <div class="reason-events">
              Events:{' '}
              {r.eventIds.map((id, j) => {
                const href = props.eventHref?.(id) ?? null;
                const label = `event ${id.slice(0, 8)}`;
                return (
                  <span key={id}>
                    {j > 0 && ', '}
                    {href ? (
                      <a href={href} aria-label={`Show event ${id} in the history`}>
                        {label}
                      </a>
                    ) : (
                      <code title={id}>{label}</code>
                    )}
                  </span>
                );
              })}
            </div>
          )}
        </li>
      ))}
    </ul>
  );
}
