export * from './embedded-postgres';
export * from './nats-server';
export * from './ports';
export * from './service-process';
