/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/__tests__', '<rootDir>/tools'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.ts$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } }],
  },
  // cdktf's JSON writer is the project's faster one, as in \`npm run synth\` (see the file).
  moduleNameMapper: { '^json-stable-stringify$': '<rootDir>/__tests__/helpers/stable-stringify.ts' },
  snapshotFormat: { escapeString: false, printBasicPrototype: false },
  testTimeout: 60000,
  setupFiles: ['<rootDir>/__tests__/helpers/jest-setup.ts'],
  // Builds the compiled app once, before the workers start (see the file).
  globalSetup: '<rootDir>/__tests__/helpers/global-setup.cjs',
  // jest's runtime, with V8's code cache for the modules every test file loads again (see the file).
  runtime: '<rootDir>/__tests__/helpers/code-cache-runtime.cjs',
  // Jest's default is cores - 1, one worker here; many suites wait on terraform or tsx child processes.
  maxWorkers: 2,
  // A worker whose heap passed 600 MB after a test file is replaced by a fresh one: the heap of a
  // long-lived worker grows to 1 GB (module registries of earlier files, synthesized estates), and
  // its garbage collection then costs more than a new worker's start. Whole suite, one run after
  // the other: 193 s wall and 371 CPU-s without, 159 s and 308 CPU-s with.
  workerIdleMemoryLimit: '600MB',
  // After jest's summary, one "skipped: <file> › <suite>: <reason>" line per skipped suite.
  reporters: ['default', '<rootDir>/__tests__/helpers/skip-reporter.cjs'],
};
