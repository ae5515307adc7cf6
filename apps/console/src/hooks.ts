import { useCallback, useContext, useEffect, useRef, useState } from 'preact/hooks';
import { LiveContext } from './live';

export interface QueryState<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  reload: () => void;
}

/**
 * Runs `load` when `deps` change, and again whenever something changes on the server (a live
 * event): the previous answer stays on screen while the new one loads, so nothing flickers.
 * Pass `live: false` for answers that must not move under the reader (a replay step).
 */
export function useQuery<T>(load: () => Promise<T>, deps: unknown[], options: { live?: boolean; enabled?: boolean } = {}): QueryState<T> {
  const { version } = useContext(LiveContext);
  const liveVersion = options.live === false ? 0 : version;
  const enabled = options.enabled ?? true;
  const [state, setState] = useState<{ data?: T; error?: unknown; loading: boolean }>({ loading: enabled });
  const [nonce, setNonce] = useState(0);
  const seq = useRef(0);
  useEffect(() => {
    if (!enabled) return;
    const mine = ++seq.current;
    setState((s) => ({ ...s, loading: true }));
    load().then(
      (data) => mine === seq.current && setState({ data, loading: false }),
      (error) => mine === seq.current && setState({ error, loading: false }),
    );
  }, [...deps, liveVersion, nonce, enabled]);
  const reload = useCallback(() => setNonce((n) => n + 1), []);
  return { data: state.data, error: state.error, loading: state.loading, reload };
}
