import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = fileURLToPath(new URL('.', import.meta.url));

/**
 * The oversight console: Preact, bundled by Vite into dist/console, served by the API at
 * /console. JSX is compiled by Vite's own transformer (automatic runtime, preact); no plugin,
 * no CDN, no external font: everything the page loads comes from this server.
 */
export default defineConfig({
  root: here,
  base: '/console/',
  publicDir: false,
  cacheDir: fileURLToPath(new URL('../../node_modules/.vite', import.meta.url)),
  logLevel: 'warn',
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: fileURLToPath(new URL('../../dist/console', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    reportCompressedSize: false,
  },
  server: {
    // `npx vite --config apps/console/vite.config.ts` for live editing against `npm start`.
    proxy: { '/graphql': { target: 'http://localhost:3000', ws: true }, '/console/dev-token': 'http://localhost:3000' },
  },
});
