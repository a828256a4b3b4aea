import { sql } from '@ccndr/persistence';

export type NeedStatus = 'draft' | 'open' | 'closed';

export interface NeedRow {
  id: string;
  consortium_id: string;
  organization_id: string;
  status: NeedStatus;
  origin: 'posted' | 'readiness-gap';
  assessment_id: string | null;
  dimension: string;
  current_stage: number | null;
  target_stage: number | null;
  priority: number | null;
  description: string | null;
  language: 'fr' | 'en' | null;
  /** numeric: a string. */
  budget_max: string | null;
  starts_on: Date | null;
  ends_on: Date | null;
  /** numeric: a string. */
  staff_hours_per_week: string | null;
  created_at: Date;
  posted_at: Date | null;
}

const needColumns = `n.id, n.consortium_id, n.organization_id, n.status, n.origin, n.assessment_id, n.dimension, n.current_stage, n.target_stage, n.priority,
  n.description, n.language, n.budget_max, n.starts_on, n.ends_on, n.staff_hours_per_week, n.created_at, n.posted_at`;

export const liveNeedFor = sql<{ live: 1 }, [consortiumId: string, organizationId: string, dimension: string]>(
  `SELECT 1 AS live FROM needs WHERE consortium_id = $1 AND organization_id = $2 AND dimension = $3 AND status IN ('draft', 'open')`,
);

export const insertPostedNeed = sql<never, [id: string, consortiumId: string, organizationId: string, dimension: string]>(
  `INSERT INTO needs (id, consortium_id, organization_id, status, origin, dimension) VALUES ($1, $2, $3, 'draft', 'posted', $4)`,
);

/** The organisation's need (any organisation's when `organizationId` is null), its row locked until the transaction ends. */
export const needStatusForUpdate = sql<{ status: NeedStatus }, [consortiumId: string, id: string, organizationId: string | null]>(
  `SELECT status FROM needs WHERE consortium_id = $1 AND id = $2 AND ($3::uuid IS NULL OR organization_id = $3) FOR UPDATE`,
);

/**
 * Who sees a need (`n`): everyone when $2 is true (coordinators), else the staff of the
 * organisation $3 when the need is its own, or when it is a provider that was asked about the
 * need or suggested for it.
 */
const visibleNeed = `($2::boolean OR n.organization_id = $3
  OR EXISTS (SELECT 1 FROM engagements e WHERE e.consortium_id = n.consortium_id AND e.need_id = n.id AND e.provider_id = $3)
  OR EXISTS (SELECT 1 FROM suggestions s WHERE s.consortium_id = n.consortium_id AND s.need_id = n.id AND s.provider_id = $3))`;

/** The needs a reader sees, of an organisation, in a status: each filter optional (null). */
export const visibleNeeds = sql<NeedRow, [consortiumId: string, seesAll: boolean, readerOrganizationId: string, organizationId: string | null, status: string | null]>(
  `SELECT ${needColumns} FROM needs n WHERE n.consortium_id = $1 AND ${visibleNeed} AND ($4::uuid IS NULL OR n.organization_id = $4) AND ($5::text IS NULL OR n.status = $5)
   ORDER BY n.priority NULLS LAST, n.created_at`,
);

export const visibleNeedById = sql<NeedRow, [consortiumId: string, seesAll: boolean, readerOrganizationId: string, id: string]>(
  `SELECT ${needColumns} FROM needs n WHERE n.consortium_id = $1 AND n.id = $4 AND ${visibleNeed}`,
);

export const needById = sql<NeedRow, [consortiumId: string, id: string]>(`SELECT ${needColumns} FROM needs n WHERE n.consortium_id = $1 AND n.id = $2`);

export const openNeed = sql<
  NeedRow,
  [id: string, description: string, language: 'fr' | 'en', budgetMax: number | null, startsOn: string | null, endsOn: string | null, staffHoursPerWeek: number, postedAt: Date]
>(
  `UPDATE needs n SET status = 'open', description = $2, language = $3, budget_max = $4, starts_on = $5, ends_on = $6, staff_hours_per_week = $7, posted_at = $8
   WHERE id = $1 RETURNING ${needColumns}`,
);

/**
 * A readiness gap's draft need; a live need for the same dimension is refreshed unless it already
 * reflects gaps identified later, and a need closed after these gaps were identified is not opened
 * again (no row returned then).
 */
export const saveGapNeed = sql<
  { id: string },
  [id: string, consortiumId: string, organizationId: string, assessmentId: string, dimension: string, currentStage: number, targetStage: number, priority: number, identifiedAt: string]
>(
  `INSERT INTO needs (id, consortium_id, organization_id, status, origin, assessment_id, dimension, current_stage, target_stage, priority, identified_at)
   SELECT $1, $2, $3, 'draft', 'readiness-gap', $4, $5, $6, $7, $8, $9
   WHERE NOT EXISTS (SELECT 1 FROM needs WHERE consortium_id = $2 AND organization_id = $3 AND dimension = $5 AND status = 'closed' AND identified_at >= $9)
   ON CONFLICT (consortium_id, organization_id, dimension) WHERE status IN ('draft', 'open') DO UPDATE
     SET assessment_id = excluded.assessment_id, current_stage = excluded.current_stage, target_stage = excluded.target_stage, priority = excluded.priority,
         identified_at = excluded.identified_at
     WHERE needs.identified_at IS NULL OR needs.identified_at < excluded.identified_at
   RETURNING id`,
);
