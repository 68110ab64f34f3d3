// Jest runs TypeScript as native ES modules (NestJS 12 ships ESM only).
// ts-jest runs with the full program (not isolated transpilation) because the
// swagger CLI plugin needs the type checker: tests see the same OpenAPI
// metadata that `nest build` produces.
const tsJest = [
  'ts-jest',
  {
    useESM: true,
    tsconfig: 'tsconfig.jest.json',
    astTransformers: { before: ['<rootDir>/test/support/swagger-plugin-transformer.cjs'] },
    diagnostics: { ignoreCodes: ['TS151001'] },
  },
];

const base = {
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: { '^.+\\.ts$': tsJest },
  testEnvironment: 'node',
};

export default {
  projects: [
    { ...base, displayName: 'unit', testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/test/unit/**/*.spec.ts'] },
    {
      ...base,
      displayName: 'integration',
      testMatch: ['<rootDir>/test/**/*.e2e-spec.ts', '<rootDir>/test/**/*.int-spec.ts'],
      globalSetup: '<rootDir>/test/global-setup.mjs',
    },
  ],
  testTimeout: 30000,
  // The suites run one at a time (package.json: --maxWorkers=1), in a worker process that is
  // replaced once it holds more than this after a test file. In one long-lived process
  // (--runInBand) every file's ESM module graph stays reachable: the heap passed 1.6 GB
  // after 66 unit files, and late suites stalled for tens of seconds in GC.
  workerIdleMemoryLimit: '768MB',
};
