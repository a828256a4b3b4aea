export * from './access.guard';
export * from './principal';
export * from './token-verifier';
