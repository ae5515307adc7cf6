import { useContext, useEffect, useRef, useState } from 'preact/hooks';
import { closeLive, setSessionToken } from '../graphql';
import { LiveContext, LiveProvider } from '../live';
import { BASE, Link, useRoute, type Route } from '../router';
import { clearToken, loadToken, mayAudit, readClaims, saveToken } from '../session';
import { Organization } from './Organization';
import { Portfolio } from './Portfolio';
import { Replay } from './Replay';
import { SignIn } from './SignIn';

export function App() {
  const [token, setToken] = useState<string | null>(loadToken);
  const [message, setMessage] = useState<string | undefined>();
  const signOut = (why?: string) => {
    clearToken();
    closeLive();
    setMessage(why);
    setToken(null);
  };
  setSessionToken(token, () => signOut('Your session ended: the API no longer accepts the token. Sign in again.'));

  if (!token) {
    return (
      <SignIn
        message={message}
        onSignedIn={(t) => {
          saveToken(t);
          setMessage(undefined);
          setToken(t);
        }}
      />
    );
  }
  return (
    <LiveProvider key={token}>
      <Shell token={token} onSignOut={() => signOut()} />
    </LiveProvider>
  );
}

function Shell(props: { token: string; onSignOut: () => void }) {
  const route = useRoute();
  const claims = readClaims(props.token);
  const main = useRef<HTMLElement>(null);
  const first = useRef(true);
  // After an in-app navigation, move focus to the new page (as a full page load would).
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    if (!location.hash) {
      window.scrollTo(0, 0);
      main.current?.focus();
    }
  }, [route]);

  return (
    <>
      <a class="skip-link" href="#main">
        Skip to content
      </a>
      <header class="topbar">
        <Link href={BASE} class="brand">
          Oversight console
        </Link>
        <nav aria-label="Main">
          <Link href={BASE} aria-current={route.page === 'portfolio' ? 'page' : undefined}>
            Portfolio
          </Link>
        </nav>
        <LiveIndicator />
        <div class="who">
          <span data-testid="signed-in-as">
            {claims ? `${claims.sub} · ${claims.role} · ${claims.tenant}` : 'signed in'}
          </span>
          <button type="button" class="link-button" onClick={props.onSignOut}>
            Sign out
          </button>
        </div>
      </header>
      <main id="main" ref={main} tabIndex={-1}>
        <Page route={route} mayAudit={mayAudit(claims)} />
      </main>
    </>
  );
}

function Page(props: { route: Route; mayAudit: boolean }) {
  const r = props.route;
  switch (r.page) {
    case 'portfolio':
      return <Portfolio />;
    case 'organization':
      return <Organization key={r.id} id={r.id} />;
    case 'replay':
      return <Replay key={r.id} id={r.id} mayAudit={props.mayAudit} />;
    default:
      return (
        <p class="notice">
          No such page. <Link href={BASE}>Go to the portfolio</Link>
        </p>
      );
  }
}

function LiveIndicator() {
  const { state } = useContext(LiveContext);
  const label = state === 'live' ? 'Live' : state === 'connecting' ? 'Connecting…' : 'Offline';
  return (
    <span class={`live live--${state}`} role="status" data-testid="live-state" data-state={state}>
      <span class="live-dot" aria-hidden="true" />
      {label}
      <span class="visually-hidden"> updates</span>
    </span>
  );
}
