import { sql } from '@ccndr/persistence';
import type { Candidate, Factor, PastDecline } from './ranking';
import { slotTaking } from '../engagements/engagements.sql';

/** Live needs of the consortium for one of the provider's dimensions, or whose list names the provider (it may no longer fit). */
export const needsToRematch = sql<{ id: string }, [consortiumId: string, providerId: string, dimensions: string[]]>(
  `SELECT id FROM needs WHERE consortium_id = $1 AND status IN ('draft', 'open')
     AND (dimension = ANY($3) OR id IN (SELECT need_id FROM suggestions WHERE consortium_id = $1 AND provider_id = $2))
   ORDER BY id`,
);

export const deleteSuggestions = sql<never, [needId: string]>(`DELETE FROM suggestions WHERE need_id = $1`);

/** Stores a need's ranked suggestions, given as a JSON array of `{ providerId, rank, score, full, factors }`. */
export const insertSuggestions = sql<never, [consortiumId: string, needId: string, suggestionsJson: string, computedAt: Date]>(
  `INSERT INTO suggestions (consortium_id, need_id, provider_id, rank, score, full_capacity, factors, computed_at)
   SELECT $1, $2, s."providerId", s.rank, s.score, s."full", s.factors, $4
   FROM jsonb_to_recordset($3::jsonb) AS s("providerId" uuid, rank integer, score numeric, "full" boolean, factors jsonb)`,
);

export const storedSuggestions = sql<{ provider_id: string; rank: number; score: string; full_capacity: boolean; factors: Factor[]; computed_at: Date }, [consortiumId: string, needId: string]>(
  `SELECT provider_id, rank, score, full_capacity, factors, computed_at FROM suggestions WHERE consortium_id = $1 AND need_id = $2 ORDER BY rank`,
);

/** What the ranking needs of a need. A draft has no language or budget yet: the organisation's preferred language stands in. */
export const needForMatching = sql<
  {
    id: string;
    organization_id: string;
    dimension: string;
    current_stage: number | null;
    target_stage: number | null;
    budget_max: string | null;
    language: 'fr' | 'en';
    province: string | null;
    stages: { stage: number; name: { fr: string; en: string } }[] | null;
  },
  [consortiumId: string, needId: string]
>(
  `SELECT n.id, n.organization_id, n.dimension, n.current_stage, n.target_stage, n.budget_max,
          coalesce(n.language, o.preferred_language, 'fr') AS language, o.province_or_territory AS province, f.stages
   FROM needs n LEFT JOIN organizations o ON o.consortium_id = n.consortium_id AND o.organization_id = n.organization_id
   LEFT JOIN consortium_frameworks f ON f.consortium_id = n.consortium_id
   WHERE n.consortium_id = $1 AND n.id = $2`,
);

export interface CandidateRow {
  organization_id: string;
  languages: string[];
  provinces_served: string[];
  remote: boolean;
  cost_model: Candidate['costModel'];
  capacity: number;
  updated_at: Date;
  offerings: Candidate['offerings'];
  active: number;
  due: number;
  on_time: number;
  /** JSON: the budget may be a numeric string, the time is text. */
  declines: (Omit<PastDecline, 'budgetMax' | 'declinedAt'> & { budgetMax: string | number | null; declinedAt: string })[];
  rating_count: number;
  rating_average: number | null;
  leads: number;
}

/**
 * Providers offering the need's dimension, with what the ranking weighs; those already asked for
 * this need are left out. Leads count the suggestion lists led within the fairness window.
 */
export const candidates = sql<CandidateRow, [consortiumId: string, dimension: string, needId: string, now: Date, fairnessWindowDays: number]>(
  `WITH offer AS (
     SELECT o.organization_id, json_agg(json_build_object('dimensions', o.dimensions, 'stages', o.stages)) AS offerings
     FROM offerings o WHERE o.consortium_id = $1 AND $2 = ANY (o.dimensions) GROUP BY o.organization_id),
   history AS (
     SELECT e.provider_id,
            count(*) FILTER (WHERE e.status IN ${slotTaking})::int AS active,
            count(*) FILTER (WHERE e.responded_at IS NOT NULL OR (e.status IN ('requested', 'expired') AND e.respond_by < $4))::int AS due,
            count(*) FILTER (WHERE e.responded_at <= e.respond_by)::int AS on_time,
            coalesce(json_agg(json_build_object('reason', e.decline_reason, 'dimension', n.dimension, 'language', n.language, 'province', org.province_or_territory,
                                                'budgetMax', n.budget_max, 'declinedAt', e.responded_at)) FILTER (WHERE e.status = 'declined'), '[]') AS declines
     FROM engagements e
     JOIN needs n ON n.id = e.need_id
     LEFT JOIN organizations org ON org.consortium_id = e.consortium_id AND org.organization_id = e.nonprofit_id
     WHERE e.consortium_id = $1 GROUP BY e.provider_id),
   rated AS (
     SELECT e.provider_id, count(*)::int AS count, avg(r.score)::float AS average
     FROM engagement_ratings r JOIN engagements e ON e.id = r.engagement_id
     WHERE e.consortium_id = $1 AND r.side = 'nonprofit' GROUP BY e.provider_id),
   leads AS (
     SELECT provider_id, count(*)::int AS count FROM suggestions
     WHERE consortium_id = $1 AND rank = 1 AND need_id <> $3 AND computed_at > $4::timestamptz - make_interval(days => $5) GROUP BY provider_id)
   SELECT p.organization_id, p.languages, p.provinces_served, p.remote, p.cost_model, p.capacity, p.updated_at, offer.offerings,
          coalesce(h.active, 0) AS active, coalesce(h.due, 0) AS due, coalesce(h.on_time, 0) AS on_time, coalesce(h.declines, '[]') AS declines,
          coalesce(rated.count, 0) AS rating_count, rated.average AS rating_average, coalesce(leads.count, 0) AS leads
   FROM providers p
   JOIN offer ON offer.organization_id = p.organization_id
   JOIN organizations org ON org.consortium_id = p.consortium_id AND org.organization_id = p.organization_id AND org.left_at IS NULL
   LEFT JOIN history h ON h.provider_id = p.organization_id
   LEFT JOIN rated ON rated.provider_id = p.organization_id
   LEFT JOIN leads ON leads.provider_id = p.organization_id
   WHERE p.consortium_id = $1
     AND NOT EXISTS (SELECT 1 FROM engagements e WHERE e.need_id = $3 AND e.provider_id = p.organization_id)`,
);
