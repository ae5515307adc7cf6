import { useEffect, useState } from 'preact/hooks';
import { fetchServerTime } from '../api/server-time';
import { isUnauthenticated } from '../graphql';
import { normalizeToken, readClaims } from '../session';

const ROLE_HELP: Record<string, string> = {
  ADMIN: 'everything, policy and offboarding included',
  ANALYST: 'records oversight facts, reads everything',
  AUDITOR: 'reads everything, replays, exports; records nothing',
  VIEWER: 'statuses and summaries only',
};

/**
 * Sign in with a bearer token (pasted; kept for this tab only), or — when the server runs on
 * its local development secret — by picking a role: the server then signs a token for it.
 */
export function SignIn(props: { onSignedIn: (token: string) => void; message?: string }) {
  const [token, setToken] = useState('');
  const [error, setError] = useState(props.message ?? '');
  const [busy, setBusy] = useState(false);
  const [dev, setDev] = useState<{ roles: string[]; tenant: string } | null>(null);
  const [role, setRole] = useState('AUDITOR');
  const [tenant, setTenant] = useState('default');

  useEffect(() => {
    fetch('/console/dev-token', { headers: { accept: 'application/json' } })
      .then((r) => (r.ok ? r.json() : null))
      .then((body: { available?: boolean; roles?: string[]; tenant?: string } | null) => {
        if (body?.available && body.roles) {
          setDev({ roles: body.roles, tenant: body.tenant ?? 'default' });
          setTenant(body.tenant ?? 'default');
        }
      })
      .catch(() => undefined);
  }, []);

  const check = async (candidate: string) => {
    setBusy(true);
    setError('');
    try {
      await fetchServerTime(candidate);
      props.onSignedIn(candidate);
    } catch (e) {
      setError(isUnauthenticated(e) ? `The API refused this token: ${(e as Error).message}` : `Sign-in failed: ${(e as Error).message}`);
    } finally {
      setBusy(false);
    }
  };

  const submitToken = (e: Event) => {
    e.preventDefault();
    const t = normalizeToken(token);
    if (!readClaims(t)) {
      setError('That is not a JSON Web Token (three base64url parts separated by dots).');
      return;
    }
    void check(t);
  };

  const submitRole = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError('');
    try {
      const res = await fetch('/console/dev-token', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ role, tenant }),
      });
      const body = (await res.json().catch(() => null)) as { token?: string; message?: string } | null;
      if (!res.ok || !body?.token) throw new Error(body?.message ?? `HTTP ${res.status}`);
      await check(body.token);
    } catch (err) {
      setError(`Could not sign in as ${role}: ${(err as Error).message}`);
      setBusy(false);
    }
  };

  return (
    <main id="main" class="signin" aria-labelledby="signin-title">
      <h1 id="signin-title">Oversight console</h1>
      <p class="muted">Sign in to see the assurance of the organizations you oversee. The console uses the same GraphQL API and the same roles as every other client.</p>
      {error && (
        <p class="notice notice--error" role="alert">
          {error}
        </p>
      )}
      {dev && (
        <form class="panel" onSubmit={submitRole} aria-labelledby="dev-title" data-testid="dev-signin">
          <h2 id="dev-title">Local development: pick a role</h2>
          <p class="muted small">This server runs on its local development secret, so it signs a token for the role you pick. Never offered in production or with a configured key.</p>
          <fieldset>
            <legend>Role</legend>
            {dev.roles.map((r) => (
              <label class="radio" key={r}>
                <input type="radio" name="role" value={r} checked={role === r} onChange={() => setRole(r)} />
                <strong>{r}</strong> <span class="muted small">— {ROLE_HELP[r] ?? ''}</span>
              </label>
            ))}
          </fieldset>
          <label>
            Tenant
            <input value={tenant} onInput={(e) => setTenant(e.currentTarget.value)} pattern="[a-z0-9][a-z0-9_\-]{0,62}" required />
          </label>
          <button type="submit" disabled={busy}>
            Sign in as {role}
          </button>
        </form>
      )}
      <form class="panel" onSubmit={submitToken} aria-labelledby="token-title">
        <h2 id="token-title">Sign in with a bearer token</h2>
        <label for="token-input">Token (from your identity provider, or <code>npm run token -- --role auditor</code>)</label>
        <textarea
          id="token-input"
          rows={4}
          value={token}
          onInput={(e) => setToken(e.currentTarget.value)}
          spellcheck={false}
          autoComplete="off"
          placeholder="eyJhbGciOi…"
          required
        />
        <p class="muted small">Kept in this tab only (sessionStorage) and sent to this server only.</p>
        <button type="submit" disabled={busy}>
          Sign in
        </button>
      </form>
    </main>
  );
}
