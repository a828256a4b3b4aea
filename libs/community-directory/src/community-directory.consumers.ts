import { Controller, Inject, Optional } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import {
  CloudEventEnvelope,
  ConsortiumCreatedV1,
  EventData,
  EventDefinition,
  MemberJoinedV1,
  MemberLeftV1,
  MemberUpdatedV1,
  OrganizationJoinedV1,
  OrganizationLeftV1,
  OrganizationUpdatedV1,
} from '@ccndr/contracts';
import { BatchWrite, JetStreamContext, latestBy } from '@ccndr/messaging';

type Event<T extends EventDefinition> = CloudEventEnvelope<EventData<T>>;

/** What a service does, in the same transaction, when it first learns of a consortium. */
export type ConsortiumKnownHook = (manager: EntityManager, consortiumId: string) => Promise<void>;
export const ON_CONSORTIUM_KNOWN = Symbol('ON_CONSORTIUM_KNOWN');

/** Consortia that exist, so that their routes answer and others 404. */
@Controller()
export class ConsortiumCreatedV1Consumer {
  constructor(@Optional() @Inject(ON_CONSORTIUM_KNOWN) private readonly onKnown?: ConsortiumKnownHook) {}

  @EventPattern(ConsortiumCreatedV1.type)
  async handle(@Payload() event: Event<typeof ConsortiumCreatedV1>, @Ctx() ctx: JetStreamContext): Promise<void> {
    const inserted = await ctx.manager.query(`INSERT INTO consortia (consortium_id, created_at) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING consortium_id`, [
      event.data.consortiumId,
      event.data.createdAt,
    ]);
    if (inserted.length && this.onKnown) await this.onKnown(ctx.manager, event.data.consortiumId);
  }
}

/*
 * Organisations and members are written by batch writes with time guards, so that the order in which
 * events arrive does not matter: an event applied late (a failing event retried alone, a relay
 * republishing after an outage, a dead letter redriven) never undoes a newer one. A row's profile
 * is the latest join or update (`updated_at`); whether it takes part is the latest join or leave
 * (`membership_changed_at`), a leave winning a join of the same instant. The two are written apart:
 * an update after a leave does not bring the organisation back, and a leave that arrives before its
 * join is kept (its row waits for the join's profile).
 */

/** A join (`left` false) or a leave of an organisation or a member (`id`), at its time. */
type Membership = { consortiumId: string; id: string; at: string; left: boolean };

const byRow = (r: { consortiumId: string; id: string }) => `${r.consortiumId}:${r.id}`;

/** Of two joins or leaves of a row, the later; on a tie, the leave. */
function latestMembership<Row extends Membership>(earlier: Row, later: Row): Row {
  const a = Date.parse(earlier.at);
  const b = Date.parse(later.at);
  return b > a || (b === a && later.left) ? later : earlier;
}

const organizationProfiles: BatchWrite<{ consortiumId: string; id: string; category: string; provinceOrTerritory: string | null; preferredLanguage: string; at: string }> = {
  statement: `INSERT INTO organizations (consortium_id, organization_id, category, province_or_territory, preferred_language, updated_at)
    SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::timestamptz[])
    ON CONFLICT (consortium_id, organization_id) DO UPDATE
      SET category = excluded.category, province_or_territory = excluded.province_or_territory, preferred_language = excluded.preferred_language, updated_at = excluded.updated_at
      WHERE organizations.updated_at IS NULL OR organizations.updated_at < excluded.updated_at`,
  columns: ['consortiumId', 'id', 'category', 'provinceOrTerritory', 'preferredLanguage', 'at'],
  merge: { key: byRow, keep: latestBy('at', 'earlier') },
};

const organizationMemberships: BatchWrite<Membership> = {
  statement: `INSERT INTO organizations (consortium_id, organization_id, left_at, membership_changed_at)
    SELECT c, o, CASE WHEN l THEN a END, a FROM unnest($1::uuid[], $2::uuid[], $3::timestamptz[], $4::boolean[]) AS r(c, o, a, l)
    ON CONFLICT (consortium_id, organization_id) DO UPDATE SET left_at = excluded.left_at, membership_changed_at = excluded.membership_changed_at
      WHERE organizations.membership_changed_at IS NULL OR organizations.membership_changed_at < excluded.membership_changed_at
        OR (organizations.membership_changed_at = excluded.membership_changed_at AND excluded.left_at IS NOT NULL)`,
  columns: ['consortiumId', 'id', 'at', 'left'],
  merge: { key: byRow, keep: latestMembership },
};

const memberProfiles: BatchWrite<{ consortiumId: string; id: string; organizationId: string; signInKey: string | null; at: string }> = {
  statement: `INSERT INTO members (consortium_id, member_id, organization_id, sign_in_key, updated_at)
    SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::timestamptz[])
    ON CONFLICT (consortium_id, member_id) DO UPDATE SET organization_id = excluded.organization_id, sign_in_key = excluded.sign_in_key, updated_at = excluded.updated_at
      WHERE members.updated_at IS NULL OR members.updated_at < excluded.updated_at`,
  columns: ['consortiumId', 'id', 'organizationId', 'signInKey', 'at'],
  merge: { key: byRow, keep: latestBy('at', 'earlier') },
};

/** A member's row first made by a leave takes the organisation the leave names, until its profile arrives. */
const memberMemberships: BatchWrite<Membership & { organizationId: string }> = {
  statement: `INSERT INTO members (consortium_id, member_id, organization_id, left_at, membership_changed_at)
    SELECT c, m, o, CASE WHEN l THEN a END, a FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::timestamptz[], $5::boolean[]) AS r(c, m, o, a, l)
    ON CONFLICT (consortium_id, member_id) DO UPDATE SET left_at = excluded.left_at, membership_changed_at = excluded.membership_changed_at
      WHERE members.membership_changed_at IS NULL OR members.membership_changed_at < excluded.membership_changed_at
        OR (members.membership_changed_at = excluded.membership_changed_at AND excluded.left_at IS NOT NULL)`,
  columns: ['consortiumId', 'id', 'organizationId', 'at', 'left'],
  merge: { key: byRow, keep: latestMembership },
};

/** Organisations: which take part, of which category, where, in which language. */
@Controller()
export class OrganizationJoinedV1Consumer {
  @EventPattern(OrganizationJoinedV1.type)
  handle(@Payload() event: Event<typeof OrganizationJoinedV1>, @Ctx() ctx: JetStreamContext): void {
    const { organizationId: id, category, provinceOrTerritory, preferredLanguage, joinedAt: at } = event.data;
    ctx.write(organizationProfiles, { consortiumId: event.consortiumid, id, category, provinceOrTerritory, preferredLanguage, at });
    ctx.write(organizationMemberships, { consortiumId: event.consortiumid, id, at, left: false });
  }
}

@Controller()
export class OrganizationUpdatedV1Consumer {
  @EventPattern(OrganizationUpdatedV1.type)
  handle(@Payload() event: Event<typeof OrganizationUpdatedV1>, @Ctx() ctx: JetStreamContext): void {
    const { organizationId: id, category, provinceOrTerritory, preferredLanguage, updatedAt: at } = event.data;
    ctx.write(organizationProfiles, { consortiumId: event.consortiumid, id, category, provinceOrTerritory, preferredLanguage, at });
  }
}

@Controller()
export class OrganizationLeftV1Consumer {
  @EventPattern(OrganizationLeftV1.type)
  handle(@Payload() event: Event<typeof OrganizationLeftV1>, @Ctx() ctx: JetStreamContext): void {
    const { organizationId: id, leftAt: at } = event.data;
    ctx.write(organizationMemberships, { consortiumId: event.consortiumid, id, at, left: true });
  }
}

/** Members: their organisation, the pseudonym of their sign-in, whether they take part. */
@Controller()
export class MemberJoinedV1Consumer {
  @EventPattern(MemberJoinedV1.type)
  handle(@Payload() event: Event<typeof MemberJoinedV1>, @Ctx() ctx: JetStreamContext): void {
    const { memberId: id, organizationId, signInKey, joinedAt: at } = event.data;
    ctx.write(memberProfiles, { consortiumId: event.consortiumid, id, organizationId, signInKey: signInKey ?? null, at });
    ctx.write(memberMemberships, { consortiumId: event.consortiumid, id, organizationId, at, left: false });
  }
}

@Controller()
export class MemberUpdatedV1Consumer {
  @EventPattern(MemberUpdatedV1.type)
  handle(@Payload() event: Event<typeof MemberUpdatedV1>, @Ctx() ctx: JetStreamContext): void {
    const { memberId: id, organizationId, signInKey, updatedAt: at } = event.data;
    ctx.write(memberProfiles, { consortiumId: event.consortiumid, id, organizationId, signInKey: signInKey ?? null, at });
  }
}

@Controller()
export class MemberLeftV1Consumer {
  @EventPattern(MemberLeftV1.type)
  handle(@Payload() event: Event<typeof MemberLeftV1>, @Ctx() ctx: JetStreamContext): void {
    const { memberId: id, organizationId, leftAt: at } = event.data;
    ctx.write(memberMemberships, { consortiumId: event.consortiumid, id, organizationId, at, left: true });
  }
}

/** The consumers that keep the directory; register them as controllers of the service's module. */
export const communityDirectoryConsumers = [
  ConsortiumCreatedV1Consumer,
  OrganizationJoinedV1Consumer,
  OrganizationUpdatedV1Consumer,
  OrganizationLeftV1Consumer,
  MemberJoinedV1Consumer,
  MemberUpdatedV1Consumer,
  MemberLeftV1Consumer,
];
