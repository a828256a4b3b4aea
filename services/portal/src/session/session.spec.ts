import { SignJWT } from 'jose';
import { maxNameLength, SessionCodec } from './session';

describe('the portal session', () => {
  const codec = new SessionCodec('a session secret for this test only');
  const tokenFor = (sub: string) => new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setSubject(sub).setExpirationTime('1h').sign(Buffer.from('k'.repeat(32)));

  it('cuts an identity provider’s name longer than 200 characters for display, and keeps the cookie under 4 KB', async () => {
    const session = codec.fromToken(await tokenFor('person-1'), 'É'.repeat(5000));
    expect(session.name).toHaveLength(maxNameLength);
    expect(session.name.endsWith('…')).toBe(true);
    expect(codec.seal(session).length).toBeLessThan(4096);
  });

  it('keeps a name of 200 characters or fewer whole', async () => {
    const name = 'Marie-Ève Tremblay-Gagnon';
    expect(codec.fromToken(await tokenFor('person-2'), name).name).toBe(name);
  });
});
