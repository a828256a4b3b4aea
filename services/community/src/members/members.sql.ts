import { sql } from '@ccndr/persistence';
import type { MemberRole, OrganizationCategory } from '@ccndr/contracts';

export interface Member {
  id: string;
  consortiumId: string;
  organizationId: string;
  displayName: string;
  email: string | null;
  role: MemberRole;
  /** The person's subject at the identity provider (the `sub` of their token), once linked. */
  subject: string | null;
  /** Free tags (e.g. "data governance", "CRM") for the directory; never published. */
  expertise: string[];
  joinedAt: Date;
  leftAt: Date | null;
}

const memberColumns = `id, consortium_id AS "consortiumId", organization_id AS "organizationId", display_name AS "displayName", email, role, subject,
  expertise, joined_at AS "joinedAt", left_at AS "leftAt"`;

export const insertMember = sql<
  never,
  [id: string, consortiumId: string, organizationId: string, displayName: string, email: string | null, role: MemberRole, subject: string | null, expertise: string[], joinedAt: Date]
>(
  `INSERT INTO members (id, consortium_id, organization_id, display_name, email, role, subject, expertise, joined_at)
   VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
);

export const updateMember = sql<
  never,
  [consortiumId: string, id: string, organizationId: string, displayName: string, email: string | null, role: MemberRole, expertise: string[], subject: string | null]
>(
  `UPDATE members SET organization_id = $3, display_name = $4, email = $5, role = $6, expertise = $7, subject = $8
   WHERE consortium_id = $1 AND id = $2`,
);

export const memberLeft = sql<never, [consortiumId: string, id: string, leftAt: Date]>(`UPDATE members SET left_at = $3 WHERE consortium_id = $1 AND id = $2`);

/** A directory row: the member with the organisation they act for. */
export interface DirectoryRow {
  id: string;
  consortium_id: string;
  organization_id: string;
  display_name: string;
  email: string | null;
  role: MemberRole;
  subject: string | null;
  expertise: string[];
  joined_at: Date;
  left_at: Date | null;
  organization_name: string;
  category: OrganizationCategory;
  province_or_territory: string | null;
}

/** The member directory; every filter is optional (null). */
export const memberDirectory = sql<
  DirectoryRow,
  [consortiumId: string, memberId: string | null, includeLeft: boolean, nameLike: string | null, organizationId: string | null, category: string | null, provinceOrTerritory: string | null, expertise: string | null]
>(
  `SELECT m.id, m.consortium_id, m.organization_id, m.display_name, m.email, m.role, m.subject, m.expertise, m.joined_at, m.left_at,
          o.name AS organization_name, o.category, o.province_or_territory
   FROM members m JOIN organizations o ON o.consortium_id = m.consortium_id AND o.id = m.organization_id
   WHERE m.consortium_id = $1
     AND ($2::uuid IS NULL OR m.id = $2)
     AND ($3::boolean OR m.left_at IS NULL)
     AND ($4::text IS NULL OR m.display_name ILIKE '%' || $4 || '%' OR o.name ILIKE '%' || $4 || '%')
     AND ($5::uuid IS NULL OR m.organization_id = $5)
     AND ($6::text IS NULL OR o.category = $6)
     AND ($7::text IS NULL OR o.province_or_territory = $7)
     AND ($8::text IS NULL OR $8 = ANY (m.expertise))
   ORDER BY lower(m.display_name), m.id
   LIMIT 500`,
);

/** The member, its row locked until the transaction ends. */
export const memberForUpdate = sql<Member, [consortiumId: string, id: string]>(`SELECT ${memberColumns} FROM members WHERE consortium_id = $1 AND id = $2 FOR UPDATE`);

/** The active member a sign-in subject is linked to. */
export const memberSignedInAs = sql<Member, [consortiumId: string, subject: string]>(
  `SELECT ${memberColumns} FROM members WHERE consortium_id = $1 AND subject = $2 AND left_at IS NULL`,
);

export const activeMemberWithEmail = sql<{ taken: 1 }, [consortiumId: string, email: string]>(
  `SELECT 1 AS taken FROM members WHERE consortium_id = $1 AND lower(email) = lower($2) AND left_at IS NULL`,
);
