import { InvalidToken, signDevelopmentToken, TokenVerifier, VerifiedTokens, verifiedTokenMemorySeconds } from './token-verifier';
import { Principal } from './principal';

const secret = 'a-test-secret-of-some-length-0123456789';
const principal = (expiresAt: number): Principal => ({ subject: 'ana', platformRoles: [], consortia: {}, expiresAt });

describe('VerifiedTokens', () => {
  it('answers a remembered token until its exp, and never at or after it', () => {
    const tokens = new VerifiedTokens();
    tokens.remember('t', principal(1_000), 900);
    expect(tokens.get('t', 999)?.subject).toBe('ana');
    expect(tokens.get('t', 1_000)).toBeUndefined();
    expect(tokens.size).toBe(0);
  });

  it('answers only the exact token text', () => {
    const tokens = new VerifiedTokens();
    tokens.remember('header.payload.signature', principal(1_000), 900);
    expect(tokens.get('header.payload.signaturf', 900)).toBeUndefined();
    expect(tokens.get('header.payload.signature ', 900)).toBeUndefined();
  });

  it(`remembers a token at most ${verifiedTokenMemorySeconds} s, however far its exp`, () => {
    const tokens = new VerifiedTokens();
    tokens.remember('t', principal(100_000), 1_000);
    expect(tokens.get('t', 1_000 + verifiedTokenMemorySeconds - 1)).toBeDefined();
    expect(tokens.get('t', 1_000 + verifiedTokenMemorySeconds)).toBeUndefined();
  });

  it('keeps at most its capacity, forgetting the oldest first', () => {
    const tokens = new VerifiedTokens(3);
    for (const token of ['a', 'b', 'c', 'd']) tokens.remember(token, principal(1_000), 900);
    expect(tokens.size).toBe(3);
    expect(tokens.get('a', 900)).toBeUndefined();
    expect(tokens.get('d', 900)).toBeDefined();
  });
});

describe('TokenVerifier', () => {
  afterEach(() => jest.useRealTimers());

  it('refuses a token it verified before once the token has expired', async () => {
    const verifier = new TokenVerifier({ secret });
    const token = await signDevelopmentToken(secret, { subject: 'ana', consortia: { c: ['coordinator'] } }, { expiresIn: '2m' });
    expect((await verifier.verify(token)).consortia).toEqual({ c: ['coordinator'] });
    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
    jest.setSystemTime(Date.now() + 121_000);
    await expect(verifier.verify(token)).rejects.toBeInstanceOf(InvalidToken);
  });

  it('verifies a tampered copy of a verified token afresh, and refuses it', async () => {
    const verifier = new TokenVerifier({ secret });
    const token = await signDevelopmentToken(secret, { subject: 'ana' });
    await verifier.verify(token);
    const [header, payload, signature] = token.split('.');
    const tampered = `${header}.${payload}.${signature.slice(0, -2)}${signature.endsWith('AA') ? 'BB' : 'AA'}`;
    await expect(verifier.verify(tampered)).rejects.toBeInstanceOf(InvalidToken);
  });

  it('answers a principal no caller can change', async () => {
    const verifier = new TokenVerifier({ secret });
    const token = await signDevelopmentToken(secret, { subject: 'ana', consortia: { c: ['member'] } });
    const first = await verifier.verify(token);
    expect(() => (first.consortia.c as string[]).push('coordinator')).toThrow(TypeError);
    expect(() => ((first.consortia as Record<string, string[]>).other = ['coordinator'])).toThrow(TypeError);
    expect((await verifier.verify(token)).consortia).toEqual({ c: ['member'] });
  });
});
