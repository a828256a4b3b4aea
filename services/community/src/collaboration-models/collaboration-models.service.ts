import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { Principal } from '@ccndr/auth';
import { CollaborationModelProposedV1, CollaborationModelReviewedV1, CollaborationModelViabilityCheckedV1, EventData, expertCriteria, say, stakeholderCriteria, DomainError } from '@ccndr/contracts';
import { Outbox } from '@ccndr/messaging';
import { CirclesService } from '../circles/circles.service';
import { ConsortiaService } from '../consortia/consortia.service';
import { MembersService } from '../members/members.service';
import { raterAgreement } from '@ccndr/statistics';

export interface Viability {
  scalability: boolean;
  efficientUseOfResources: boolean;
  sustainability: boolean;
}

export interface CriterionSummary {
  raters: number;
  average: number | null;
  agreement: number | null;
}

export interface CollaborationModel {
  id: string;
  circleId: string;
  title: string;
  description: string;
  prototype: 1 | 2 | 3 | null;
  businessModelNotes: string | null;
  proposedBy: string;
  organizationId: string;
  proposedAt: Date;
  viability: Viability | null;
  experts: string[];
  stakeholderReviews: Record<(typeof stakeholderCriteria)[number], CriterionSummary>;
  expertReviews: Record<(typeof expertCriteria)[number], CriterionSummary>;
}

@Injectable()
export class CollaborationModelsService {
  constructor(
    private readonly db: DataSource,
    private readonly outbox: Outbox,
    private readonly consortia: ConsortiaService,
    private readonly members: MembersService,
    private readonly circles: CirclesService,
  ) {}

  /** An active member of a circle proposes a model on behalf of that working group. */
  async propose(consortiumId: string, principal: Principal, input: { circleId: string; title: string; description: string; prototype: 1 | 2 | 3 | null; businessModelNotes: string | null }): Promise<CollaborationModel> {
    const id = randomUUID();
    await this.db.transaction(async (manager) => {
      await this.consortia.require(consortiumId, manager);
      const member = await this.members.actingMember(consortiumId, principal, manager);
      const [circle] = await manager.query(`SELECT prototype FROM circles WHERE consortium_id = $1 AND id = $2`, [consortiumId, input.circleId]);
      if (!circle) throw new DomainError('circle.unknown', { field: 'circleId', detail: say('no such circle in this consortium', 'aucun cercle de ce nom dans ce consortium') });
      if (!(await this.circles.isActiveMember(manager, input.circleId, member.id))) throw new DomainError('circle.members-only', { detail: say('only active members of the circle propose its models', 'seuls les membres actifs du cercle proposent ses modèles') });
      const prototype = input.prototype ?? circle.prototype ?? null;
      const proposedAt = new Date();
      await manager.query(
        `INSERT INTO collaboration_models (id, consortium_id, circle_id, title, description, prototype, business_model_notes, proposed_by, organization_id, proposed_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
        [id, consortiumId, input.circleId, input.title, input.description, prototype, input.businessModelNotes, member.id, member.organizationId, proposedAt],
      );
      await this.outbox.append(manager, {
        definition: CollaborationModelProposedV1,
        consortiumId,
        subject: `collaboration-model/${id}`,
        data: { modelId: id, circleId: input.circleId, prototype, organizationId: member.organizationId, proposedAt: proposedAt.toISOString() },
      });
    });
    return this.get(consortiumId, id);
  }

  async designateExperts(consortiumId: string, modelId: string, memberIds: string[]): Promise<CollaborationModel> {
    await this.db.transaction(async (manager) => {
      await this.requireModel(manager, consortiumId, modelId);
      const unique = [...new Set(memberIds)];
      const found: { id: string }[] = await manager.query(`SELECT id FROM members WHERE consortium_id = $1 AND id = ANY($2::uuid[]) AND left_at IS NULL`, [consortiumId, unique]);
      const unknown = unique.filter((id) => !found.some((m) => m.id === id));
      if (unknown.length) throw new DomainError('member.unknown', { field: 'memberIds', detail: say(`not members of this consortium: ${unknown.join(', ')}`, `pas membres de ce consortium : ${unknown.join(', ')}`) });
      const reviewed: { member_id: string }[] = await manager.query(`SELECT member_id FROM model_reviews WHERE model_id = $1 AND reviewer_role = 'stakeholder' AND member_id = ANY($2::uuid[])`, [modelId, unique]);
      if (reviewed.length) throw new DomainError('collaboration-model.already-reviewed', { field: 'memberIds', detail: say(`already reviewed as stakeholders: ${reviewed.map((r) => r.member_id).join(', ')}`, `déjà consultés comme parties prenantes : ${reviewed.map((r) => r.member_id).join(', ')}`) });
      await manager.query(`DELETE FROM model_experts WHERE model_id = $1 AND NOT (member_id = ANY($2::uuid[]))`, [modelId, unique]);
      await manager.query(`INSERT INTO model_experts (consortium_id, model_id, member_id) SELECT $1, $2, unnest($3::uuid[]) ON CONFLICT DO NOTHING`, [consortiumId, modelId, unique]);
    });
    return this.get(consortiumId, modelId);
  }

  async checkViability(consortiumId: string, modelId: string, viability: Viability): Promise<CollaborationModel> {
    await this.db.transaction(async (manager) => {
      await this.requireModel(manager, consortiumId, modelId);
      await manager.query(`UPDATE collaboration_models SET viability = $2 WHERE id = $1`, [modelId, JSON.stringify(viability)]);
      await this.outbox.append(manager, {
        definition: CollaborationModelViabilityCheckedV1,
        consortiumId,
        subject: `collaboration-model/${modelId}`,
        data: { modelId, ...viability, checkedAt: new Date().toISOString() },
      });
    });
    return this.get(consortiumId, modelId);
  }

  /**
   * One review per person. Designated experts rate impact, viability and relevance; everyone else
   * rates feasibility, effectiveness and scalability as a stakeholder.
   */
  async review(consortiumId: string, modelId: string, principal: Principal, input: { scores: Record<string, number>; comment: string | null }): Promise<CollaborationModel> {
    await this.db.transaction(async (manager) => {
      await this.requireModel(manager, consortiumId, modelId);
      const member = await this.members.actingMember(consortiumId, principal, manager);
      const expert = (await manager.query(`SELECT 1 FROM model_experts WHERE model_id = $1 AND member_id = $2`, [modelId, member.id])).length > 0;
      const role = expert ? 'expert' : 'stakeholder';
      const criteria: readonly string[] = expert ? expertCriteria : stakeholderCriteria;
      const given = Object.keys(input.scores).sort();
      if (given.join() !== [...criteria].sort().join()) {
        throw new DomainError('collaboration-model.wrong-criteria', { field: 'scores', detail: say(`as ${role === 'expert' ? 'a designated expert' : 'a stakeholder'}, rate exactly ${criteria.join(', ')}`, `en tant ${role === 'expert' ? 'qu’expert·e désigné·e' : 'que partie prenante'}, notez exactement ${criteria.join(', ')}`) });
      }
      const reviewId = randomUUID();
      const reviewedAt = new Date();
      const inserted = await manager.query(
        `INSERT INTO model_reviews (id, consortium_id, model_id, member_id, organization_id, reviewer_role, scores, comment, reviewed_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (model_id, member_id) DO NOTHING RETURNING id`,
        [reviewId, consortiumId, modelId, member.id, member.organizationId, role, JSON.stringify(input.scores), input.comment, reviewedAt],
      );
      if (!inserted.length) throw new DomainError('collaboration-model.already-reviewed', { detail: say('you already reviewed this model', 'vous avez déjà évalué ce modèle') });
      await this.outbox.append(manager, {
        definition: CollaborationModelReviewedV1,
        consortiumId,
        subject: `collaboration-model/${modelId}`,
        data: { modelId, reviewId, reviewerRole: role, organizationId: member.organizationId, scores: input.scores as EventData<typeof CollaborationModelReviewedV1>['scores'], reviewedAt: reviewedAt.toISOString() },
      });
    });
    return this.get(consortiumId, modelId);
  }

  async list(consortiumId: string): Promise<CollaborationModel[]> {
    await this.consortia.require(consortiumId);
    const ids: { id: string }[] = await this.db.query(`SELECT id FROM collaboration_models WHERE consortium_id = $1 ORDER BY proposed_at`, [consortiumId]);
    return Promise.all(ids.map(({ id }) => this.get(consortiumId, id)));
  }

  /** The model with its reviews summarised per criterion: raters, average and rater agreement. */
  async get(consortiumId: string, modelId: string): Promise<CollaborationModel> {
    const [row] = await this.db.query(`SELECT * FROM collaboration_models WHERE consortium_id = $1 AND id = $2`, [consortiumId, modelId]);
    if (!row) throw new DomainError('collaboration-model.not-found');
    const experts: { member_id: string }[] = await this.db.query(`SELECT member_id FROM model_experts WHERE model_id = $1 ORDER BY member_id`, [modelId]);
    const reviews: { reviewer_role: string; scores: Record<string, number> }[] = await this.db.query(`SELECT reviewer_role, scores FROM model_reviews WHERE model_id = $1`, [modelId]);
    const summarise = <K extends string>(role: string, criteria: readonly K[]) =>
      Object.fromEntries(
        criteria.map((criterion) => {
          const scores = reviews.filter((r) => r.reviewer_role === role).map((r) => r.scores[criterion]);
          const average = scores.length ? Math.round((scores.reduce((a, b) => a + b, 0) / scores.length) * 100) / 100 : null;
          return [criterion, { raters: scores.length, average, agreement: raterAgreement(scores) }];
        }),
      ) as Record<K, CriterionSummary>;
    return {
      id: row.id,
      circleId: row.circle_id,
      title: row.title,
      description: row.description,
      prototype: row.prototype,
      businessModelNotes: row.business_model_notes,
      proposedBy: row.proposed_by,
      organizationId: row.organization_id,
      proposedAt: row.proposed_at,
      viability: row.viability,
      experts: experts.map((e) => e.member_id),
      stakeholderReviews: summarise('stakeholder', stakeholderCriteria),
      expertReviews: summarise('expert', expertCriteria),
    };
  }

  private async requireModel(manager: EntityManager, consortiumId: string, modelId: string): Promise<void> {
    await this.consortia.require(consortiumId, manager);
    const [found] = await manager.query(`SELECT 1 FROM collaboration_models WHERE consortium_id = $1 AND id = $2 FOR UPDATE`, [consortiumId, modelId]);
    if (!found) throw new DomainError('collaboration-model.not-found');
  }
}
