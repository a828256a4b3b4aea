export * from './catalogue';
export * from './catalogue-doc';
export * from './small-cells';
