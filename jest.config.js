/**
 * Three tiers by suffix: *.unit.spec.ts (pure), *.int.spec.ts (real SQLite files),
 * *.e2e.spec.ts (the built server over real HTTP and WebSocket).
 * ts-jest transpiles only; `npm run typecheck` is the type gate.
 */
const tsJest = [
  'ts-jest',
  { tsconfig: { module: 'commonjs', moduleResolution: 'node10', ignoreDeprecations: '6.0', isolatedModules: true } },
];
// jose is ESM-only: its files are transpiled to CommonJS like ours (Node runs it natively).
const esmJs = ['ts-jest', { tsconfig: { module: 'commonjs', allowJs: true, ignoreDeprecations: '6.0', isolatedModules: true } }];
const tier = (name, extra = {}) => ({
  displayName: name,
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': tsJest, '/node_modules/jose/.+\\.js$': esmJs },
  transformIgnorePatterns: ['/node_modules/(?!jose/)'],
  testMatch: [`<rootDir>/**/*.${name}.spec.ts`],
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  ...extra,
});
module.exports = {
  projects: [
    tier('unit'),
    tier('int'),
    // A hang guard, not a timing assertion: a server start on two loaded cores can take over 5 s.
    tier('e2e', { testTimeout: 30_000 }),
  ],
  // `npm run test:coverage` also counts what the e2e tests ran inside the server process
  // (scripts/coverage-report.js); every source file counts, loaded or not.
  coverageProvider: 'v8',
  collectCoverageFrom: [
    'apps/api/src/**/*.ts',
    'libs/*/src/**/*.ts',
    '!**/*.spec.ts',
    '!**/*.fixtures.ts',
    '!libs/testing/**',
    '!**/contract/**',
  ],
};
