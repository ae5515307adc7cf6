import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { staleReason } = require('./build-freshness') as { staleReason: (root: string) => string | null };

/** The CLIs build only when stale, and the e2e helper refuses a stale dist: both read this. */
describe('build freshness', () => {
  let root: string;
  const at = (file: string, seconds: number) => utimesSync(join(root, file), seconds, seconds);

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'freshness-'));
    mkdirSync(join(root, 'apps/api/src'), { recursive: true });
    mkdirSync(join(root, 'libs/x/node_modules'), { recursive: true });
    writeFileSync(join(root, 'apps/api/src/main.ts'), '');
    writeFileSync(join(root, 'libs/x/node_modules/dep.ts'), '');
    writeFileSync(join(root, 'package.json'), '{}');
    at('apps/api/src/main.ts', 1000);
    at('libs/x/node_modules/dep.ts', 1000);
    at('package.json', 1000);
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  function stamp(seconds: number): void {
    mkdirSync(join(root, 'dist'), { recursive: true });
    writeFileSync(join(root, 'dist/.build-stamp'), '');
    at('dist/.build-stamp', seconds);
  }

  it('is stale without a completed build', () => {
    expect(staleReason(root)).toMatch(/\.build-stamp is missing/);
  });

  it('is current when every source is older than the stamp', () => {
    stamp(2000);
    expect(staleReason(root)).toBeNull();
  });

  it('names the source that changed after the build', () => {
    stamp(2000);
    at('apps/api/src/main.ts', 3000);
    expect(staleReason(root)).toBe(`${join(root, 'apps/api/src/main.ts')} changed after the last build`);
  });

  it('counts the build configuration, not installed packages', () => {
    stamp(2000);
    at('libs/x/node_modules/dep.ts', 3000);
    expect(staleReason(root)).toBeNull();
    at('package.json', 3000);
    expect(staleReason(root)).toMatch(/package\.json changed/);
  });
});
