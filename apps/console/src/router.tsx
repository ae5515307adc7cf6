import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';

/** Pages under /console: the portfolio, an organization, its replay. The server answers index.html for all. */
export type Route =
  | { page: 'portfolio' }
  | { page: 'organization'; id: string }
  | { page: 'replay'; id: string }
  | { page: 'not-found' };

export const BASE = '/console';

export function parseRoute(pathname: string): Route {
  const rest = pathname.startsWith(BASE) ? pathname.slice(BASE.length) : pathname;
  const parts = rest.split('/').filter(Boolean).map(decodeURIComponent);
  if (parts.length === 0) return { page: 'portfolio' };
  if (parts[0] === 'org' && parts[1] && parts.length === 2) return { page: 'organization', id: parts[1] };
  if (parts[0] === 'org' && parts[1] && parts[2] === 'replay' && parts.length === 3) return { page: 'replay', id: parts[1] };
  return { page: 'not-found' };
}

export const orgPath = (id: string) => `${BASE}/org/${encodeURIComponent(id)}`;
export const replayPath = (id: string) => `${orgPath(id)}/replay`;

const CHANGE = 'console:navigate';

export function navigate(path: string): void {
  history.pushState(null, '', path);
  window.dispatchEvent(new Event(CHANGE));
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(location.pathname));
  useEffect(() => {
    const update = () => setRoute(parseRoute(location.pathname));
    window.addEventListener('popstate', update);
    window.addEventListener(CHANGE, update);
    return () => {
      window.removeEventListener('popstate', update);
      window.removeEventListener(CHANGE, update);
    };
  }, []);
  return route;
}

/** An in-app link: a real <a href> (open in a new tab works), routed without a reload. */
export function Link(props: { href: string; children: ComponentChildren; class?: string; 'aria-label'?: string; 'aria-current'?: 'page' }) {
  const { href, children, ...rest } = props;
  return (
    <a
      href={href}
      {...rest}
      onClick={(e) => {
        if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
        e.preventDefault();
        navigate(href);
      }}
    >
      {children}
    </a>
  );
}
