export * from './json-logger';
export * from './telemetry';
export * from './span-attributes';
