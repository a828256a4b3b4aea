import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { CircleCreatedV1, CircleMemberJoinedV1, CircleMemberLeftV1, say, DomainError } from '@ccndr/contracts';
import { Outbox } from '@ccndr/messaging';
import { query } from '@ccndr/persistence';
import { ConsortiaService } from '../consortia/consortia.service';
import { activeMemberProfile, activeMembership, Circle, circleById, circleMemberships, circleNamed, circlesOf, closeMemberships, insertCircle, insertMembership } from './circles.sql';

export interface CircleMembership {
  memberId: string;
  displayName: string;
  organizationId: string;
  joinedAt: Date;
  leftAt: Date | null;
}

export type CircleView = Circle & { activeMembers: number };

@Injectable()
export class CirclesService {
  constructor(
    private readonly db: DataSource,
    private readonly outbox: Outbox,
    private readonly consortia: ConsortiaService,
  ) {}

  async create(consortiumId: string, input: { name: string; description: string | null; prototype: 1 | 2 | 3 | null; readinessDimension: string | null }): Promise<Circle> {
    const circle: Circle = { id: randomUUID(), consortiumId, ...input, createdAt: new Date() };
    return this.db.transaction(async (manager) => {
      await this.consortia.require(consortiumId, manager);
      const taken = await query(manager, circleNamed, [consortiumId, input.name]);
      if (taken.length) throw new DomainError('circle.name-taken', { field: 'name' });
      await query(manager, insertCircle, [circle.id, consortiumId, circle.name, circle.description, circle.prototype, circle.readinessDimension, circle.createdAt]);
      await this.outbox.append(manager, consortiumId, CircleCreatedV1, { circleId: circle.id, prototype: circle.prototype, readinessDimension: circle.readinessDimension, createdAt: circle.createdAt.toISOString() });
      return circle;
    });
  }

  async list(consortiumId: string): Promise<CircleView[]> {
    await this.consortia.require(consortiumId);
    return query(this.db, circlesOf, [consortiumId]);
  }

  async get(consortiumId: string, circleId: string): Promise<CircleView & { members: CircleMembership[] }> {
    const [circle] = await query(this.db, circleById, [consortiumId, circleId]);
    if (!circle) throw new DomainError('circle.not-found');
    const members = await this.memberships(circleId, { activeAt: null });
    return { ...circle, activeMembers: members.length, members };
  }

  /**
   * Membership history: every stretch of active membership, or (with `at`) who was active then.
   */
  async history(consortiumId: string, circleId: string, at?: Date): Promise<CircleMembership[]> {
    const [circle] = await query(this.db, circleById, [consortiumId, circleId]);
    if (!circle) throw new DomainError('circle.not-found');
    return this.memberships(circleId, at ? { activeAt: at } : undefined);
  }

  async join(consortiumId: string, circleId: string, memberId: string): Promise<CircleMembership> {
    return this.db.transaction(async (manager) => {
      await this.requireCircle(manager, consortiumId, circleId);
      const [member] = await query(manager, activeMemberProfile, [consortiumId, memberId]);
      if (!member) throw new DomainError('member.unknown', { field: 'memberId', detail: say('not a member of this consortium', 'pas membre de ce consortium') });
      if (await this.isActiveMember(manager, circleId, memberId)) throw new DomainError('circle.already-member', { field: 'memberId' });
      const joinedAt = new Date();
      await query(manager, insertMembership, [consortiumId, circleId, memberId, joinedAt]);
      await this.outbox.append(manager, consortiumId, CircleMemberJoinedV1, { circleId, memberId, organizationId: member.organization_id, joinedAt: joinedAt.toISOString() });
      return { memberId, displayName: member.display_name, organizationId: member.organization_id, joinedAt, leftAt: null };
    });
  }

  async leave(consortiumId: string, circleId: string, memberId: string): Promise<void> {
    await this.db.transaction(async (manager) => {
      await this.requireCircle(manager, consortiumId, circleId);
      const closed = await this.closeMemberships(manager, consortiumId, { circleId, memberIds: [memberId] }, new Date());
      if (closed === 0) throw new DomainError('circle.not-a-member');
    });
  }

  /**
   * Ends active memberships (of some members, optionally in one circle) and publishes each end;
   * used when a person leaves a circle and when they leave the consortium. Returns how many ended.
   */
  async closeMemberships(manager: EntityManager, consortiumId: string, which: { circleId?: string; memberIds: string[] }, leftAt: Date): Promise<number> {
    if (which.memberIds.length === 0) return 0;
    const closed = await query(manager, closeMemberships, [consortiumId, which.circleId ?? null, which.memberIds, leftAt]);
    await this.outbox.append(manager, consortiumId, CircleMemberLeftV1, ...closed.map((row) => ({ circleId: row.circle_id, memberId: row.member_id, organizationId: row.organization_id, leftAt: leftAt.toISOString() })));
    return closed.length;
  }

  /** Whether the member is active in the circle now. */
  async isActiveMember(manager: EntityManager, circleId: string, memberId: string): Promise<boolean> {
    const active = await query(manager, activeMembership, [circleId, memberId]);
    return active.length > 0;
  }

  private async requireCircle(manager: EntityManager, consortiumId: string, circleId: string): Promise<void> {
    await this.consortia.require(consortiumId, manager);
    const found = await query(manager, circleById, [consortiumId, circleId]);
    if (!found.length) throw new DomainError('circle.not-found');
  }

  private async memberships(circleId: string, filter?: { activeAt: Date | null }): Promise<CircleMembership[]> {
    const rows = await query(this.db, circleMemberships, [circleId, filter !== undefined, filter?.activeAt ?? null]);
    return rows.map((r) => ({ memberId: r.member_id, displayName: r.display_name, organizationId: r.organization_id, joinedAt: r.joined_at, leftAt: r.left_at }));
  }
}
