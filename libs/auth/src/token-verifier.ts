import { createRemoteJWKSet, JWTPayload, JWTVerifyGetKey, jwtVerify, SignJWT } from 'jose';
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

export class TokenVerifier {
  private readonly key: JWTVerifyGetKey | Uint8Array;

  constructor(private readonly settings: TokenSettings) {
    if (settings.jwksUrl) this.key = createRemoteJWKSet(new URL(settings.jwksUrl));
    else if (settings.secret) this.key = new TextEncoder().encode(settings.secret);
    else throw new Error('TokenVerifier needs a secret or a JWKS URL');
  }

  async verify(token: string): Promise<Principal> {
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, this.key as any, {
        issuer: this.settings.issuer,
        audience: this.settings.audience,
        algorithms: this.settings.jwksUrl ? ['RS256', 'ES256', 'PS256'] : ['HS256'],
      }));
    } catch (error) {
      throw new InvalidToken(error instanceof Error ? error.message : String(error));
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
    };
  }
}

/** Signs an HS256 token for the embedded default's development sign-in and for tests. */
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
  return jwt.sign(new TextEncoder().encode(secret));
}
