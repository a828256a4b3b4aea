/**
 * Platform-wide roles (not tied to one consortium): `platform-admin` operates everything;
 * `programme-lead` (CCNDR programme staff) only reads the programme view across consortia —
 * each consortium's stored indicators and the opt-in readiness benchmark — and writes nothing.
 */
export const platformRoles = ['platform-admin', 'programme-lead'] as const;
/** Roles a person holds inside one consortium. */
export const consortiumRoles = ['coordinator', 'member', 'provider', 'advisor', 'observer'] as const;
export type PlatformRole = (typeof platformRoles)[number];
export type ConsortiumRole = (typeof consortiumRoles)[number];
export type Role = PlatformRole | ConsortiumRole;
/** The consortium roles that take part (answer, register, propose); observers only read. */
export const participantRoles = ['coordinator', 'member', 'provider', 'advisor'] as const satisfies readonly ConsortiumRole[];

/**
 * Who is calling, from the bearer token. Claims (OIDC-compatible access token):
 * - `sub`: the person's stable id at the identity provider;
 * - `ccndr_roles`: platform roles, e.g. ["platform-admin"];
 * - `ccndr_consortia`: { "<consortium id>": ["coordinator", ...] } — the consortia the person belongs to.
 */
export interface Principal {
  subject: string;
  platformRoles: PlatformRole[];
  consortia: Record<string, ConsortiumRole[]>;
  /** Seconds since the epoch: when the token expires (what it opened, a live stream, ends then too). */
  expiresAt: number;
}

export function isPlatformAdmin(principal: Principal): boolean {
  return principal.platformRoles.includes('platform-admin');
}

/** CCNDR programme staff: read the programme view across consortia, nothing else of them. */
export function isProgrammeLead(principal: Principal): boolean {
  return principal.platformRoles.includes('programme-lead');
}

/** Coordinators of the consortium (and platform admins) act for anyone in it; everyone else only for themselves. */
export function actsForOthers(principal: Principal, consortiumId: string): boolean {
  return isPlatformAdmin(principal) || Boolean(principal.consortia[consortiumId]?.includes('coordinator'));
}
