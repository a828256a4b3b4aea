import { signInKey } from '@ccndr/auth';
import { categoryOfKind, unsubscribeKey, unsubscribeToken, unsubscribeUrl, verifyUnsubscribeToken } from './unsubscribe-token';

const key = unsubscribeKey('a-development-secret');
const grant = { consortiumId: 'a1c2e3f4-1111-4222-8333-944445555666', memberId: '0b8f7f3e-3a53-4c4b-9a59-2f0f3e7f2c11', category: 'gatherings' as const };

describe('unsubscribe token', () => {
  it('carries its consortium, member and category, verified by its signature', () => {
    expect(verifyUnsubscribeToken(key, unsubscribeToken(key, grant))).toEqual(grant);
  });

  it('is refused when any part is changed, signed with another key or malformed', () => {
    const token = unsubscribeToken(key, grant);
    expect(verifyUnsubscribeToken(key, token.replace('gatherings', 'engagements'))).toBeNull();
    expect(verifyUnsubscribeToken(key, token.replace(grant.memberId, 'ffffffff-3a53-4c4b-9a59-2f0f3e7f2c11'))).toBeNull();
    expect(verifyUnsubscribeToken(unsubscribeKey('another-secret-key'), token)).toBeNull();
    expect(verifyUnsubscribeToken(key, `${token}.extra`)).toBeNull();
    expect(verifyUnsubscribeToken(key, token.slice(0, -4))).toBeNull();
    expect(verifyUnsubscribeToken(key, 'not-a-token')).toBeNull();
  });

  it('is not the identity link key’s own signature: the key is derived under a label', () => {
    expect(unsubscribeKey('a-development-secret').equals(Buffer.from('a-development-secret'))).toBe(false);
  });

  it('has a key no published sign-in key can equal: HKDF-SHA-256 under its own info, not an HMAC of a label', () => {
    const derived = unsubscribeKey('a-development-secret');
    expect(derived.toString('hex')).not.toBe(signInKey('ccndr unsubscribe link v1', 'a-development-secret'));
    expect(derived.toString('hex')).not.toBe(signInKey('ccndr/community/unsubscribe-link/v2', 'a-development-secret'));
    expect(derived).toHaveLength(32);
  });

  it('leads to the portal’s unsubscribe page', () => {
    expect(unsubscribeUrl('https://portail.example.org', 'a.b.c.d')).toBe('https://portail.example.org/unsubscribe?token=a.b.c.d');
  });

  it('files each kind of message under the category its recipient turns off: a survey invitation under gatherings', () => {
    expect(['gathering-reminder', 'survey-invitation', 'assessment-invitation', 'journey-milestone-due', 'engagement-requested', 'digest'].map(categoryOfKind)).toEqual([
      'gatherings',
      'gatherings',
      'journey',
      'journey',
      'engagements',
      'digest',
    ]);
  });
});
