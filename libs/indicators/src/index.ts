export * from './catalogue';
export * from './catalogue-doc';
