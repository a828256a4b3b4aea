export * from './bootstrap';
export * from './health.controller';
export * from './nats-link';
export * from './platform.module';
export * from './problem.filter';
export * from './service-health';
export * from './service-spec';
export * from './validation';
