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

export class TokenVerifier {
  private readonly key: JWTVerifyGetKey | Uint8Array;

  constructor(private readonly settings: TokenSettings) {
    if (settings.jwksUrl) this.key = createRemoteJWKSet(new URL(settings.jwksUrl));
    else if (settings.secret) this.key = new TextEncoder().encode(settings.secret);
    else throw new Error('TokenVerifier needs a secret or a JWKS URL');
  }

  async verify(token: string): Promise<Principal> {
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
    return {
      subject: payload.sub,
      platformRoles: roles.filter((r): r is PlatformRole => platformRoles.includes(r)),
      consortia,
      expiresAt: exp,
    };
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
