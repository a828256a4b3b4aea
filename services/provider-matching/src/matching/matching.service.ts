import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { MatchSuggestedV1, DomainError } from '@ccndr/contracts';
import { Outbox } from '@ccndr/messaging';
import { Candidate, Factor, NeedToMatch, rankProviders } from './ranking';

/** Suggestion lists a provider led within this window count against it when others fit equally. */
const fairnessWindowDays = 30;

export interface StoredSuggestion {
  providerId: string;
  rank: number;
  score: number;
  full: boolean;
  factors: Factor[];
  computedAt: string;
}

/**
 * Computes, stores and announces the ranked suggestions of a need. Runs inside the transaction
 * that changed the need (or the engagement), serialised per consortium so that the fairness
 * rotation sees every list computed before it.
 */
@Injectable()
export class MatchingService {
  constructor(
    private readonly db: DataSource,
    private readonly outbox: Outbox,
  ) {}

  async suggest(manager: EntityManager, consortiumId: string, needId: string, now = new Date()): Promise<void> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext('matching:' || $1))`, [consortiumId]);
    const need = await this.needToMatch(manager, consortiumId, needId);
    const candidates = await this.candidates(manager, consortiumId, need, now);
    const suggestions = rankProviders(need.match, candidates, now);
    await manager.query(`DELETE FROM suggestions WHERE need_id = $1`, [needId]);
    await manager.query(
      `INSERT INTO suggestions (consortium_id, need_id, provider_id, rank, score, full_capacity, factors, computed_at)
       SELECT $1, $2, s."providerId", s.rank, s.score, s."full", s.factors, $4
       FROM jsonb_to_recordset($3::jsonb) AS s("providerId" uuid, rank integer, score numeric, "full" boolean, factors jsonb)`,
      [consortiumId, needId, JSON.stringify(suggestions), now],
    );
    await this.outbox.append(manager, {
      definition: MatchSuggestedV1,
      consortiumId,
      subject: `need/${needId}`,
      data: {
        needId,
        organizationId: need.organizationId,
        dimension: need.match.dimension,
        suggestions: suggestions.map((s) => ({ providerId: s.providerId, rank: s.rank, score: s.score, full: s.full, factors: Object.fromEntries(s.factors.map((f) => [f.key, f.points])) })),
        suggestedAt: now.toISOString(),
      },
    });
  }

  async suggestions(consortiumId: string, needId: string): Promise<StoredSuggestion[]> {
    const rows: { provider_id: string; rank: number; score: string; full_capacity: boolean; factors: Factor[]; computed_at: Date }[] = await this.db.query(
      `SELECT provider_id, rank, score, full_capacity, factors, computed_at FROM suggestions WHERE consortium_id = $1 AND need_id = $2 ORDER BY rank`,
      [consortiumId, needId],
    );
    return rows.map((r) => ({ providerId: r.provider_id, rank: r.rank, score: Number(r.score), full: r.full_capacity, factors: r.factors, computedAt: r.computed_at.toISOString() }));
  }

  private async needToMatch(manager: EntityManager, consortiumId: string, needId: string): Promise<{ organizationId: string; match: NeedToMatch }> {
    // A draft has no language or budget yet: the organisation's preferred language stands in.
    const [row] = await manager.query(
      `SELECT n.id, n.organization_id, n.dimension, n.current_stage, n.target_stage, n.budget_max,
              coalesce(n.language, o.preferred_language, 'fr') AS language, o.province_or_territory AS province
       FROM needs n LEFT JOIN organizations o ON o.consortium_id = n.consortium_id AND o.organization_id = n.organization_id
       WHERE n.consortium_id = $1 AND n.id = $2`,
      [consortiumId, needId],
    );
    if (!row) throw new DomainError('need.not-found');
    return {
      organizationId: row.organization_id,
      match: {
        id: row.id,
        dimension: row.dimension,
        currentStage: row.current_stage,
        targetStage: row.target_stage,
        language: row.language,
        province: row.province,
        budgetMax: row.budget_max === null ? null : Number(row.budget_max),
      },
    };
  }

  /** Providers offering the need's dimension, with what the ranking weighs; those already asked for this need are left out. */
  private async candidates(manager: EntityManager, consortiumId: string, need: { match: NeedToMatch }, now: Date): Promise<Candidate[]> {
    const rows: any[] = await manager.query(
      `WITH offer AS (
         SELECT o.organization_id, json_agg(json_build_object('dimensions', o.dimensions, 'stages', o.stages)) AS offerings
         FROM offerings o WHERE o.consortium_id = $1 AND $2 = ANY (o.dimensions) GROUP BY o.organization_id),
       history AS (
         SELECT e.provider_id,
                count(*) FILTER (WHERE e.status IN ('accepted', 'scoped', 'active'))::int AS active,
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
      [consortiumId, need.match.dimension, need.match.id, now, fairnessWindowDays],
    );
    return rows.map((r) => ({
      providerId: r.organization_id,
      offerings: r.offerings,
      languages: r.languages,
      provincesServed: r.provinces_served,
      remote: r.remote,
      costModel: r.cost_model,
      capacity: r.capacity,
      activeEngagements: r.active,
      profileUpdatedAt: r.updated_at,
      responses: { due: r.due, onTime: r.on_time },
      ratings: { count: r.rating_count, average: r.rating_average },
      declines: r.declines.map((d: any) => ({ ...d, budgetMax: d.budgetMax === null ? null : Number(d.budgetMax), declinedAt: new Date(d.declinedAt) })),
      recentLeads: r.leads,
    }));
  }
}
