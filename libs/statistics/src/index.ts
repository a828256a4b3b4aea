export * from './rater-agreement';
