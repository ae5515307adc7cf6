import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The IDE's files, served by this server from the installed npm packages (pinned in
 * package.json), so GraphiQL loads offline: no CDN. Only these names are served.
 */
export const GRAPHIQL_ASSETS: Readonly<Record<string, { module: string; file: string; type: string }>> = {
  'react.production.min.js': { module: 'react', file: 'umd/react.production.min.js', type: 'application/javascript; charset=utf-8' },
  'react-dom.production.min.js': { module: 'react-dom', file: 'umd/react-dom.production.min.js', type: 'application/javascript; charset=utf-8' },
  'graphiql.min.js': { module: 'graphiql', file: 'graphiql.min.js', type: 'application/javascript; charset=utf-8' },
  'graphiql.min.css': { module: 'graphiql', file: 'graphiql.min.css', type: 'text/css; charset=utf-8' },
};

/** Where the IDE's files are served from. */
export const GRAPHIQL_PATH = '/graphiql';

/** The file behind an asset name, or null (unknown name, or packages not installed: dev dependencies). */
export function graphiqlAssetFile(name: string): string | null {
  const asset = Object.hasOwn(GRAPHIQL_ASSETS, name) ? GRAPHIQL_ASSETS[name] : undefined;
  if (!asset) return null;
  try {
    // Through package.json: the packages' `exports` do not list these bundles.
    const file = join(dirname(require.resolve(`${asset.module}/package.json`)), asset.file);
    return existsSync(file) ? file : null;
  } catch {
    return null;
  }
}

/** True when every asset resolves; the page says how to install them otherwise. */
export function graphiqlInstalled(): boolean {
  return Object.keys(GRAPHIQL_ASSETS).every((name) => graphiqlAssetFile(name) !== null);
}
