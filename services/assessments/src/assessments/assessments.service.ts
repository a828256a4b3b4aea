import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { actsForOthers, Principal } from '@ccndr/auth';
import { AssessmentCompletedV1, AssessmentStartedV1, AssessmentSubmittedV1, ReadinessGapsIdentifiedV1, say, DomainError, FieldError } from '@ccndr/contracts';
import { fieldsRefused } from '@ccndr/service-kit';
import { Outbox } from '@ccndr/messaging';
import { query } from '@ccndr/persistence';
import { OrganizationAccess } from '@ccndr/community-directory';
import { JourneysService } from '../journeys/journeys.service';
import { Framework } from '../framework/framework.schema';
import { FrameworksService } from '../framework/frameworks.service';
import {
  activeMembersOfOrganization,
  answersOf,
  assessmentById,
  assessmentCompleted,
  assessmentForUpdate,
  assessmentFramework,
  assessmentIds,
  assessmentOrganization,
  insertAssessment,
  insertRespondents,
  respondentOf,
  respondentsOf,
  respondentSubmitted,
  saveAnswers,
} from './assessments.sql';
import { identifyGaps } from './gaps';
import { Answers, AssessmentScore, questionRef, scoreAssessment, unanswered } from './scoring';

export interface AssessmentView {
  id: string;
  organizationId: string;
  frameworkVersion: string;
  mode: 'individual' | 'team';
  startedAt: Date;
  completedAt: Date | null;
  respondents: { memberId: string; answered: number; submitted: boolean }[];
  questions: number;
  /** The caller's own answers and evidence notes, when they are a respondent. */
  mine: { answers: Answers; evidence: Record<string, string> } | null;
  result: (AssessmentScore & { gaps: ReturnType<typeof identifyGaps> }) | null;
}

@Injectable()
export class AssessmentsService {

  constructor(
    private readonly db: DataSource,
    private readonly outbox: Outbox,
    private readonly access: OrganizationAccess,
    private readonly journeys: JourneysService,
    private readonly frameworks: FrameworksService,
  ) {}

  /** The caller starts an assessment for their organisation, alone or with teammates who each answer alone. */
  async start(consortiumId: string, principal: Principal, input: { organizationId: string; respondentMemberIds: string[] | null }): Promise<AssessmentView> {
    const id = randomUUID();
    await this.db.transaction(async (manager) => {
      const caller = await this.access.actingMember(consortiumId, principal, manager);
      if (caller.organizationId !== input.organizationId) throw new DomainError('access.own-organization-only', { detail: say('you can only start an assessment for your own organization', 'vous ne pouvez commencer une autoévaluation que pour votre propre organisme') });
      const respondents = [...new Set(input.respondentMemberIds ?? [caller.memberId])];
      const members = await query(manager, activeMembersOfOrganization, [consortiumId, input.organizationId, respondents]);
      const outsiders = respondents.filter((m) => !members.some((row) => row.member_id === m));
      if (outsiders.length) throw new DomainError('member.not-in-organization', { field: 'respondentMemberIds', detail: say(`not members of this organization: ${outsiders.join(', ')}`, `pas membres de cet organisme\u00a0: ${outsiders.join(', ')}`) });
      const mode = respondents.length > 1 ? 'team' : 'individual';
      const framework = await this.frameworks.forConsortium(consortiumId, manager);
      const startedAt = new Date();
      await query(manager, insertAssessment, [id, consortiumId, input.organizationId, framework.version, mode, caller.memberId, startedAt]);
      await query(manager, insertRespondents, [id, respondents]);
      await this.outbox.append(manager, consortiumId, AssessmentStartedV1, { assessmentId: id, organizationId: input.organizationId, frameworkVersion: framework.version, mode, respondents: respondents.length, respondentMemberIds: respondents, startedByMemberId: caller.memberId, startedAt: startedAt.toISOString() });
    });
    return this.get(consortiumId, id, principal);
  }

  /** Saves answers as the respondent goes (any order, any number at a time), with optional evidence notes. */
  async answer(consortiumId: string, assessmentId: string, principal: Principal, input: { answers: Record<string, string>; evidence: Record<string, string> }): Promise<AssessmentView> {
    const framework = await this.frameworkOf(consortiumId, assessmentId);
    const questions = new Map(framework.dimensions.flatMap((d) => d.questions.map((q) => [questionRef(d.key, q.key), q] as const)));
    const problems: FieldError[] = [];
    for (const [ref, option] of Object.entries(input.answers)) {
      const question = questions.get(ref);
      if (!question) problems.push({ code: 'assessment.unknown-question', field: `answers.${ref}`, detail: say(`no such question in framework ${framework.version}`, `aucune question de ce nom dans le cadre ${framework.version}`) });
      else if (!question.options.some((o) => o.key === option)) problems.push({ code: 'assessment.unknown-option', field: `answers.${ref}`, detail: say(`no answer option "${option}"`, `aucune option de réponse «\u00a0${option}\u00a0»`) });
    }
    for (const ref of Object.keys(input.evidence)) if (!questions.has(ref)) problems.push({ code: 'assessment.unknown-question', field: `evidence.${ref}`, detail: say(`no such question in framework ${framework.version}`, `aucune question de ce nom dans le cadre ${framework.version}`) });
    if (problems.length) throw fieldsRefused(problems);

    await this.db.transaction(async (manager) => {
      const respondent = await this.respondent(manager, consortiumId, assessmentId, principal);
      if (respondent.submitted_at) throw new DomainError('assessment.already-submitted');
      await query(manager, saveAnswers, [assessmentId, respondent.member_id, JSON.stringify(input.answers), JSON.stringify(input.evidence)]);
    });
    return this.get(consortiumId, assessmentId, principal);
  }

  /** The respondent submits; once everyone has, the organisation's result is computed and published. */
  async submit(consortiumId: string, assessmentId: string, principal: Principal): Promise<AssessmentView> {
    await this.db.transaction(async (manager) => {
      const respondent = await this.respondent(manager, consortiumId, assessmentId, principal);
      if (respondent.submitted_at) throw new DomainError('assessment.already-submitted');
      const framework = await this.frameworkOf(consortiumId, assessmentId, manager);
      const missing = unanswered(framework, respondent.answers);
      if (missing.length) throw new DomainError('assessment.unanswered-questions', { field: 'answers', detail: say(`${missing.length} question(s) still unanswered`, `${missing.length} question(s) encore sans réponse`), extra: { unanswered: missing } });
      const submittedAt = new Date();
      await query(manager, respondentSubmitted, [assessmentId, respondent.member_id, submittedAt]);
      const rows = await query(manager, answersOf, [assessmentId]);
      const remaining = rows.filter((r) => !r.submitted_at).length;
      const [assessment] = await query(manager, assessmentOrganization, [assessmentId]);
      await this.outbox.append(manager, consortiumId, AssessmentSubmittedV1, { assessmentId, organizationId: assessment.organization_id, memberId: respondent.member_id, submittedAt: submittedAt.toISOString(), remainingRespondents: remaining });
      if (remaining === 0) await this.complete(manager, framework, consortiumId, assessmentId, assessment.organization_id, rows.map((r) => r.answers));
    });
    return this.get(consortiumId, assessmentId, principal);
  }

  /**
   * Assessments, newest first: of one organisation (its members and coordinators), or without one,
   * the caller's own organisation's (every organisation's for coordinators).
   */
  async list(consortiumId: string, organizationId: string | undefined, principal: Principal): Promise<AssessmentView[]> {
    await this.access.requireConsortium(consortiumId);
    const seesAll = actsForOthers(principal, consortiumId);
    const organization = organizationId ?? (seesAll ? null : (await this.access.actingMember(consortiumId, principal)).organizationId);
    if (organization) await this.access.ensureCanSee(consortiumId, organization, principal);
    const rows = await query(this.db, assessmentIds, [consortiumId, organization]);
    return Promise.all(rows.map((r) => this.get(consortiumId, r.id, principal)));
  }

  async get(consortiumId: string, assessmentId: string, principal: Principal): Promise<AssessmentView> {
    const [row] = await query(this.db, assessmentById, [consortiumId, assessmentId]);
    if (!row) throw new DomainError('assessment.not-found');
    await this.access.ensureCanSee(consortiumId, row.organization_id, principal).catch(() => {
      throw new DomainError('assessment.not-found');
    });
    const caller = await this.access.findMember(consortiumId, principal);
    const respondents = await query(this.db, respondentsOf, [assessmentId]);
    const mine = respondents.find((r) => r.member_id === caller?.memberId);
    return {
      id: row.id,
      organizationId: row.organization_id,
      frameworkVersion: row.framework_version,
      mode: row.mode,
      startedAt: row.started_at,
      completedAt: row.completed_at,
      respondents: respondents.map((r) => ({ memberId: r.member_id, answered: Object.keys(r.answers).length, submitted: Boolean(r.submitted_at) })),
      questions: (await this.frameworks.get(row.framework_version)).dimensions.reduce((n, d) => n + d.questions.length, 0),
      mine: mine ? { answers: mine.answers, evidence: mine.evidence } : null,
      result: row.result,
    };
  }

  private async complete(manager: EntityManager, framework: Framework, consortiumId: string, assessmentId: string, organizationId: string, answers: Answers[]): Promise<void> {
    const score = scoreAssessment(framework, answers);
    const gaps = identifyGaps(score.dimensions, await this.journeys.targets(manager, consortiumId, organizationId));
    const completedAt = new Date();
    await query(manager, assessmentCompleted, [assessmentId, completedAt, JSON.stringify({ ...score, gaps })]);
    await this.outbox.append(manager, consortiumId, AssessmentCompletedV1, {
      assessmentId,
      organizationId,
      frameworkVersion: framework.version,
      respondents: score.respondents,
      dimensions: score.dimensions.map((d) => ({ dimension: d.dimension, score: d.score, stage: d.stage, spread: d.spread?.range ?? null })),
      overall: score.overall,
      completedAt: completedAt.toISOString(),
    });
    await this.outbox.append(manager, consortiumId, ReadinessGapsIdentifiedV1, { assessmentId, organizationId, frameworkVersion: framework.version, gaps, identifiedAt: completedAt.toISOString() });
    await this.journeys.create(manager, framework, consortiumId, assessmentId, organizationId, gaps);
  }

  /** The framework version an assessment was started with: it stays the same to the end. */
  private async frameworkOf(consortiumId: string, assessmentId: string, manager: EntityManager = this.db.manager): Promise<Framework> {
    const [row] = await query(manager, assessmentFramework, [consortiumId, assessmentId]);
    if (!row) throw new DomainError('assessment.not-found');
    return this.frameworks.get(row.framework_version, manager);
  }

  private async respondent(manager: EntityManager, consortiumId: string, assessmentId: string, principal: Principal) {
    const [assessment] = await query(manager, assessmentForUpdate, [consortiumId, assessmentId]);
    if (!assessment) throw new DomainError('assessment.not-found');
    const caller = await this.access.actingMember(consortiumId, principal, manager);
    const [respondent] = await query(manager, respondentOf, [assessmentId, caller.memberId]);
    if (!respondent) throw new DomainError('assessment.not-a-respondent');
    return respondent;
  }
}
