import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { MatchSuggestedV1, DomainError } from '@ccndr/contracts';
import { Outbox } from '@ccndr/messaging';
import { query } from '@ccndr/persistence';
import { lockKey } from '../engagements/engagements.sql';
import { Candidate, Factor, NeedToMatch, rankProviders } from './ranking';
import { candidates, deleteSuggestions, insertSuggestions, needForMatching, storedSuggestions } from './matching.sql';

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
    await query(manager, lockKey, [`matching:${consortiumId}`]);
    const need = await this.needToMatch(manager, consortiumId, needId);
    const candidates = await this.candidates(manager, consortiumId, need, now);
    const suggestions = rankProviders(need.match, candidates, now);
    await query(manager, deleteSuggestions, [needId]);
    await query(manager, insertSuggestions, [consortiumId, needId, JSON.stringify(suggestions), now]);
    await this.outbox.append(manager, consortiumId, MatchSuggestedV1, {
      needId,
      organizationId: need.organizationId,
      dimension: need.match.dimension,
      suggestions: suggestions.map((s) => ({ providerId: s.providerId, rank: s.rank, score: s.score, full: s.full, factors: Object.fromEntries(s.factors.map((f) => [f.key, f.points])) })),
      suggestedAt: now.toISOString(),
    });
  }

  async suggestions(consortiumId: string, needId: string): Promise<StoredSuggestion[]> {
    const rows = await query(this.db, storedSuggestions, [consortiumId, needId]);
    return rows.map((r) => ({ providerId: r.provider_id, rank: r.rank, score: Number(r.score), full: r.full_capacity, factors: r.factors, computedAt: r.computed_at.toISOString() }));
  }

  private async needToMatch(manager: EntityManager, consortiumId: string, needId: string): Promise<{ organizationId: string; match: NeedToMatch }> {
    const [row] = await query(manager, needForMatching, [consortiumId, needId]);
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
        stageNames: Object.fromEntries((row.stages ?? []).map((s) => [s.stage, s.name])),
      },
    };
  }

  /** Providers offering the need's dimension, with what the ranking weighs; those already asked for this need are left out. */
  private async candidates(manager: EntityManager, consortiumId: string, need: { match: NeedToMatch }, now: Date): Promise<Candidate[]> {
    const rows = await query(manager, candidates, [consortiumId, need.match.dimension, need.match.id, now, fairnessWindowDays]);
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
      declines: r.declines.map((d) => ({ ...d, budgetMax: d.budgetMax === null ? null : Number(d.budgetMax), declinedAt: new Date(d.declinedAt) })),
      recentLeads: r.leads,
    }));
  }
}
