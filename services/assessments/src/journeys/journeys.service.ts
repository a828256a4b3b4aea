import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { JourneyCreatedV1, JourneyMilestoneCompletedV1, JourneyMilestoneDueSetV1, say, DomainError } from '@ccndr/contracts';
import { Outbox } from '@ccndr/messaging';
import { query } from '@ccndr/persistence';
import { fieldsRefused } from '@ccndr/service-kit';
import { Gap } from '../assessments/gaps';
import { Bilingual, Framework } from '../framework/framework.schema';
import { FrameworksService } from '../framework/frameworks.service';
import { insertJourney, insertMilestone, journeyById, milestoneDue, journeyOfAssessment, journeyProgress, JourneyRow, latestJourney, milestoneCompleted, milestoneForUpdate, milestonesOf, saveTarget, targetsOf } from './journeys.sql';

export interface Milestone {
  id: string;
  position: number;
  dimension: string;
  fromStage: number;
  toStage: number;
  step: Bilingual;
  resources: { title: Bilingual; url: string }[];
  completedAt: Date | null;
  note: string | null;
  /** The day the organisation plans to reach it by (YYYY-MM-DD), or none. */
  dueOn: string | null;
}

export interface Journey {
  id: string;
  organizationId: string;
  assessmentId: string;
  createdAt: Date;
  /** Share of milestones completed, 0–100. */
  progress: number;
  milestones: Milestone[];
}

const progressOf = (done: number, total: number) => (total ? Math.round((done / total) * 1000) / 10 : 100);

@Injectable()
export class JourneysService {
  constructor(
    private readonly db: DataSource,
    private readonly outbox: Outbox,
    private readonly frameworks: FrameworksService,
  ) {}

  /** The organisation's target stages per dimension (the next stage up where none is set). */
  async targets(manager: EntityManager | undefined, consortiumId: string, organizationId: string): Promise<Record<string, number>> {
    manager ??= this.db.manager;
    const rows = await query(manager, targetsOf, [consortiumId, organizationId]);
    return Object.fromEntries(rows.map((r) => [r.dimension, r.stage]));
  }

  async setTargets(consortiumId: string, organizationId: string, targets: Record<string, number>): Promise<Record<string, number>> {
    const framework = await this.frameworks.forConsortium(consortiumId);
    const unknown = Object.keys(targets).filter((key) => !framework.dimensions.some((d) => d.key === key));
    if (unknown.length) throw fieldsRefused(unknown.map((k) => ({ code: 'dimension.unknown', field: `targets.${k}`, detail: say('no such dimension', 'aucune dimension de ce nom') })));
    await this.db.transaction(async (manager) => {
      for (const [dimension, stage] of Object.entries(targets)) {
        await query(manager, saveTarget, [consortiumId, organizationId, dimension, stage]);
      }
    });
    return this.targets(this.db.manager, consortiumId, organizationId);
  }

  /**
   * Turns gaps into an ordered journey: for each gap, most pressing first, the framework's next
   * steps from the current stage up to the target, each with its resources.
   */
  async create(manager: EntityManager, framework: Framework, consortiumId: string, assessmentId: string, organizationId: string, gaps: Gap[]): Promise<void> {
    const journeyId = randomUUID();
    const createdAt = new Date();
    const milestones = gaps.flatMap((gap) => {
      const dimension = framework.dimensions.find((d) => d.key === gap.dimension)!;
      const steps = [];
      for (let stage = gap.currentStage; stage < gap.targetStage; stage++) {
        const guidance = dimension.guidance.find((g) => g.stage === stage)!;
        for (const step of guidance.nextSteps) steps.push({ dimension: gap.dimension, fromStage: stage, toStage: stage + 1, step, resources: guidance.resources });
      }
      return steps;
    }).map((m, i) => ({ ...m, id: randomUUID(), position: i + 1 }));
    await query(manager, insertJourney, [journeyId, consortiumId, organizationId, assessmentId, createdAt]);
    for (const m of milestones) {
      await query(manager, insertMilestone, [m.id, journeyId, m.position, m.dimension, m.fromStage, m.toStage, JSON.stringify(m.step), JSON.stringify(m.resources)]);
    }
    await this.outbox.append(manager, consortiumId, JourneyCreatedV1, {
      journeyId,
      assessmentId,
      organizationId,
      milestones: milestones.map((m) => ({ milestoneId: m.id, position: m.position, dimension: m.dimension, fromStage: m.fromStage, toStage: m.toStage })),
      createdAt: createdAt.toISOString(),
    });
  }

  /** The organisation's current journey: the one from its latest completed assessment. */
  async current(consortiumId: string, organizationId: string): Promise<Journey> {
    const [journey] = await query(this.db, latestJourney, [consortiumId, organizationId]);
    if (!journey) throw new DomainError('journey.not-started');
    return this.view(journey);
  }

  /** The journey generated from one assessment, if any. */
  async ofAssessment(assessmentId: string): Promise<Journey | null> {
    const [journey] = await query(this.db, journeyOfAssessment, [assessmentId]);
    return journey ? this.view(journey) : null;
  }

  async completeMilestone(consortiumId: string, organizationId: string, milestoneId: string, memberId: string, note: string | null): Promise<Journey> {
    const journeyId = await this.db.transaction(async (manager) => {
      const [milestone] = await query(manager, milestoneForUpdate, [consortiumId, organizationId, milestoneId]);
      if (!milestone) throw new DomainError('milestone.not-found');
      if (milestone.completed_at) throw new DomainError('milestone.already-completed');
      const completedAt = new Date();
      await query(manager, milestoneCompleted, [milestoneId, completedAt, memberId, note]);
      const [{ done, total }] = await query(manager, journeyProgress, [milestone.journey_id]);
      await this.outbox.append(manager, consortiumId, JourneyMilestoneCompletedV1, { journeyId: milestone.journey_id, milestoneId, organizationId, dimension: milestone.dimension, progress: progressOf(done, total), completedAt: completedAt.toISOString() });
      return milestone.journey_id;
    });
    const [journey] = await query(this.db, journeyById, [journeyId]);
    return this.view(journey);
  }

  /** Sets (or clears: null) the day a milestone is due; community reminds the organisation's members before it. */
  async setMilestoneDue(consortiumId: string, organizationId: string, milestoneId: string, dueOn: string | null): Promise<Journey> {
    const journeyId = await this.db.transaction(async (manager) => {
      const [milestone] = await query(manager, milestoneForUpdate, [consortiumId, organizationId, milestoneId]);
      if (!milestone) throw new DomainError('milestone.not-found');
      if (milestone.completed_at) throw new DomainError('milestone.already-completed');
      await query(manager, milestoneDue, [milestoneId, dueOn]);
      await this.outbox.append(manager, consortiumId, JourneyMilestoneDueSetV1, { journeyId: milestone.journey_id, milestoneId, organizationId, dimension: milestone.dimension, step: milestone.step, dueOn, setAt: new Date().toISOString() });
      return milestone.journey_id;
    });
    const [journey] = await query(this.db, journeyById, [journeyId]);
    return this.view(journey);
  }

  private async view(journey: JourneyRow): Promise<Journey> {
    const milestones = await query(this.db, milestonesOf, [journey.id]);
    return {
      id: journey.id,
      organizationId: journey.organization_id,
      assessmentId: journey.assessment_id,
      createdAt: journey.created_at,
      progress: progressOf(milestones.filter((m) => m.completedAt).length, milestones.length),
      milestones,
    };
  }
}
