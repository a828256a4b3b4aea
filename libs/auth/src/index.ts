export * from './access.guard';
export * from './client-limits';
export * from './principal';
export * from './sign-in-key';
export * from './token-verifier';
export * from './security-headers';
