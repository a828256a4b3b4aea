import { createRemoteJWKSet, decodeJwt, JWTPayload, JWTVerifyGetKey, jwtVerify, SignJWT } from 'jose';
import { ConsortiumRole, consortiumRoles, PlatformRole, platformRoles, Principal } from './principal';

export interface TokenSettings {
  /** Shared secret (HS256): the embedded default. */
  secret?: string;
  /** JWKS URL of the OIDC provider: production. */
  jwksUrl?: string;
  issuer?: string;
  audience?: string;
}

export class InvalidToken extends Error {}

/** How far ahead of this server's clock a token's issue or start time may be (clocks drift). */
export const clockSkewSeconds = 60;
/** The longest a development token (HS256, shared secret) may live: a leaked one is not good for days. */
export const developmentTokenMaxLifetimeSeconds = 12 * 3600;

/** How many verified tokens a service remembers: about one per person calling it in the last minutes. */
export const verifiedTokensKept = 10_000;
/**
 * The longest a verified token is answered from memory, however far its exp: a signing key the
 * identity provider withdraws stops being trusted after about this long (jose re-reads the key set
 * as often), so remembering a token must not extend what it signed beyond that.
 */
export const verifiedTokenMemorySeconds = 600;

/**
 * Tokens verified lately, by their exact text (a client sends the same token on every call): each is
 * answered from memory until its exp (and at most `verifiedTokenMemorySeconds`), never after. Only
 * tokens that passed every check are kept; the oldest is forgotten first once `capacity` are kept.
 */
export class VerifiedTokens {
  private readonly kept = new Map<string, { principal: Principal; until: number }>();

  constructor(private readonly capacity = verifiedTokensKept) {}

  get size(): number {
    return this.kept.size;
  }

  /** The principal of a token verified before and still valid at `now` (seconds since the epoch). */
  get(token: string, now: number): Principal | undefined {
    const entry = this.kept.get(token);
    if (!entry) return undefined;
    if (now < entry.until) return entry.principal;
    this.kept.delete(token);
    return undefined;
  }

  remember(token: string, principal: Principal, now: number): void {
    if (this.kept.size >= this.capacity) this.kept.delete(this.kept.keys().next().value!);
    this.kept.set(token, { principal, until: Math.min(principal.expiresAt, now + verifiedTokenMemorySeconds) });
  }
}

export class TokenVerifier {
  private readonly key: JWTVerifyGetKey | Uint8Array;
  private readonly verified = new VerifiedTokens();

  constructor(private readonly settings: TokenSettings) {
    if (settings.jwksUrl) this.key = createRemoteJWKSet(new URL(settings.jwksUrl));
    else if (settings.secret) this.key = new TextEncoder().encode(settings.secret);
    else throw new Error('TokenVerifier needs a secret or a JWKS URL');
  }

  async verify(token: string): Promise<Principal> {
    const known = this.verified.get(token, Math.floor(Date.now() / 1000));
    if (known) return known;
    const principal = await this.check(token);
    this.verified.remember(token, principal, Math.floor(Date.now() / 1000));
    return principal;
  }

  /** Every check of the token: signature, algorithm, issuer, audience, lifetime, subject; its claims read. */
  private async check(token: string): Promise<Principal> {
    const development = !this.settings.jwksUrl;
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, this.key as any, {
        issuer: this.settings.issuer,
        audience: this.settings.audience,
        algorithms: development ? ['HS256'] : ['RS256', 'ES256', 'PS256'],
        // A token that never expires is good forever once leaked; a development token's lifetime is measured from iat.
        requiredClaims: development ? ['exp', 'iat'] : ['exp'],
        clockTolerance: clockSkewSeconds,
      }));
    } catch (error) {
      throw new InvalidToken(error instanceof Error ? error.message : String(error));
    }
    const now = Math.floor(Date.now() / 1000);
    const exp = payload.exp!;
    // The skew forgives early iat/nbf only: a token ends at its exp, as does what it opened (a live stream).
    if (exp <= now) throw new InvalidToken('"exp" claim timestamp check failed');
    // Issued in the future: a clock far off or a token minted to outlive its stated lifetime.
    if (typeof payload.iat === 'number' && payload.iat > now + clockSkewSeconds) throw new InvalidToken('token issued in the future (iat)');
    if (development && exp - payload.iat! > developmentTokenMaxLifetimeSeconds) {
      throw new InvalidToken(`development token lives longer than ${developmentTokenMaxLifetimeSeconds / 3600} h (exp - iat)`);
    }
    if (!payload.sub) throw new InvalidToken('token has no subject');
    const roles = Array.isArray(payload.ccndr_roles) ? payload.ccndr_roles : [];
    const consortia: Record<string, ConsortiumRole[]> = {};
    const claimed = payload.ccndr_consortia;
    if (claimed && typeof claimed === 'object') {
      for (const [id, value] of Object.entries(claimed as Record<string, unknown>)) {
        consortia[id] = (Array.isArray(value) ? value : []).filter((r): r is ConsortiumRole => consortiumRoles.includes(r));
      }
    }
    // Frozen: one principal answers every request that sends this token.
    for (const held of Object.values(consortia)) Object.freeze(held);
    return Object.freeze({
      subject: payload.sub,
      platformRoles: Object.freeze(roles.filter((r): r is PlatformRole => platformRoles.includes(r))) as PlatformRole[],
      consortia: Object.freeze(consortia),
      expiresAt: exp,
    });
  }
}

/** Signs an HS256 token for the embedded default's development sign-in and for tests; at most 12 h of life, as the services accept. */
export async function signDevelopmentToken(
  secret: string,
  principal: Partial<Principal> & { subject: string },
  options: { issuer?: string; audience?: string; expiresIn?: string } = {},
): Promise<string> {
  let jwt = new SignJWT({ ccndr_roles: principal.platformRoles ?? [], ccndr_consortia: principal.consortia ?? {} })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(principal.subject)
    .setIssuedAt()
    .setExpirationTime(options.expiresIn ?? '8h');
  if (options.issuer) jwt = jwt.setIssuer(options.issuer);
  if (options.audience) jwt = jwt.setAudience(options.audience);
  const token = await jwt.sign(new TextEncoder().encode(secret));
  const { iat, exp } = decodeJwt(token);
  if (exp! - iat! > developmentTokenMaxLifetimeSeconds) throw new Error(`a development token lives at most ${developmentTokenMaxLifetimeSeconds / 3600} h: ask for less than ${options.expiresIn}`);
  return token;
}
