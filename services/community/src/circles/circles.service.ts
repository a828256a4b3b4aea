import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { CircleCreatedV1, CircleMemberJoinedV1, CircleMemberLeftV1, say, DomainError } from '@ccndr/contracts';
import { Outbox } from '@ccndr/messaging';
import { ConsortiaService } from '../consortia/consortia.service';
import { Circle } from './circle.entity';

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
      const taken = await manager.query(`SELECT 1 FROM circles WHERE consortium_id = $1 AND lower(name) = lower($2)`, [consortiumId, input.name]);
      if (taken.length) throw new DomainError('circle.name-taken', { field: 'name' });
      await manager.insert(Circle, circle);
      await this.outbox.append(manager, {
        definition: CircleCreatedV1,
        consortiumId,
        subject: `circle/${circle.id}`,
        data: { circleId: circle.id, prototype: circle.prototype, readinessDimension: circle.readinessDimension, createdAt: circle.createdAt.toISOString() },
      });
      return circle;
    });
  }

  async list(consortiumId: string): Promise<CircleView[]> {
    await this.consortia.require(consortiumId);
    const rows: any[] = await this.db.query(
      `SELECT c.*, (SELECT count(*) FROM circle_memberships m WHERE m.circle_id = c.id AND m.left_at IS NULL)::int AS active_members
       FROM circles c WHERE c.consortium_id = $1 ORDER BY c.prototype NULLS LAST, lower(c.name)`,
      [consortiumId],
    );
    return rows.map((r) => ({ ...this.fromRow(r), activeMembers: r.active_members }));
  }

  async get(consortiumId: string, circleId: string): Promise<CircleView & { members: CircleMembership[] }> {
    const circle = await this.db.manager.findOneBy(Circle, { consortiumId, id: circleId });
    if (!circle) throw new DomainError('circle.not-found');
    const members = await this.memberships(circleId, { activeAt: null });
    return { ...circle, activeMembers: members.length, members };
  }

  /**
   * Membership history: every stretch of active membership, or (with `at`) who was active then.
   */
  async history(consortiumId: string, circleId: string, at?: Date): Promise<CircleMembership[]> {
    const circle = await this.db.manager.findOneBy(Circle, { consortiumId, id: circleId });
    if (!circle) throw new DomainError('circle.not-found');
    return this.memberships(circleId, at ? { activeAt: at } : undefined);
  }

  async join(consortiumId: string, circleId: string, memberId: string): Promise<CircleMembership> {
    return this.db.transaction(async (manager) => {
      await this.requireCircle(manager, consortiumId, circleId);
      const [member] = await manager.query(`SELECT organization_id, display_name FROM members WHERE consortium_id = $1 AND id = $2 AND left_at IS NULL`, [consortiumId, memberId]);
      if (!member) throw new DomainError('member.unknown', { field: 'memberId', detail: say('not a member of this consortium', 'pas membre de ce consortium') });
      if (await this.isActiveMember(manager, circleId, memberId)) throw new DomainError('circle.already-member', { field: 'memberId' });
      const joinedAt = new Date();
      await manager.query(`INSERT INTO circle_memberships (consortium_id, circle_id, member_id, joined_at) VALUES ($1, $2, $3, $4)`, [consortiumId, circleId, memberId, joinedAt]);
      await this.outbox.append(manager, {
        definition: CircleMemberJoinedV1,
        consortiumId,
        subject: `circle/${circleId}`,
        data: { circleId, memberId, organizationId: member.organization_id, joinedAt: joinedAt.toISOString() },
      });
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
    const [closed]: [{ circle_id: string; member_id: string; organization_id: string }[], number] = await manager.query(
      `UPDATE circle_memberships cm SET left_at = $4
       FROM members m
       WHERE cm.consortium_id = $1 AND ($2::uuid IS NULL OR cm.circle_id = $2) AND cm.member_id = ANY($3::uuid[]) AND cm.left_at IS NULL
         AND m.consortium_id = cm.consortium_id AND m.id = cm.member_id
       RETURNING cm.circle_id, cm.member_id, m.organization_id`,
      [consortiumId, which.circleId ?? null, which.memberIds, leftAt],
    );
    await this.outbox.append(
      manager,
      ...closed.map((row) => ({
        definition: CircleMemberLeftV1,
        consortiumId,
        subject: `circle/${row.circle_id}`,
        data: { circleId: row.circle_id, memberId: row.member_id, organizationId: row.organization_id, leftAt: leftAt.toISOString() },
      })),
    );
    return closed.length;
  }

  /** Whether the member is active in the circle now. */
  async isActiveMember(manager: EntityManager, circleId: string, memberId: string): Promise<boolean> {
    const active = await manager.query(`SELECT 1 FROM circle_memberships WHERE circle_id = $1 AND member_id = $2 AND left_at IS NULL`, [circleId, memberId]);
    return active.length > 0;
  }

  private async requireCircle(manager: EntityManager, consortiumId: string, circleId: string): Promise<void> {
    await this.consortia.require(consortiumId, manager);
    const found = await manager.query(`SELECT 1 FROM circles WHERE consortium_id = $1 AND id = $2`, [consortiumId, circleId]);
    if (!found.length) throw new DomainError('circle.not-found');
  }

  private async memberships(circleId: string, filter?: { activeAt: Date | null }): Promise<CircleMembership[]> {
    const rows: any[] = await this.db.query(
      `SELECT cm.member_id, m.display_name, m.organization_id, cm.joined_at, cm.left_at
       FROM circle_memberships cm JOIN members m ON m.consortium_id = cm.consortium_id AND m.id = cm.member_id
       WHERE cm.circle_id = $1
         AND (NOT $2::boolean OR (CASE WHEN $3::timestamptz IS NULL THEN cm.left_at IS NULL
                                       ELSE cm.joined_at <= $3 AND (cm.left_at IS NULL OR cm.left_at > $3) END))
       ORDER BY cm.joined_at, lower(m.display_name)`,
      [circleId, filter !== undefined, filter?.activeAt ?? null],
    );
    return rows.map((r) => ({ memberId: r.member_id, displayName: r.display_name, organizationId: r.organization_id, joinedAt: r.joined_at, leftAt: r.left_at }));
  }

  private fromRow(r: any): Circle {
    return { id: r.id, consortiumId: r.consortium_id, name: r.name, description: r.description, prototype: r.prototype, readinessDimension: r.readiness_dimension, createdAt: r.created_at };
  }
}
