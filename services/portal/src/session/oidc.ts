import { Inject, Injectable } from '@nestjs/common';
import { createHash, randomBytes } from 'node:crypto';
import { createRemoteJWKSet, decodeJwt, jwtVerify } from 'jose';
import { say, DomainError } from '@ccndr/contracts';
import { PortalConfig } from '@ccndr/config';
import { PORTAL_CONFIG } from '../pages/api';

interface ProviderMetadata {
  issuer: string;
  authorization_endpoint: string;
  token_endpoint: string;
  jwks_uri: string;
}

/** A sign-in in progress, kept in a short-lived sealed cookie between the redirect and the callback. */
export interface PendingSignIn {
  state: string;
  verifier: string;
  nonce: string;
  returnTo: string;
  expiresAt: number;
}

export const pendingSignInCookie = 'ccndr_sign_in';

/**
 * Sign-in with the identity provider: OpenID Connect authorization code flow with PKCE. The access
 * token it returns is what the services verify (AUTH_JWKS_URL); the ID token gives the name shown.
 */
@Injectable()
export class OidcClient {
  private metadata?: Promise<ProviderMetadata>;
  private keys?: ReturnType<typeof createRemoteJWKSet>;

  constructor(@Inject(PORTAL_CONFIG) private readonly config: PortalConfig) {}

  get enabled(): boolean {
    return Boolean(this.config.OIDC_ISSUER && this.config.OIDC_CLIENT_ID);
  }

  redirectUri(): string {
    return `${(this.config.PORTAL_URL ?? `http://127.0.0.1:${this.config.PORT}`).replace(/\/$/, '')}/auth/callback`;
  }

  /** Where to send the browser, and what to remember until it comes back. */
  async begin(returnTo: string): Promise<{ url: string; pending: PendingSignIn }> {
    const provider = await this.discover();
    const pending: PendingSignIn = {
      state: randomBytes(16).toString('base64url'),
      verifier: randomBytes(32).toString('base64url'),
      nonce: randomBytes(16).toString('base64url'),
      returnTo,
      expiresAt: Math.floor(Date.now() / 1000) + 600,
    };
    const url = new URL(provider.authorization_endpoint);
    url.search = new URLSearchParams({
      response_type: 'code',
      client_id: this.config.OIDC_CLIENT_ID!,
      redirect_uri: this.redirectUri(),
      scope: this.config.OIDC_SCOPES,
      state: pending.state,
      nonce: pending.nonce,
      code_challenge: createHash('sha256').update(pending.verifier).digest('base64url'),
      code_challenge_method: 'S256',
    }).toString();
    return { url: url.toString(), pending };
  }

  /** Exchanges the code, verifies the ID token (signature, issuer, audience, nonce) and returns the access token. */
  async finish(query: Record<string, unknown>, pending: PendingSignIn | undefined): Promise<{ accessToken: string; name: string }> {
    if (typeof query.error === 'string') throw new DomainError('sign-in.refused', { detail: say(`the identity provider refused the sign-in: ${query.error}`, `le fournisseur d’identité a refusé la connexion\u00a0: ${query.error}`) });
    if (!pending || typeof query.state !== 'string' || query.state !== pending.state || typeof query.code !== 'string') {
      throw new DomainError('sign-in.stale');
    }
    const provider = await this.discover();
    const response = await fetch(provider.token_endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        code: query.code,
        redirect_uri: this.redirectUri(),
        client_id: this.config.OIDC_CLIENT_ID!,
        code_verifier: pending.verifier,
        ...(this.config.OIDC_CLIENT_SECRET ? { client_secret: this.config.OIDC_CLIENT_SECRET } : {}),
      }).toString(),
    });
    const tokens = (await response.json().catch(() => ({}))) as { access_token?: string; id_token?: string };
    if (!response.ok || !tokens.access_token || !tokens.id_token) throw new DomainError('sign-in.incomplete');
    // The session lasts as long as the access token: one without an expiry, which the services refuse, would send the person round in circles.
    const { exp } = (() => {
      try {
        return decodeJwt(tokens.access_token!);
      } catch {
        return { exp: undefined };
      }
    })();
    if (typeof exp !== 'number' || exp * 1000 <= Date.now()) {
      throw new DomainError('sign-in.token-without-expiry', { detail: say('the identity provider gave an access token without a valid expiry (exp): ask its administrators', 'le fournisseur d’identité a remis un jeton d’accès sans expiration valide (exp)\u00a0: adressez-vous à ses administrateurs') });
    }
    this.keys ??= createRemoteJWKSet(new URL(provider.jwks_uri));
    const { payload } = await jwtVerify(tokens.id_token, this.keys, { issuer: provider.issuer, audience: this.config.OIDC_CLIENT_ID }).catch(() => {
      throw new DomainError('sign-in.unverified');
    });
    if (payload.nonce !== pending.nonce) throw new DomainError('sign-in.stale');
    const name = [payload.name, payload.preferred_username, payload.sub].find((v): v is string => typeof v === 'string' && v.length > 0) ?? '';
    return { accessToken: tokens.access_token, name };
  }

  private discover(): Promise<ProviderMetadata> {
    this.metadata ??= fetch(`${this.config.OIDC_ISSUER!.replace(/\/$/, '')}/.well-known/openid-configuration`)
      .then((r) => {
        if (!r.ok) throw new Error(`OIDC discovery answered ${r.status}`);
        return r.json() as Promise<ProviderMetadata>;
      })
      .catch((error) => {
        this.metadata = undefined; // try again next time
        throw error;
      });
    return this.metadata;
  }
}
