// One Jest run for the whole workspace: unit specs (*.spec.ts) beside the code, integration
// specs (*.int-spec.ts) under each project's test/ folder against real PostgreSQL and NATS.
// Libraries resolve as npm workspace packages (@ccndr/*), the same way for Jest, Node and tsc.
module.exports = {
  rootDir: __dirname,
  testEnvironment: 'node',
  testMatch: ['<rootDir>/{libs,services,tools,examples,e2e}/**/*.{spec,int-spec,e2e-spec}.ts'],
  transform: {
    '^.+\\.ts$': ['@swc/jest', {
      jsc: {
        parser: { syntax: 'typescript', decorators: true },
        transform: { legacyDecorator: true, decoratorMetadata: true },
        target: 'es2022',
      },
      module: { type: 'commonjs' },
    }],
  },
  globalSetup: '<rootDir>/libs/testing/src/jest/global-setup.ts',
  globalTeardown: '<rootDir>/libs/testing/src/jest/global-teardown.ts',
  testTimeout: 120000,
  maxWorkers: 2,
};
