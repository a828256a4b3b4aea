import { createHmac } from 'node:crypto';

/**
 * A keyed, one-way pseudonym of a person's sign-in subject. Community publishes it with the member
 * so that other services can recognise the member behind a token, while outside subscribers, who
 * do not hold the key, cannot link it to an identity.
 */
export function signInKey(subject: string, key: string): string {
  return createHmac('sha256', key).update(subject).digest('hex');
}
