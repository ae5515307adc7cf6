import helmet from 'helmet';

/**
 * helmet on every route (GraphQL, health, console, the development IDE, 404s): a CSP allowing
 * this origin only (no framing, plugins or foreign forms; inline styles, data: images and fonts
 * for the console and GraphiQL, which this server serves itself), HSTS, nosniff, no referrer, no
 * X-Powered-By. Plain HTTP on a developer's machine must keep working: no forced upgrade.
 */
export function securityHeaders() {
  return helmet({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        connectSrc: ["'self'"],
        fontSrc: ["'self'", 'data:'],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
        upgradeInsecureRequests: null,
      },
    },
    referrerPolicy: { policy: 'no-referrer' },
  });
}
