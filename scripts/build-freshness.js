'use strict';
/**
 * Is `dist` current? The build writes dist/.build-stamp last; the build is stale when any source
 * (or the build's own configuration) changed after it. Plain JavaScript so that it runs before
 * anything is compiled: the CLIs' npm scripts and the e2e helper share it.
 *
 *   node scripts/build-freshness.js --stamp    # after a successful build
 *   node scripts/build-freshness.js --ensure   # build (to stderr) only when stale
 */
const { existsSync, readdirSync, statSync, writeFileSync, mkdirSync } = require('node:fs');
const { join, resolve } = require('node:path');
const { spawnSync } = require('node:child_process');

const ROOT = resolve(__dirname, '..');
const STAMP = join(ROOT, 'dist', '.build-stamp');
const SOURCE_DIRS = ['apps', 'libs', 'bench'];
const CONFIG_FILES = ['package.json', 'package-lock.json', 'tsconfig.json', 'tsconfig.build.json'];
const SKIP_DIRS = new Set(['node_modules', 'dist', '.data', 'results', 'emmett']);
const SOURCE_FILE = /\.(ts|tsx|css|html|svg|json)$/;

/** The newest source file and its mtime (ms). */
function newestSource(root = ROOT) {
  let newest = { file: null, mtimeMs: 0 };
  const consider = (file) => {
    const m = statSync(file).mtimeMs;
    if (m > newest.mtimeMs) newest = { file, mtimeMs: m };
  };
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) {
        if (!SKIP_DIRS.has(entry.name)) walk(join(dir, entry.name));
      } else if (SOURCE_FILE.test(entry.name) && !entry.name.endsWith('.spec.ts')) {
        consider(join(dir, entry.name));
      }
    }
  };
  for (const dir of SOURCE_DIRS) if (existsSync(join(root, dir))) walk(join(root, dir));
  for (const file of CONFIG_FILES) if (existsSync(join(root, file))) consider(join(root, file));
  return newest;
}

/** Why the build is stale, or null when dist is current. */
function staleReason(root = ROOT) {
  const stamp = join(root, 'dist', '.build-stamp');
  if (!existsSync(stamp)) return `${stamp} is missing (no complete build yet)`;
  const built = statSync(stamp).mtimeMs;
  const newest = newestSource(root);
  if (newest.mtimeMs > built) return `${newest.file} changed after the last build`;
  return null;
}

function writeStamp() {
  mkdirSync(join(ROOT, 'dist'), { recursive: true });
  writeFileSync(STAMP, `${new Date().toISOString()}\n`);
}

/** Builds when stale; its output goes to stderr so that a CLI's stdout stays its own. */
function ensureBuilt() {
  const reason = staleReason();
  if (!reason) return 0;
  process.stderr.write(`Building first: ${reason}\n`);
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const r = spawnSync(npm, ['run', '--silent', 'build'], { cwd: ROOT, stdio: ['ignore', 2, 2] });
  return r.status ?? 1;
}

module.exports = { staleReason, newestSource, writeStamp, ensureBuilt };

if (require.main === module) {
  const arg = process.argv[2];
  if (arg === '--stamp') writeStamp();
  else if (arg === '--ensure') process.exit(ensureBuilt());
  else {
    const reason = staleReason();
    console.log(reason ? `stale: ${reason}` : 'current');
    process.exit(reason ? 1 : 0);
  }
}
