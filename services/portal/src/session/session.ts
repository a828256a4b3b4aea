import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { decodeJwt } from 'jose';

/** What the portal remembers of a signed-in person, in an encrypted cookie: no server-side store. */
export interface Session {
  /** The access token the services accept; forwarded as `Authorization: Bearer`. */
  token: string;
  subject: string;
  name: string;
  consortia: Record<string, string[]>;
  platformAdmin: boolean;
  /** Platform admin or programme lead: the header offers the programme view across consortia. */
  programmeView?: boolean;
  /** Seconds since the epoch; the token's own expiry. */
  expiresAt: number;
  /** Forms carry it back: a page from another site cannot post on the person's behalf. */
  csrf: string;
}

export const sessionCookie = 'ccndr_session';
/** The development sign-in's coordinator is a role, not a person: pages name it in their own language. */
export const demoCoordinator = 'demo-coordinator';
/** The development sign-in's programme lead (CCNDR staff, every consortium read only): a role too. */
export const demoProgrammeLead = 'demo-programme-lead';
/** Longest name or subject a session holds: the sealed cookie must stay under the 4 KB browsers keep. */
export const maxNameLength = 200;

/** AES-256-GCM under a key derived from SESSION_SECRET: the cookie can be neither read nor forged. */
export class SessionCodec {
  private readonly key: Buffer;

  constructor(secret: string) {
    this.key = createHash('sha256').update(`ccndr-portal-session:${secret}`).digest();
  }

  /** A session for a token the identity provider (or the development sign-in) issued. */
  fromToken(token: string, name: string): Session {
    const claims = decodeJwt(token) as { sub?: string; exp?: number; ccndr_roles?: string[]; ccndr_consortia?: Record<string, string[]> };
    return {
      token,
      subject: claims.sub ?? '',
      // Shown, never used to decide: an identity provider's longer name is cut rather than refused.
      name: name.length > maxNameLength ? `${name.slice(0, maxNameLength - 1)}…` : name,
      consortia: claims.ccndr_consortia ?? {},
      platformAdmin: (claims.ccndr_roles ?? []).includes('platform-admin'),
      programmeView: (claims.ccndr_roles ?? []).some((role) => role === 'platform-admin' || role === 'programme-lead'),
      // The services refuse a token without exp, so a session never outlives its token nor invents a lifetime.
      expiresAt: claims.exp ?? 0,
      csrf: randomBytes(16).toString('hex'),
    };
  }

  /** A session, or any short-lived value (a sign-in in progress), sealed for a cookie. */
  seal(value: { expiresAt: number }): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const sealed = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), sealed]).toString('base64url');
  }

  /** The session in the cookie, or undefined when absent, tampered with or expired. */
  open(cookie: string | undefined): Session | undefined {
    return this.openValue<Session>(cookie);
  }

  openValue<T extends { expiresAt: number }>(cookie: string | undefined): T | undefined {
    if (!cookie) return undefined;
    try {
      const raw = Buffer.from(cookie, 'base64url');
      const decipher = createDecipheriv('aes-256-gcm', this.key, raw.subarray(0, 12));
      decipher.setAuthTag(raw.subarray(12, 28));
      const value: T = JSON.parse(Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8'));
      return value.expiresAt * 1000 > Date.now() ? value : undefined;
    } catch {
      return undefined;
    }
  }
}
