import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { z } from 'zod';
import { identityLinkKey, SERVICE_CONFIG, ServiceConfig } from '@ccndr/config';

/** What a person may choose to receive: gathering messages (invitations, updates, cancellations, reminders), engagement steps, their readiness journey (team assessments), a digest (opt-in). */
export const notificationCategories = ['gatherings', 'engagements', 'journey', 'digest'] as const;
export type NotificationCategory = (typeof notificationCategories)[number];
export const notificationCategory = z.enum(notificationCategories);

/** A category's setting for someone who never chose: everything but the digest. */
export const defaultEnabled: Record<NotificationCategory, boolean> = { gatherings: true, engagements: true, journey: true, digest: false };

/** Who an unsubscribe link is for, and from what. */
export interface UnsubscribeGrant {
  consortiumId: string;
  memberId: string;
  category: NotificationCategory;
}

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** HKDF's `info` of the unsubscribe links' key: a purpose of its own. */
const unsubscribeKeyInfo = 'ccndr/community/unsubscribe-link/v2';

/**
 * The key of unsubscribe links, derived from the identity link key by HKDF-SHA-256 under an `info`
 * of its own: independent of the keyed HMACs published with members (sign-in keys are an HMAC of a
 * subject under the same secret, so an HMAC of a fixed label could be any subject's sign-in key),
 * and no new secret has to be deployed.
 */
export function unsubscribeKey(identityLinkKey: string): Buffer {
  return Buffer.from(hkdfSync('sha256', identityLinkKey, '', unsubscribeKeyInfo, 32));
}

function signature(key: Buffer, grant: UnsubscribeGrant): Buffer {
  return createHmac('sha256', key).update(`${grant.consortiumId}\n${grant.memberId}\n${grant.category}`).digest();
}

/** `<consortium>.<member>.<category>.<HMAC-SHA-256, base64url>`: the link is its own authority (no sign-in). */
export function unsubscribeToken(key: Buffer, grant: UnsubscribeGrant): string {
  return `${grant.consortiumId}.${grant.memberId}.${grant.category}.${signature(key, grant).toString('base64url')}`;
}

/** The grant a token carries when its signature holds (compared in constant time), else null. */
export function verifyUnsubscribeToken(key: Buffer, token: string): UnsubscribeGrant | null {
  const [consortiumId, memberId, category, given, ...rest] = token.split('.');
  if (rest.length || !given || !uuid.test(consortiumId) || !uuid.test(memberId)) return null;
  const parsed = notificationCategory.safeParse(category);
  if (!parsed.success) return null;
  const grant = { consortiumId, memberId, category: parsed.data };
  const expected = signature(key, grant);
  const actual = Buffer.from(given, 'base64url');
  return actual.length === expected.length && timingSafeEqual(actual, expected) ? grant : null;
}

/** The portal's page a link leads to: GET shows a confirmation, POST (RFC 8058 one-click) unsubscribes. */
export function unsubscribeUrl(portalUrl: string, token: string): string {
  const url = new URL('/unsubscribe', portalUrl);
  url.searchParams.set('token', token);
  return url.toString();
}

/** The category a queued message belongs to, by its kind. */
export function categoryOfKind(kind: string): NotificationCategory {
  if (kind === 'digest') return 'digest';
  return kind.startsWith('gathering-') || kind.startsWith('survey-') ? 'gatherings' : kind.startsWith('assessment-') || kind.startsWith('journey-') ? 'journey' : 'engagements';
}

/** The service's unsubscribe links and their check, with the key derived once from IDENTITY_LINK_KEY (or AUTH_JWT_SECRET). */
@Injectable()
export class UnsubscribeLinks {
  private readonly key: Buffer;
  private readonly portalUrl: string;

  constructor(@Inject(SERVICE_CONFIG) config: ServiceConfig) {
    this.key = unsubscribeKey(identityLinkKey(config));
    this.portalUrl = config.PORTAL_URL;
  }

  /** The one-click link of a member's category, for List-Unsubscribe and the message's footer. */
  url(grant: UnsubscribeGrant): string {
    return unsubscribeUrl(this.portalUrl, unsubscribeToken(this.key, grant));
  }

  verify(token: string): UnsubscribeGrant | null {
    return verifyUnsubscribeToken(this.key, token);
  }
}
