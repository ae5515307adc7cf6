/**
 * The unit tier of the domain only, for `npm run test:mutation` (Stryker): the rules and the
 * decider are pure, so their own specs are what must pin them down.
 */
module.exports = {
  displayName: 'unit',
  testEnvironment: 'node',
  transform: {
    '^.+\\.ts$': [
      'ts-jest',
      { tsconfig: { module: 'commonjs', moduleResolution: 'node10', ignoreDeprecations: '6.0', isolatedModules: true } },
    ],
  },
  testMatch: ['<rootDir>/libs/oversight/src/domain/**/*.unit.spec.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
};
