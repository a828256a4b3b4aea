export * from './event-bus-client';
export * from './eventually';
export * from './servers';
export * from './test-system';
export * from './response-body';
