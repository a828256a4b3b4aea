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
import { JetStreamContext } from '@ccndr/messaging';

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

/** Organisations: which exist, of which category, where, in which language. */
@Controller()
export class OrganizationJoinedV1Consumer {
  @EventPattern(OrganizationJoinedV1.type)
  async handle(@Payload() event: Event<typeof OrganizationJoinedV1>, @Ctx() ctx: JetStreamContext): Promise<void> {
    await upsertOrganization(ctx, event.consortiumid, event.data);
  }
}

@Controller()
export class OrganizationUpdatedV1Consumer {
  @EventPattern(OrganizationUpdatedV1.type)
  async handle(@Payload() event: Event<typeof OrganizationUpdatedV1>, @Ctx() ctx: JetStreamContext): Promise<void> {
    await upsertOrganization(ctx, event.consortiumid, event.data);
  }
}

@Controller()
export class OrganizationLeftV1Consumer {
  @EventPattern(OrganizationLeftV1.type)
  async handle(@Payload() event: Event<typeof OrganizationLeftV1>, @Ctx() ctx: JetStreamContext): Promise<void> {
    await ctx.manager.query(`UPDATE organizations SET left_at = $3 WHERE consortium_id = $1 AND organization_id = $2`, [event.consortiumid, event.data.organizationId, event.data.leftAt]);
  }
}

/** Members: their organisation and the pseudonym of their sign-in. */
@Controller()
export class MemberJoinedV1Consumer {
  @EventPattern(MemberJoinedV1.type)
  async handle(@Payload() event: Event<typeof MemberJoinedV1>, @Ctx() ctx: JetStreamContext): Promise<void> {
    await upsertMember(ctx, event.consortiumid, event.data.memberId, event.data.organizationId, event.data.signInKey ?? null);
  }
}

@Controller()
export class MemberUpdatedV1Consumer {
  @EventPattern(MemberUpdatedV1.type)
  async handle(@Payload() event: Event<typeof MemberUpdatedV1>, @Ctx() ctx: JetStreamContext): Promise<void> {
    await upsertMember(ctx, event.consortiumid, event.data.memberId, event.data.organizationId, event.data.signInKey ?? null);
  }
}

@Controller()
export class MemberLeftV1Consumer {
  @EventPattern(MemberLeftV1.type)
  async handle(@Payload() event: Event<typeof MemberLeftV1>, @Ctx() ctx: JetStreamContext): Promise<void> {
    await ctx.manager.query(`UPDATE members SET left_at = $3 WHERE consortium_id = $1 AND member_id = $2`, [event.consortiumid, event.data.memberId, event.data.leftAt]);
  }
}

function upsertOrganization(
  ctx: JetStreamContext,
  consortiumId: string,
  o: { organizationId: string; category: string; provinceOrTerritory: string | null; preferredLanguage: string },
) {
  return ctx.manager.query(
    `INSERT INTO organizations (consortium_id, organization_id, category, province_or_territory, preferred_language) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (consortium_id, organization_id) DO UPDATE
       SET category = excluded.category, province_or_territory = excluded.province_or_territory, preferred_language = excluded.preferred_language`,
    [consortiumId, o.organizationId, o.category, o.provinceOrTerritory, o.preferredLanguage],
  );
}

function upsertMember(ctx: JetStreamContext, consortiumId: string, memberId: string, organizationId: string, signInKey: string | null) {
  return ctx.manager.query(
    `INSERT INTO members (consortium_id, member_id, organization_id, sign_in_key) VALUES ($1, $2, $3, $4)
     ON CONFLICT (consortium_id, member_id) DO UPDATE SET organization_id = excluded.organization_id, sign_in_key = excluded.sign_in_key`,
    [consortiumId, memberId, organizationId, signInKey],
  );
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
