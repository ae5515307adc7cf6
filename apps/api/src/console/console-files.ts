import { existsSync, statSync } from 'node:fs';
import { dirname, extname, join, resolve, sep } from 'node:path';

/** Where the built console lives: CONSOLE_DIR, else dist/console of the repository. */
export function consoleDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.CONSOLE_DIR) return resolve(env.CONSOLE_DIR);
  // Walk up from this file (apps/api/src/console or dist/apps/api/src/console) to the package root.
  let dir = __dirname;
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) return resolve('dist/console');
    dir = up;
  }
  return join(dir, 'dist', 'console');
}

export type ConsoleFile =
  | { kind: 'file'; path: string; immutable: boolean }
  | { kind: 'index'; path: string }
  | { kind: 'missing-bundle' }
  | { kind: 'not-found' };

/**
 * What a request under /console answers: an existing file of the bundle, index.html for any
 * other page path (the single-page app routes it), 404 for a missing asset, or the "not built"
 * message. Paths never leave the bundle's folder.
 */
export function resolveConsoleFile(root: string, requestPath: string): ConsoleFile {
  const index = join(root, 'index.html');
  if (!existsSync(index)) return { kind: 'missing-bundle' };
  let decoded: string;
  try {
    decoded = decodeURIComponent(requestPath);
  } catch {
    return { kind: 'not-found' };
  }
  if (decoded.includes('\0')) return { kind: 'not-found' };
  const target = resolve(root, '.' + sep + decoded.replace(/^\/+/, ''));
  if (target !== root && !target.startsWith(root + sep)) return { kind: 'not-found' };
  if (target !== root && existsSync(target) && statSync(target).isFile()) {
    return { kind: 'file', path: target, immutable: target.startsWith(join(root, 'assets') + sep) };
  }
  // A file name (with an extension) that is not there is a missing asset, not a page.
  if (extname(decoded) !== '') return { kind: 'not-found' };
  return { kind: 'index', path: index };
}

export const MISSING_BUNDLE_MESSAGE = [
  'The oversight console is not built.',
  '',
  'Build it with:   npm run build:console   (or npm run build, which builds the API and the console)',
  'then reload /console. npm install builds it too; its output goes to dist/console.',
  '',
].join('\n');
