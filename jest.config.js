/** Unit tests live beside the code; e2e tests drive a real Nx workspace and run one at a time. */
const tsJest = ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json' }];

module.exports = {
  projects: [
    {
      displayName: 'unit',
      rootDir: __dirname,
      testMatch: ['<rootDir>/packages/nx/src/**/*.spec.ts'],
      transform: { '^.+\\.ts$': tsJest },
      testEnvironment: 'node',
    },
    {
      displayName: 'e2e',
      rootDir: __dirname,
      testMatch: ['<rootDir>/e2e/src/**/*.test.ts'],
      transform: { '^.+\\.ts$': tsJest },
      testEnvironment: 'node',
      globalSetup: '<rootDir>/e2e/utils/global-setup.ts',
      globalTeardown: '<rootDir>/e2e/utils/global-teardown.ts',
      setupFilesAfterEnv: ['<rootDir>/e2e/utils/timeout.ts'],
      slowTestThreshold: 120,
    },
  ],
};
