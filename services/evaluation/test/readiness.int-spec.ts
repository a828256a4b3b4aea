import { randomUUID } from 'node:crypto';
import { AssessmentCompletedV1, FrameworkAdoptedV1, JourneyCreatedV1, JourneyMilestoneCompletedV1 } from '@ccndr/contracts';
import { dashboardFragment } from '../src/dashboard/dashboard-page';
import { projectionSpec } from './projection-harness';

/** The readiness figures of prototype 1: assessments, maturity per dimension, progress on the journeys. */
describe('readiness indicators', () => {
  const projection = projectionSpec();

  const completed = (organizationId: string, completedAt: string, cybersecurity: number) =>
    projection.event(AssessmentCompletedV1, {
      assessmentId: randomUUID(),
      organizationId,
      completedAt,
      dimensions: [{ dimension: 'cybersecurity', score: cybersecurity, stage: 3, spread: 0 }],
    });

  it('readiness.assessments-completed: every completed assessment, retakes included; the organisations that took one are not shown under 5', async () => {
    const organization = randomUUID();
    await projection.apply(completed(organization, '2026-05-01T12:00:00.000Z', 40), completed(organization, '2026-06-01T12:00:00.000Z', 60), completed(randomUUID(), '2026-05-03T12:00:00.000Z', 80));
    expect(await projection.indicator('readiness.assessments-completed')).toMatchObject({ outcome: null, value: 3, breakdown: { organizations: null } });
    await projection.apply(...[20, 30, 50].map((score) => completed(randomUUID(), '2026-05-04T12:00:00.000Z', score)));
    expect(await projection.indicator('readiness.assessments-completed')).toMatchObject({ value: 6, breakdown: { organizations: 5 } });
  });

  it('readiness.maturity.<dimension>: average of the latest assessment of each organisation, named by the adopted framework, shown from 5 organisations', async () => {
    const retaker = randomUUID();
    await projection.apply(
      projection.event(FrameworkAdoptedV1, {}),
      completed(retaker, '2026-05-01T12:00:00.000Z', 40),
      completed(retaker, '2026-06-01T12:00:00.000Z', 60),
      ...[75, 80, 20].map((score) => completed(randomUUID(), '2026-05-03T12:00:00.000Z', score)),
    );
    // Four organisations: their average would give away a member's own scores to the others.
    expect(await projection.indicator('readiness.maturity.cybersecurity')).toMatchObject({ value: null, suppressed: true, breakdown: { organizations: null } });
    // The dashboard says why there is no figure, and tells a suppressed one from one nobody has assessed.
    const card = (page: string, key: string) => page.match(new RegExp(`data-key="${key.replace(/\./g, '\\.')}"[^]*?data-role="value">([^<]*)<`))?.[1];
    const shown = [...(await projection.indicators()).values()];
    expect(card(dashboardFragment(shown, 'fr'), 'readiness.maturity.cybersecurity')).toBe('non affichée (moins de 5 organismes)');
    expect(card(dashboardFragment(shown, 'en'), 'readiness.maturity.cybersecurity')).toBe('not shown (fewer than 5 organisations)');
    expect(card(dashboardFragment(shown, 'fr'), 'readiness.maturity.data-governance')).toBe('Pas encore de données');

    await projection.apply(completed(randomUUID(), '2026-05-04T12:00:00.000Z', 10));
    const indicators = await projection.indicators();
    // Latest of each: 60, 75, 80, 20, 10 → 245 / 5.
    expect(indicators.get('readiness.maturity.cybersecurity')).toMatchObject({
      value: 49,
      suppressed: false,
      unit: 'average',
      label: { fr: 'Maturité moyenne\u00a0: Cybersécurité (0 à 100, dernière autoévaluation de chaque organisme)', en: 'Average maturity: Cybersecurity (0–100, latest assessment of each organisation)' },
      breakdown: { organizations: 5 },
    });
    // A dimension of the framework nobody has assessed yet is there, without a value.
    expect(indicators.get('readiness.maturity.data-governance')).toMatchObject({ value: null, suppressed: false, breakdown: { organizations: 0 } });
  });

  it('readiness.journey-progress: the average share of milestones completed on each organisation’s latest journey, shown from 5 journeys', async () => {
    const milestones = (n: number) => Array.from({ length: n }, (_, i) => ({ milestoneId: randomUUID(), position: i + 1, dimension: 'cybersecurity', fromStage: 1, toStage: 2 }));
    const journeys = [2, 4, 4, 5, 5].map((n) => projection.event(JourneyCreatedV1, { journeyId: randomUUID(), organizationId: randomUUID(), milestones: milestones(n) }));
    const tick = (journey: (typeof journeys)[number], i: number) => projection.event(JourneyMilestoneCompletedV1, { journeyId: journey.data.journeyId, milestoneId: journey.data.milestones[i].milestoneId });
    expect(await projection.indicator('readiness.journey-progress')).toMatchObject({ value: null, suppressed: false, unit: 'percent' });
    await projection.apply(...journeys.slice(0, 4), tick(journeys[0], 0), tick(journeys[1], 0));
    expect(await projection.indicator('readiness.journey-progress')).toMatchObject({ value: null, suppressed: true, breakdown: { journeys: null } });
    await projection.apply(journeys[4], tick(journeys[4], 0), tick(journeys[4], 1));
    // 1/2, 1/4, 0/4, 0/5, 2/5 → (50 + 25 + 0 + 0 + 40) / 5 = 23 %.
    expect(await projection.indicator('readiness.journey-progress')).toMatchObject({ value: 23, suppressed: false, breakdown: { journeys: 5 } });
  });
});
