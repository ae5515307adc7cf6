import type { HistoryEvent } from '../api/audit';
import { formatInstant } from '../dates';

export const eventAnchor = (eventId: string) => `event-${eventId}`;

/** The audit trail, oldest first, each entry addressable (#event-<id>) from the reasons above. */
export function History(props: { events: HistoryEvent[] }) {
  if (props.events.length === 0) return <p class="muted">No events.</p>;
  return (
    <ol class="history" data-testid="history">
      {props.events.map((e) => (
        <li key={e.eventId} id={eventAnchor(e.eventId)} tabIndex={-1} class="history-entry">
          <div class="history-head">
            <span class="history-rev">#{e.revision}</span> <strong>{e.type}</strong>
          </div>
          <div class="small">
            effective {formatInstant(e.effectiveAt)} · recorded {formatInstant(e.recordedAt)} · by {e.actor.id} ({e.actor.role})
          </div>
          <details>
            <summary>Data of event {e.eventId.slice(0, 8)}</summary>
            <pre>{JSON.stringify(e.data, null, 2)}</pre>
          </details>
        </li>
      ))}
    </ol>
  );
}
