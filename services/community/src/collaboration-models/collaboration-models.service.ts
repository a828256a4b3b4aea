import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { Principal } from '@ccndr/auth';
import { CollaborationModelProposedV1, CollaborationModelReviewedV1, CollaborationModelViabilityCheckedV1, EventData, expertCriteria, say, stakeholderCriteria, DomainError } from '@ccndr/contracts';
import { Outbox } from '@ccndr/messaging';
import { query } from '@ccndr/persistence';
import { CirclesService } from '../circles/circles.service';
import { ConsortiaService } from '../consortia/consortia.service';
import { MembersService } from '../members/members.service';
import { raterAgreement } from '@ccndr/statistics';
import {
  activeMembersAmong,
  addExperts,
  circlePrototype,
  expertsOf,
  insertModel,
  insertReview,
  isExpert,
  modelById,
  modelForUpdate,
  modelIdsOf,
  removeExpertsBut,
  reviewsOf,
  setViability,
  stakeholderReviewersAmong,
} from './collaboration-models.sql';

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
      const [circle] = await query(manager, circlePrototype, [consortiumId, input.circleId]);
      if (!circle) throw new DomainError('circle.unknown', { field: 'circleId', detail: say('no such circle in this consortium', 'aucun cercle de ce nom dans ce consortium') });
      if (!(await this.circles.isActiveMember(manager, input.circleId, member.id))) throw new DomainError('circle.members-only', { detail: say('only active members of the circle propose its models', 'seuls les membres actifs du cercle proposent ses modèles') });
      const prototype = input.prototype ?? circle.prototype ?? null;
      const proposedAt = new Date();
      await query(manager, insertModel, [id, consortiumId, input.circleId, input.title, input.description, prototype, input.businessModelNotes, member.id, member.organizationId, proposedAt]);
      await this.outbox.append(manager, consortiumId, CollaborationModelProposedV1, { modelId: id, circleId: input.circleId, prototype, organizationId: member.organizationId, proposedAt: proposedAt.toISOString() });
    });
    return this.get(consortiumId, id);
  }

  async designateExperts(consortiumId: string, modelId: string, memberIds: string[]): Promise<CollaborationModel> {
    await this.db.transaction(async (manager) => {
      await this.requireModel(manager, consortiumId, modelId);
      const unique = [...new Set(memberIds)];
      const found = await query(manager, activeMembersAmong, [consortiumId, unique]);
      const unknown = unique.filter((id) => !found.some((m) => m.id === id));
      if (unknown.length) throw new DomainError('member.unknown', { field: 'memberIds', detail: say(`not members of this consortium: ${unknown.join(', ')}`, `pas membres de ce consortium\u00a0: ${unknown.join(', ')}`) });
      const reviewed = await query(manager, stakeholderReviewersAmong, [modelId, unique]);
      if (reviewed.length) throw new DomainError('collaboration-model.already-reviewed', { field: 'memberIds', detail: say(`already reviewed as stakeholders: ${reviewed.map((r) => r.member_id).join(', ')}`, `déjà consultés comme parties prenantes\u00a0: ${reviewed.map((r) => r.member_id).join(', ')}`) });
      await query(manager, removeExpertsBut, [modelId, unique]);
      await query(manager, addExperts, [consortiumId, modelId, unique]);
    });
    return this.get(consortiumId, modelId);
  }

  async checkViability(consortiumId: string, modelId: string, viability: Viability): Promise<CollaborationModel> {
    await this.db.transaction(async (manager) => {
      await this.requireModel(manager, consortiumId, modelId);
      await query(manager, setViability, [modelId, JSON.stringify(viability)]);
      await this.outbox.append(manager, consortiumId, CollaborationModelViabilityCheckedV1, { modelId, ...viability, checkedAt: new Date().toISOString() });
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
      const expert = (await query(manager, isExpert, [modelId, member.id])).length > 0;
      const role = expert ? 'expert' : 'stakeholder';
      const criteria: readonly string[] = expert ? expertCriteria : stakeholderCriteria;
      const given = Object.keys(input.scores).sort();
      if (given.join() !== [...criteria].sort().join()) {
        throw new DomainError('collaboration-model.wrong-criteria', { field: 'scores', detail: say(`as ${role === 'expert' ? 'a designated expert' : 'a stakeholder'}, rate exactly ${criteria.join(', ')}`, `en tant ${role === 'expert' ? 'qu’expert·e désigné·e' : 'que partie prenante'}, notez exactement ${criteria.join(', ')}`) });
      }
      const reviewId = randomUUID();
      const reviewedAt = new Date();
      const inserted = await query(manager, insertReview, [reviewId, consortiumId, modelId, member.id, member.organizationId, role, JSON.stringify(input.scores), input.comment, reviewedAt]);
      if (!inserted.length) throw new DomainError('collaboration-model.already-reviewed', { detail: say('you already reviewed this model', 'vous avez déjà évalué ce modèle') });
      await this.outbox.append(manager, consortiumId, CollaborationModelReviewedV1, { modelId, reviewId, reviewerRole: role, organizationId: member.organizationId, scores: input.scores as EventData<typeof CollaborationModelReviewedV1>['scores'], reviewedAt: reviewedAt.toISOString() });
    });
    return this.get(consortiumId, modelId);
  }

  async list(consortiumId: string): Promise<CollaborationModel[]> {
    await this.consortia.require(consortiumId);
    const ids = await query(this.db, modelIdsOf, [consortiumId]);
    return Promise.all(ids.map(({ id }) => this.get(consortiumId, id)));
  }

  /** The model with its reviews summarised per criterion: raters, average and rater agreement. */
  async get(consortiumId: string, modelId: string): Promise<CollaborationModel> {
    const [row] = await query(this.db, modelById, [consortiumId, modelId]);
    if (!row) throw new DomainError('collaboration-model.not-found');
    const experts = await query(this.db, expertsOf, [modelId]);
    const reviews = await query(this.db, reviewsOf, [modelId]);
    const summarise = <K extends string>(role: string, criteria: readonly K[]) =>
      Object.fromEntries(
        criteria.map((criterion) => {
          const scores = reviews.filter((r) => r.reviewer_role === role).map((r) => r.scores[criterion]);
          const average = scores.length ? Math.round((scores.reduce((a, b) => a + b, 0) / scores.length) * 100) / 100 : null;
          return [criterion, { raters: scores.length, average, agreement: raterAgreement(scores) }];
        }),
      ) as Record<K, CriterionSummary>;
    return {
      ...row,
      experts: experts.map((e) => e.member_id),
      stakeholderReviews: summarise('stakeholder', stakeholderCriteria),
      expertReviews: summarise('expert', expertCriteria),
    };
  }

  private async requireModel(manager: EntityManager, consortiumId: string, modelId: string): Promise<void> {
    await this.consortia.require(consortiumId, manager);
    const [found] = await query(manager, modelForUpdate, [consortiumId, modelId]);
    if (!found) throw new DomainError('collaboration-model.not-found');
  }
}
