import type { IncomingMessage, ServerResponse } from 'node:http';
import helmet from 'helmet';

type Request = IncomingMessage & { path?: string };
type Next = (error?: unknown) => void;

/** Nothing but this origin; no framing, plugins or foreign forms. JSON answers need no more. */
const STRICT = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", 'data:', 'blob:'],
  connectSrc: ["'self'"],
  fontSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
  frameAncestors: ["'none'"],
  formAction: ["'self'"],
  // Plain HTTP on a developer's machine must keep working: no forced upgrade.
  upgradeInsecureRequests: null,
};

/**
 * helmet on every route (GraphQL, health, console, 404s): CSP, HSTS, nosniff, no framing, no
 * referrer, no X-Powered-By. The development IDE at GET /graphql (GraphiQL, never in production)
 * loads React and GraphiQL from unpkg.com and starts with an inline script: its page alone gets a
 * CSP that allows those, and WebSocket connections to this origin for subscriptions.
 */
export function securityHeaders(production: boolean) {
  const strict = helmet({ contentSecurityPolicy: { directives: STRICT }, referrerPolicy: { policy: 'no-referrer' } });
  if (production) return strict;
  const ide = helmet({
    contentSecurityPolicy: {
      directives: {
        ...STRICT,
        scriptSrc: ["'self'", "'unsafe-inline'", 'https://unpkg.com'],
        styleSrc: ["'self'", "'unsafe-inline'", 'https://unpkg.com'],
        connectSrc: ["'self'", 'ws:', 'wss:'],
      },
    },
    referrerPolicy: { policy: 'no-referrer' },
    // GraphiQL's scripts come from another origin with crossorigin: don't demand CORP of them.
    crossOriginEmbedderPolicy: false,
  });
  return (req: Request, res: ServerResponse, next: Next) =>
    req.method === 'GET' && req.path === '/graphql' && (req.headers.accept ?? '').includes('text/html') ? ide(req, res, next) : strict(req, res, next);
}
