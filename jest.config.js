// Two tiers (style rule 11): pure domain unit tests, and integration/e2e tests
// against real PostgreSQL and Redis (each test file gets its own database); plus checks of the
// project's tooling (test/tooling).
const transform = { '^.+\\.(t|j)s$': ['@swc/jest'] };
// Some dependencies ship ESM only; swc turns them into CommonJS for Jest.
const transformIgnorePatterns = ['/node_modules/(?!(content-disposition)/)'];
const moduleNameMapper = {
  '^@app/(config|domain|database|messaging|core|documents|observability|storage)$':
    '<rootDir>/libs/$1/src',
  '^@app/(config|domain|database|messaging|core|documents|observability|storage)/(.*)$':
    '<rootDir>/libs/$1/src/$2',
};

module.exports = {
  testTimeout: 30000,
  projects: [
    {
      displayName: 'domain',
      rootDir: __dirname,
      testEnvironment: 'node',
      transform,
      transformIgnorePatterns,
      moduleNameMapper,
      // test/reference: the plain K1 reference's own unit tests (no database).
      testMatch: [
        '<rootDir>/libs/**/*.spec.ts',
        '<rootDir>/apps/**/*.spec.ts',
        '<rootDir>/test/reference/**/*.spec.ts',
      ],
    },
    {
      // Checks of the project's own tooling (lint rules, generated contracts); no services.
      displayName: 'tooling',
      rootDir: __dirname,
      testEnvironment: 'node',
      transform,
      transformIgnorePatterns,
      moduleNameMapper,
      testMatch: ['<rootDir>/test/tooling/**/*.spec.ts'],
    },
    {
      displayName: 'integration',
      rootDir: __dirname,
      testEnvironment: 'node',
      transform,
      transformIgnorePatterns,
      moduleNameMapper,
      // test/drills: the infrastructure drills (a replica, PgBouncer, a Redis Cluster), run by
      // their npm scripts only, which start what they need first (scripts/drills).
      testMatch: [
        '<rootDir>/test/**/*.e2e-spec.ts',
        '<rootDir>/test/**/*.int-spec.ts',
        ...(process.env.MOTCUA_DRILL ? ['<rootDir>/test/drills/**/*.drill-spec.ts'] : []),
      ],
      globalSetup: '<rootDir>/test/setup/global-setup.ts',
      globalTeardown: '<rootDir>/test/setup/global-teardown.ts',
    },
  ],
};
