import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { Principal } from '@ccndr/auth';
import { FeedbackSubmittedV1, say, SurveyPublishedV1, DomainError, FieldError } from '@ccndr/contracts';
import { fieldsRefused } from '@ccndr/service-kit';
import { Outbox } from '@ccndr/messaging';
import { smallCellThreshold, suppressSmallCells, suppressSmallCount } from '@ccndr/indicators';
import { query } from '@ccndr/persistence';
import { ConsortiaService } from '../consortia/consortia.service';
import { MembersService } from '../members/members.service';
import { defaultQuestions, SurveyQuestion } from './survey-questions';
import { answersTo, gatheringExists, insertResponse, insertSurvey, responseOf, surveysOf, surveysToAnswer } from './surveys.sql';

export interface Survey {
  id: string;
  gatheringId: string | null;
  title: { fr: string; en: string };
  questions: SurveyQuestion[];
  publishedAt: Date;
  closesAt: Date | null;
  /** null: from 1 to 4 responses (a small count, not shown). */
  responses: number | null;
}

export interface QuestionResult {
  key: string;
  kind: 'scale' | 'text';
  criterion: string | null;
  label: { fr: string; en: string };
  /** null: from 1 to 4 (a small count, not shown). */
  answered: number | null;
  average?: number | null;
  distribution?: Record<'1' | '2' | '3' | '4' | '5', number | null>;
  comments?: string[];
}

export interface SurveyResults {
  surveyId: string;
  /** null: from 1 to 4 responses, when nothing else is shown either (`suppressed`). */
  responses: number | null;
  suppressed: boolean;
  /** The fewest responses results are shown for. */
  threshold: number;
  questions: QuestionResult[];
}

@Injectable()
export class SurveysService {
  constructor(
    private readonly db: DataSource,
    private readonly outbox: Outbox,
    private readonly consortia: ConsortiaService,
    private readonly members: MembersService,
  ) {}

  async publish(consortiumId: string, input: { gatheringId: string | null; title: { fr: string; en: string }; questions: SurveyQuestion[] | null; closesAt: string | null }): Promise<Survey> {
    const questions = input.questions ?? defaultQuestions;
    const keys = questions.map((q) => q.key);
    if (new Set(keys).size !== keys.length) throw new DomainError('survey.duplicate-question', { field: 'questions', detail: say('each key must be unique', 'chaque clé doit être unique') });
    if (!questions.some((q) => q.kind === 'scale')) throw new DomainError('survey.scale-question-required', { field: 'questions' });
    if (input.closesAt && new Date(input.closesAt).getTime() <= Date.now()) throw new DomainError('survey.must-close-in-future', { field: 'closesAt' });
    const id = randomUUID();
    const publishedAt = new Date();
    await this.db.transaction(async (manager) => {
      await this.consortia.require(consortiumId, manager);
      if (input.gatheringId) {
        const [gathering] = await query(manager, gatheringExists, [consortiumId, input.gatheringId]);
        if (!gathering) throw new DomainError('gathering.unknown', { field: 'gatheringId', detail: say('no such gathering in this consortium', 'aucune rencontre de ce nom dans ce consortium') });
      }
      await query(manager, insertSurvey, [id, consortiumId, input.gatheringId, input.title.fr, input.title.en, JSON.stringify(questions), publishedAt, input.closesAt]);
      await this.outbox.append(manager, consortiumId, SurveyPublishedV1, { surveyId: id, gatheringId: input.gatheringId, questions: questions.map((q) => ({ key: q.key, kind: q.kind, criterion: q.criterion })), publishedAt: publishedAt.toISOString() });
    });
    return this.get(consortiumId, id);
  }

  async list(consortiumId: string): Promise<Survey[]> {
    await this.consortia.require(consortiumId);
    return this.find(consortiumId);
  }

  /** The open surveys the caller is still asked to answer: the consortium's, and those of the gatherings they were recorded present at. */
  async toAnswer(consortiumId: string, principal: Principal): Promise<{ id: string; gatheringId: string | null; title: { fr: string; en: string }; closesAt: Date | null }[]> {
    const member = await this.members.actingMember(consortiumId, principal);
    const rows = await query(this.db, surveysToAnswer, [consortiumId, member.id]);
    return rows.map((r) => ({ id: r.id, gatheringId: r.gathering_id, title: { fr: r.title_fr, en: r.title_en }, closesAt: r.closes_at }));
  }

  /** Whether the caller has answered the survey, and when. */
  async mine(consortiumId: string, surveyId: string, principal: Principal): Promise<{ answered: boolean; submittedAt: Date | null }> {
    await this.get(consortiumId, surveyId);
    const member = await this.members.actingMember(consortiumId, principal);
    const [response] = await query(this.db, responseOf, [surveyId, member.id]);
    return { answered: !!response, submittedAt: response?.submittedAt ?? null };
  }

  async get(consortiumId: string, surveyId: string): Promise<Survey> {
    const [survey] = await this.find(consortiumId, surveyId);
    if (!survey) throw new DomainError('survey.not-found');
    return survey;
  }

  /** One response per member: every 1–5 question answered with a whole number from 1 to 5, text optional. */
  async respond(consortiumId: string, surveyId: string, principal: Principal, answers: Record<string, unknown>): Promise<{ responseId: string; submittedAt: Date }> {
    const survey = await this.get(consortiumId, surveyId);
    if (survey.closesAt && survey.closesAt.getTime() <= Date.now()) throw new DomainError('survey.closed');
    const problems: FieldError[] = [];
    for (const key of Object.keys(answers)) if (!survey.questions.some((q) => q.key === key)) problems.push({ code: 'survey.unknown-question', field: `answers.${key}`, detail: say('no such question', 'aucune question de ce nom') });
    for (const question of survey.questions) {
      const value = answers[question.key];
      if (question.kind === 'scale' && !(Number.isInteger(value) && (value as number) >= 1 && (value as number) <= 5)) {
        problems.push({ code: 'field.out-of-range', field: `answers.${question.key}`, detail: say('must be a whole number from 1 to 5', 'doit être un nombre entier de 1 à 5') });
      }
      if (question.kind === 'text' && value !== undefined && !(typeof value === 'string' && value.length <= 5000)) {
        problems.push({ code: 'field.too-long', field: `answers.${question.key}`, detail: say('must be text of at most 5000 characters', 'doit être un texte d’au plus 5000 caractères') });
      }
    }
    if (problems.length) throw fieldsRefused(problems);

    const responseId = randomUUID();
    const submittedAt = new Date();
    await this.db.transaction(async (manager) => {
      const member = await this.members.actingMember(consortiumId, principal, manager);
      const inserted = await query(manager, insertResponse, [responseId, consortiumId, surveyId, member.id, member.organizationId, JSON.stringify(answers), submittedAt]);
      if (!inserted.length) throw new DomainError('survey.already-answered');
      await this.outbox.append(manager, consortiumId, FeedbackSubmittedV1, {
        responseId,
        surveyId,
        gatheringId: survey.gatheringId,
        organizationId: member.organizationId,
        scores: survey.questions.filter((q) => q.kind === 'scale').map((q) => ({ questionKey: q.key, criterion: q.criterion, score: answers[q.key] as number })),
        submittedAt: submittedAt.toISOString(),
      });
    });
    return { responseId, submittedAt };
  }

  /**
   * Per question: how many answered, the average and distribution of 1–5 answers, or the comments.
   * From 1 to 4 responses one person's answers could be read off the results: only that there are
   * fewer than 5 is said (`suppressed`, every figure and comment left out). From 5, a question
   * answered by fewer than 5 shows no count or average, and the distribution hides its small cells
   * (with the complementary one), as every other count of people does.
   */
  async results(consortiumId: string, surveyId: string): Promise<SurveyResults> {
    const survey = await this.get(consortiumId, surveyId);
    const rows = await query(this.db, answersTo, [surveyId]);
    if (suppressSmallCount(rows.length) === null) {
      return { surveyId, responses: null, suppressed: true, threshold: smallCellThreshold, questions: survey.questions.map((q) => ({ key: q.key, kind: q.kind, criterion: q.criterion, label: q.label, answered: null })) };
    }
    const questions = survey.questions.map((q): QuestionResult => {
      const values = rows.map((r) => r.answers[q.key]).filter((v) => v !== undefined && v !== '');
      const answered = suppressSmallCount(values.length);
      if (q.kind === 'text') return { key: q.key, kind: q.kind, criterion: q.criterion, label: q.label, answered, comments: values as string[] };
      const scores = values as number[];
      const counts = { '1': 0, '2': 0, '3': 0, '4': 0, '5': 0 };
      for (const score of scores) counts[String(score) as keyof typeof counts]++;
      const distribution = suppressSmallCells(counts, smallCellThreshold, { partitionOfTotal: true, total: scores.length });
      const average = scores.length && answered !== null ? Math.round((scores.reduce((a, b) => a + b, 0) / scores.length) * 100) / 100 : null;
      return { key: q.key, kind: q.kind, criterion: q.criterion, label: q.label, answered, average, distribution };
    });
    return { surveyId, responses: rows.length, suppressed: false, threshold: smallCellThreshold, questions };
  }

  private async find(consortiumId: string, surveyId?: string): Promise<Survey[]> {
    const rows = await query(this.db, surveysOf, [consortiumId, surveyId ?? null]);
    return rows.map((r) => ({ id: r.id, gatheringId: r.gathering_id, title: { fr: r.title_fr, en: r.title_en }, questions: r.questions, publishedAt: r.published_at, closesAt: r.closes_at, responses: suppressSmallCount(r.responses) }));
  }
}
