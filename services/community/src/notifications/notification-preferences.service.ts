import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Principal } from '@ccndr/auth';
import { DomainError } from '@ccndr/contracts';
import { query, withinConsortia } from '@ccndr/persistence';
import { MembersService } from '../members/members.service';
import { DigestNotifications } from './digest-notifications';
import { memberExists, preferencesOf, savePreference } from './notifications.sql';
import { defaultEnabled, NotificationCategory, notificationCategories, UnsubscribeLinks } from './unsubscribe-token';

/** Whether a member receives each category's messages. */
export type NotificationPreferences = Record<NotificationCategory, boolean>;

/**
 * A member's notification preferences: set by themself in the portal, or one category turned off
 * by the signed link at the foot of each message (no sign-in: the link's signature is the authority).
 */
@Injectable()
export class NotificationPreferencesService {
  constructor(
    private readonly db: DataSource,
    private readonly members: MembersService,
    private readonly links: UnsubscribeLinks,
    private readonly digests: DigestNotifications,
  ) {}

  /** The caller's own preferences (403 for a caller who is not a member). */
  async mine(consortiumId: string, principal: Principal): Promise<NotificationPreferences> {
    const member = await this.members.actingMember(consortiumId, principal);
    return this.of(this.db.manager, consortiumId, member.id);
  }

  /** Sets the categories given, leaves the others as they are; a changed choice takes effect on messages already queued. */
  async setMine(consortiumId: string, principal: Principal, changes: Partial<NotificationPreferences>): Promise<NotificationPreferences> {
    return this.db.transaction(async (manager) => {
      const member = await this.members.actingMember(consortiumId, principal, manager);
      const now = new Date();
      for (const category of notificationCategories) {
        const enabled = changes[category];
        if (enabled !== undefined) await query(manager, savePreference, [consortiumId, member.id, category, enabled, now]);
      }
      // Chosen: the first digest waits for next Monday (none is planned twice).
      if (changes.digest) await this.digests.plan(manager, consortiumId, member.id);
      return this.of(manager, consortiumId, member.id);
    });
  }

  /**
   * One-click unsubscribe: the category the link names is turned off for its member. A link whose
   * signature does not hold, or that names no member, changes nothing (400). Using it again, or
   * after the member left, is harmless.
   */
  async unsubscribe(token: string): Promise<{ category: NotificationCategory }> {
    const grant = this.links.verify(token);
    if (!grant) throw new DomainError('unsubscribe.invalid-link');
    return withinConsortia([grant.consortiumId], () =>
      this.db.transaction(async (manager) => {
        const [member] = await query(manager, memberExists, [grant.consortiumId, grant.memberId]);
        if (!member) throw new DomainError('unsubscribe.invalid-link');
        await query(manager, savePreference, [grant.consortiumId, grant.memberId, grant.category, false, new Date()]);
        return { category: grant.category };
      }),
    );
  }

  private async of(manager: EntityManager, consortiumId: string, memberId: string): Promise<NotificationPreferences> {
    const set = await query(manager, preferencesOf, [consortiumId, memberId]);
    return Object.fromEntries(notificationCategories.map((c) => [c, set.find((p) => p.category === c)?.enabled ?? defaultEnabled[c]])) as NotificationPreferences;
  }
}
