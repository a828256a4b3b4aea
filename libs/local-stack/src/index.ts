export * from './database-roles';
export * from './embedded-postgres';
export * from './embedded-secrets';
export * from './nats-server';
export * from './ports';
export * from './postgres-process';
export * from './service-process';
export * from './supervisor';
