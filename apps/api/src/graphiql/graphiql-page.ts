import { GRAPHIQL_PATH, graphiqlInstalled } from './graphiql-assets';

/**
 * The IDE page answered on GET /graphql by a browser (Accept: text/html), outside production.
 * Every script and style comes from this server (GRAPHIQL_PATH); the start-up code too, so the
 * page has no inline script.
 */
export function graphiqlPage(): string {
  if (!graphiqlInstalled()) {
    return '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>GraphiQL</title></head><body>' +
      '<p>GraphiQL is not installed: run <code>npm install</code> (it is a development dependency).</p></body></html>';
  }
  return `<!DOCTYPE html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>GraphiQL — Oversight Ledger</title>
    <style>body { margin: 0; height: 100vh; overflow: hidden; } #graphiql { height: 100vh; }</style>
    <link rel="stylesheet" href="${GRAPHIQL_PATH}/graphiql.min.css" />
  </head>
  <body>
    <div id="graphiql">Loading…</div>
    <script src="${GRAPHIQL_PATH}/react.production.min.js"></script>
    <script src="${GRAPHIQL_PATH}/react-dom.production.min.js"></script>
    <script src="${GRAPHIQL_PATH}/graphiql.min.js"></script>
    <script src="${GRAPHIQL_PATH}/start.js"></script>
  </body>
</html>
`;
}

/** Starts GraphiQL on this origin's /graphql; sign in by adding an Authorization header in its Headers tab. */
export const GRAPHIQL_START = `(function () {
  var fetcher = GraphiQL.createFetcher({ url: location.origin + '/graphql' });
  ReactDOM.createRoot(document.getElementById('graphiql')).render(
    React.createElement(GraphiQL, { fetcher: fetcher, defaultEditorToolsVisibility: true, shouldPersistHeaders: true, inputValueDeprecation: true })
  );
})();
`;

/** Apollo's landing page hook: the offline GraphiQL page instead of Nest's CDN one. */
export function graphiqlLandingPagePlugin() {
  return {
    async serverWillStart() {
      return { async renderLandingPage() { return { html: graphiqlPage() }; } };
    },
  };
}
