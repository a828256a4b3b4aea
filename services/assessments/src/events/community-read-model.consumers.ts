import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import {
  CloudEventEnvelope,
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

/** Organisations, as assessments needs them: which exist, of which category. */
@Controller()
export class OrganizationJoinedV1Consumer {
  @EventPattern(OrganizationJoinedV1.type)
  async handle(@Payload() event: Event<typeof OrganizationJoinedV1>, @Ctx() ctx: JetStreamContext): Promise<void> {
    await upsertOrganization(ctx, event.consortiumid, event.data.organizationId, event.data.category);
  }
}

@Controller()
export class OrganizationUpdatedV1Consumer {
  @EventPattern(OrganizationUpdatedV1.type)
  async handle(@Payload() event: Event<typeof OrganizationUpdatedV1>, @Ctx() ctx: JetStreamContext): Promise<void> {
    await upsertOrganization(ctx, event.consortiumid, event.data.organizationId, event.data.category);
  }
}

@Controller()
export class OrganizationLeftV1Consumer {
  @EventPattern(OrganizationLeftV1.type)
  async handle(@Payload() event: Event<typeof OrganizationLeftV1>, @Ctx() ctx: JetStreamContext): Promise<void> {
    await ctx.manager.query(`UPDATE organizations SET left_at = $3 WHERE consortium_id = $1 AND organization_id = $2`, [event.consortiumid, event.data.organizationId, event.data.leftAt]);
  }
}

/** Members, as assessments needs them: their organisation and the pseudonym of their sign-in. */
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

function upsertOrganization(ctx: JetStreamContext, consortiumId: string, organizationId: string, category: string) {
  return ctx.manager.query(
    `INSERT INTO organizations (consortium_id, organization_id, category) VALUES ($1, $2, $3)
     ON CONFLICT (consortium_id, organization_id) DO UPDATE SET category = excluded.category`,
    [consortiumId, organizationId, category],
  );
}

function upsertMember(ctx: JetStreamContext, consortiumId: string, memberId: string, organizationId: string, signInKey: string | null) {
  return ctx.manager.query(
    `INSERT INTO members (consortium_id, member_id, organization_id, sign_in_key) VALUES ($1, $2, $3, $4)
     ON CONFLICT (consortium_id, member_id) DO UPDATE SET organization_id = excluded.organization_id, sign_in_key = excluded.sign_in_key`,
    [consortiumId, memberId, organizationId, signInKey],
  );
}

export const communityReadModelConsumers = [
  OrganizationJoinedV1Consumer,
  OrganizationUpdatedV1Consumer,
  OrganizationLeftV1Consumer,
  MemberJoinedV1Consumer,
  MemberUpdatedV1Consumer,
  MemberLeftV1Consumer,
];
