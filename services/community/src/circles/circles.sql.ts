import { sql } from '@ccndr/persistence';

export interface Circle {
  id: string;
  consortiumId: string;
  name: string;
  description: string | null;
  /** The prototype (1–3) the circle works on, if any. */
  prototype: 1 | 2 | 3 | null;
  /** The readiness dimension the circle works on, if any. */
  readinessDimension: string | null;
  createdAt: Date;
}

const circleColumns = `c.id, c.consortium_id AS "consortiumId", c.name, c.description, c.prototype, c.readiness_dimension AS "readinessDimension", c.created_at AS "createdAt"`;

export const circleNamed = sql<{ taken: 1 }, [consortiumId: string, name: string]>(`SELECT 1 AS taken FROM circles WHERE consortium_id = $1 AND lower(name) = lower($2)`);

export const insertCircle = sql<never, [id: string, consortiumId: string, name: string, description: string | null, prototype: 1 | 2 | 3 | null, readinessDimension: string | null, createdAt: Date]>(
  `INSERT INTO circles (id, consortium_id, name, description, prototype, readiness_dimension, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
);

export const circlesOf = sql<Circle & { activeMembers: number }, [consortiumId: string]>(
  `SELECT ${circleColumns}, (SELECT count(*) FROM circle_memberships m WHERE m.circle_id = c.id AND m.left_at IS NULL)::int AS "activeMembers"
   FROM circles c WHERE c.consortium_id = $1 ORDER BY c.prototype NULLS LAST, lower(c.name)`,
);

export const circleById = sql<Circle, [consortiumId: string, id: string]>(`SELECT ${circleColumns} FROM circles c WHERE c.consortium_id = $1 AND c.id = $2`);

export const activeMemberProfile = sql<{ organization_id: string; display_name: string }, [consortiumId: string, memberId: string]>(
  `SELECT organization_id, display_name FROM members WHERE consortium_id = $1 AND id = $2 AND left_at IS NULL`,
);

export const insertMembership = sql<never, [consortiumId: string, circleId: string, memberId: string, joinedAt: Date]>(
  `INSERT INTO circle_memberships (consortium_id, circle_id, member_id, joined_at) VALUES ($1, $2, $3, $4)`,
);

/** Ends the active memberships of these members (in one circle, or in all when it is null). */
export const closeMemberships = sql<{ circle_id: string; member_id: string; organization_id: string }, [consortiumId: string, circleId: string | null, memberIds: string[], leftAt: Date]>(
  `UPDATE circle_memberships cm SET left_at = $4
   FROM members m
   WHERE cm.consortium_id = $1 AND ($2::uuid IS NULL OR cm.circle_id = $2) AND cm.member_id = ANY($3::uuid[]) AND cm.left_at IS NULL
     AND m.consortium_id = cm.consortium_id AND m.id = cm.member_id
   RETURNING cm.circle_id, cm.member_id, m.organization_id`,
);

export const activeMembership = sql<{ active: 1 }, [circleId: string, memberId: string]>(`SELECT 1 AS active FROM circle_memberships WHERE circle_id = $1 AND member_id = $2 AND left_at IS NULL`);

/**
 * Membership stretches in a circle: all of them (`filtered` false), or those active now (`at`
 * null) or at a given time.
 */
export const circleMemberships = sql<
  { member_id: string; display_name: string; organization_id: string; joined_at: Date; left_at: Date | null },
  [circleId: string, filtered: boolean, at: Date | null]
>(
  `SELECT cm.member_id, m.display_name, m.organization_id, cm.joined_at, cm.left_at
   FROM circle_memberships cm JOIN members m ON m.consortium_id = cm.consortium_id AND m.id = cm.member_id
   WHERE cm.circle_id = $1
     AND (NOT $2::boolean OR (CASE WHEN $3::timestamptz IS NULL THEN cm.left_at IS NULL
                                   ELSE cm.joined_at <= $3 AND (cm.left_at IS NULL OR cm.left_at > $3) END))
   ORDER BY cm.joined_at, lower(m.display_name)`,
);
