export * from './data-source';
export * from './pg-listener';
