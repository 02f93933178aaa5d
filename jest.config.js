// Jest runs the TypeScript sources as ESM through @swc/jest; tsc type-checks separately (npm run typecheck).
const swc = {
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true },
    target: 'es2023',
  },
  module: { type: 'es6' },
  sourceMaps: 'inline',
};

const common = {
  rootDir: '.',
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: { '^.+\\.ts$': ['@swc/jest', swc] },
};

export default {
  testTimeout: 30000,
  projects: [
    // Pure functions and services built with `new` and fakes: no database, no Nest container.
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/src/**/*.spec.ts'] },
    // The published resolver files loaded by real BIND, Unbound and dnsmasq daemons the tests start: no database.
    { ...common, displayName: 'resolvers', testMatch: ['<rootDir>/test/resolvers/**/*.resolver-spec.ts'] },
    // The real Fastify stack on a real PostgreSQL, and pages in a real Chromium (test/browser, which needs that
    // database too); the global setup (one server, a migrated template) runs only when one of them is selected.
    {
      ...common,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/e2e/**/*.e2e-spec.ts', '<rootDir>/test/browser/**/*.browser-spec.ts'],
      globalSetup: '<rootDir>/test/setup/global-setup.mjs',
      globalTeardown: '<rootDir>/test/setup/global-teardown.mjs',
    },
  ],
};
