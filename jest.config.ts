import type { Config } from 'jest';

// Paths from tsconfig.json, for the Node projects.
const moduleNameMapper = {
  '^@sss/contracts$': '<rootDir>/libs/contracts/src/index.ts',
  '^@sss/contracts/constants$': '<rootDir>/libs/contracts/src/constants.ts',
  '^@sss/config$': '<rootDir>/libs/config/src/index.ts',
  '^@sss/log$': '<rootDir>/libs/log/src/index.ts',
};

const tsJest = { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.jest.json' }] as [string, object] };

const config: Config = {
  // Generous for the cross-process tests on a 2-core machine; unit tests finish far sooner.
  testTimeout: 30_000,
  // One worker per core, not jest's default of one fewer: the cross-process tests mostly wait on
  // sockets, child processes and the browser, so a 2-core machine has room for two at once.
  maxWorkers: '100%',
  projects: [
    {
      displayName: 'unit',
      rootDir: '.',
      testEnvironment: 'node',
      roots: ['<rootDir>/libs', '<rootDir>/apps/dashboard', '<rootDir>/apps/agent'],
      testMatch: ['**/*.spec.ts'],
      moduleNameMapper,
      transform: tsJest,
    },
    {
      displayName: 'web',
      rootDir: '.',
      preset: 'jest-preset-angular',
      roots: ['<rootDir>/apps/web'],
      testMatch: ['**/*.spec.ts'],
      setupFilesAfterEnv: ['<rootDir>/apps/web/setup-jest.ts'],
      moduleNameMapper: { '^@sss/contracts/constants$': '<rootDir>/libs/contracts/src/constants.ts' },
      transform: {
        '^.+\\.(ts|js|mjs|html|svg)$': [
          'jest-preset-angular',
          { tsconfig: '<rootDir>/apps/web/tsconfig.spec.json', stringifyContentPathRegex: '\\.(html|svg)$' },
        ],
      },
    },
    {
      // Cross-process tests: the built dashboard/agent on free ports, real sockets, a real browser, a real PostgreSQL.
      displayName: 'e2e',
      rootDir: '.',
      testEnvironment: 'node',
      roots: ['<rootDir>/test', '<rootDir>/apps'],
      testMatch: ['**/*.e2e-spec.ts'],
      moduleNameMapper,
      transform: tsJest,
      setupFiles: ['<rootDir>/test/support/witness-fetch.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
    },
  ],
};

export default config;
