import { createContext, type ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { onLiveState, subscribe, type LiveState } from './graphql';
import { statusMeta } from './status';

export interface Live {
  /** Bumped after each change announced by the server: queries re-run when it moves. */
  version: number;
  state: LiveState;
}

export const LiveContext = createContext<Live>({ version: 0, state: 'offline' });

const STATUS_CHANGED = `subscription { assuranceStatusChanged { organizationId name previousStatus status } }`;
// VIEWER may not subscribe to events (history detail): that subscription then just ends with FORBIDDEN.
const EVENT_RECORDED = `subscription { oversightEventRecorded { organizationId type } }`;

interface StatusChange {
  assuranceStatusChanged: { organizationId: string; name: string; previousStatus: string | null; status: string };
}

/**
 * Listens to both subscriptions for the signed-in tenant and re-queries on any change, within
 * a few hundred milliseconds: what another user records shows without a reload. Status changes
 * are also announced to screen readers.
 */
export function LiveProvider(props: { children: ComponentChildren }) {
  const [version, setVersion] = useState(0);
  const [state, setState] = useState<LiveState>('connecting');
  const [announcement, setAnnouncement] = useState('');
  const timer = useRef<number | undefined>(undefined);

  useEffect(() => {
    const bump = () => {
      window.clearTimeout(timer.current);
      timer.current = window.setTimeout(() => setVersion((v) => v + 1), 100);
    };
    const offState = onLiveState(setState);
    const offStatus = subscribe<StatusChange>(STATUS_CHANGED, ({ assuranceStatusChanged: c }) => {
      const from = c.previousStatus ? statusMeta(c.previousStatus).label : 'none';
      setAnnouncement(`${c.name}: status changed from ${from} to ${statusMeta(c.status).label}`);
      bump();
    });
    const offEvents = subscribe(EVENT_RECORDED, bump, () => undefined);
    return () => {
      offState();
      offStatus();
      offEvents();
      window.clearTimeout(timer.current);
    };
  }, []);

  return (
    <LiveContext.Provider value={{ version, state }}>
      {props.children}
      <div class="visually-hidden" role="status" aria-live="polite" data-testid="live-announcement">
        {announcement}
      </div>
    </LiveContext.Provider>
  );
}
