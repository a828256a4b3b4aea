export * from './consortium-scope';
export * from './data-source';
export * from './pg-listener';
export * from './statement';
