import { randomUUID } from 'node:crypto';
import { CollaborationModelProposedV1, CollaborationModelReviewedV1, CollaborationModelViabilityCheckedV1 } from '@ccndr/contracts';
import { raterAgreement } from '@ccndr/statistics';
import { reportDocument } from '../src/report/report-document';
import { projectionSpec } from './projection-harness';

/** Outcome 3 — collaboration models proposed, rated by stakeholders and experts, checked for viability. */
describe('outcome 3 indicators', () => {
  const projection = projectionSpec();

  const model = (prototype: 1 | 2 | 3 | null) => projection.event(CollaborationModelProposedV1, { modelId: randomUUID(), circleId: randomUUID(), prototype, organizationId: randomUUID() });
  const stakeholderReview = (modelId: string, scores: { feasibility: number; effectiveness: number; scalability: number }) =>
    projection.event(CollaborationModelReviewedV1, { modelId, reviewId: randomUUID(), reviewerRole: 'stakeholder', scores });
  const expertReview = (modelId: string, scores: { impact: number; viability: number; relevance: number }) =>
    projection.event(CollaborationModelReviewedV1, { modelId, reviewId: randomUUID(), reviewerRole: 'expert', scores });

  it('o3.models-proposed: collaboration models per prototype, met from one', async () => {
    expect(await projection.indicator('o3.models-proposed')).toMatchObject({ value: 0, target: { comparison: 'at-least', value: 1 }, status: 'not-met' });
    await projection.apply(model(1), model(3), model(3));
    expect(await projection.indicator('o3.models-proposed')).toMatchObject({ value: 3, status: 'met', breakdown: { byPrototype: { 1: 1, 3: 2 } } });
  });

  it('o3.stakeholder-rating.feasibility, o3.stakeholder-rating.effectiveness, o3.stakeholder-rating.scalability: averages over every stakeholder score, per model with agreement', async () => {
    const [a, b] = [model(1), model(2)];
    await projection.apply(a, b, stakeholderReview(a.data.modelId, { feasibility: 4, effectiveness: 3, scalability: 5 }), stakeholderReview(a.data.modelId, { feasibility: 5, effectiveness: 3, scalability: 4 }));
    await projection.apply(stakeholderReview(b.data.modelId, { feasibility: 2, effectiveness: 4, scalability: 4 }));

    const indicators = await projection.indicators();
    const feasibility = indicators.get('o3.stakeholder-rating.feasibility')!;
    expect(feasibility).toMatchObject({ value: 3.7, unit: 'average', status: 'tracked' });
    expect((feasibility.breakdown as { models: unknown[] }).models).toEqual(
      expect.arrayContaining([
        { modelId: a.data.modelId, average: 4.5, ratings: 2, agreement: raterAgreement([4, 5]) },
        { modelId: b.data.modelId, average: 2, ratings: 1, agreement: null },
      ]),
    );
    expect(indicators.get('o3.stakeholder-rating.effectiveness')).toMatchObject({ value: 3.3 });
    expect(indicators.get('o3.stakeholder-rating.scalability')).toMatchObject({ value: 4.3 });
    // Expert criteria stay without data: a stakeholder does not rate them.
    expect(indicators.get('o3.expert-rating.impact')).toMatchObject({ value: null, breakdown: { models: [] } });
  });

  it('o3.expert-rating.impact, o3.expert-rating.viability, o3.expert-rating.relevance: averages over every expert score; a revised review counts once', async () => {
    const a = model(3);
    const review = expertReview(a.data.modelId, { impact: 2, viability: 2, relevance: 2 });
    const revised = projection.event(CollaborationModelReviewedV1, { ...review.data, scores: { impact: 4, viability: 3, relevance: 5 }, reviewedAt: '2026-05-01T12:00:00.000Z' });
    await projection.apply(a, review, expertReview(a.data.modelId, { impact: 5, viability: 4, relevance: 5 }));
    await projection.apply(revised);

    const indicators = await projection.indicators();
    expect(indicators.get('o3.expert-rating.impact')).toMatchObject({ value: 4.5 });
    expect(indicators.get('o3.expert-rating.viability')).toMatchObject({ value: 3.5 });
    expect(indicators.get('o3.expert-rating.relevance')).toMatchObject({ value: 5 });
    expect(indicators.get('o3.expert-rating.relevance')!.label.fr).toBe('Experts — évaluation des modèles\u00a0: pertinence (1 à 5)');
  });

  it('o3.viability-criteria-met: models whose latest check meets scalability, efficient use of resources and sustainability', async () => {
    const [a, b] = [model(1), model(2)];
    const check = (modelId: string, sustainability: boolean, checkedAt: string) =>
      projection.event(CollaborationModelViabilityCheckedV1, { modelId, scalability: true, efficientUseOfResources: true, sustainability, checkedAt });
    await projection.apply(a, b, check(a.data.modelId, true, '2026-04-06T12:00:00.000Z'), check(b.data.modelId, false, '2026-04-06T12:00:00.000Z'));
    expect(await projection.indicator('o3.viability-criteria-met')).toMatchObject({ value: 1 });

    // A later check wins; an older one arriving late does not.
    await projection.apply(check(b.data.modelId, true, '2026-04-08T12:00:00.000Z'), check(a.data.modelId, false, '2026-04-01T12:00:00.000Z'));
    const met = await projection.indicator('o3.viability-criteria-met');
    expect(met.value).toBe(2);
    expect((met.breakdown as { models: unknown[] }).models).toHaveLength(2);
  });

  it('o3.rater-agreement: mean rWG over model and criterion rated by two people or more', async () => {
    const [a, b] = [model(1), model(2)];
    await projection.apply(a, b, stakeholderReview(b.data.modelId, { feasibility: 1, effectiveness: 1, scalability: 1 }));
    expect(await projection.indicator('o3.rater-agreement')).toMatchObject({ value: null, breakdown: { ratings: [] } });

    await projection.apply(stakeholderReview(a.data.modelId, { feasibility: 4, effectiveness: 4, scalability: 2 }), stakeholderReview(a.data.modelId, { feasibility: 4, effectiveness: 4, scalability: 4 }));
    const agreement = await projection.indicator('o3.rater-agreement');
    const expected = [raterAgreement([4, 4])!, raterAgreement([4, 4])!, raterAgreement([2, 4])!];
    expect(agreement.value).toBe(Math.round((expected.reduce((sum, n) => sum + n, 0) / expected.length) * 100) / 100);
    expect((agreement.breakdown as { ratings: unknown[] }).ratings).toHaveLength(3);
    expect(agreement.breakdown).toMatchObject({ byRaters: { stakeholder: agreement.value, expert: null } });

    // The report says who agreed: under the stakeholders' heading, and nothing under the experts' when only stakeholders rated.
    const criteria = reportDocument(randomUUID(), [...(await projection.indicators()).values()], 'en', new Date()).sections.flatMap((s) => s.criteria);
    const stakeholders = criteria.find((c) => c.heading.startsWith('Stakeholder feedback'))!;
    const experts = criteria.find((c) => c.heading.startsWith('Expert assessments'))!;
    expect(stakeholders.details).toEqual([`Agreement among the stakeholders (rWG): ${agreement.value}`]);
    expect(experts.details).toEqual([]);
  });
});
