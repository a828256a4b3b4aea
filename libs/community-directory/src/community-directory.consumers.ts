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
import { query } from '@ccndr/persistence';
import { insertConsortium, memberMemberships, memberProfiles, organizationMemberships, organizationProfiles } from './community-directory.sql';

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
    const inserted = await query(ctx.manager, insertConsortium, [event.data.consortiumId, event.data.createdAt]);
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
 * join is kept (its row waits for the join's profile). The batch writes: community-directory.sql.ts.
 */

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
