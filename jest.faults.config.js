// The fault suite (`npm run test:faults`): it starts its own PostgreSQL and nats-server, kills and
// restarts them and the services, so it runs alone, one file at a time, apart from `npm test`.
const base = require('./jest.config.js');

module.exports = {
  rootDir: __dirname,
  testEnvironment: 'node',
  testMatch: ['<rootDir>/faults/**/*.fault-spec.ts'],
  transform: base.transform,
  testTimeout: 900000,
  maxWorkers: 1,
};
