export * from './consortium-scope';
export * from './data-source';
export * from './notify-channel';
export * from './pg-listener';
export * from './statement';
export * from './tenant-table';
export * from './migration';
