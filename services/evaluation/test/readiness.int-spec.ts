import { randomUUID } from 'node:crypto';
import { AssessmentCompletedV1, FrameworkAdoptedV1, JourneyCreatedV1, JourneyMilestoneCompletedV1 } from '@ccndr/contracts';
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

  it('readiness.assessments-completed: every completed assessment, retakes included, and the organisations that took one', async () => {
    const organization = randomUUID();
    await projection.apply(completed(organization, '2026-05-01T12:00:00.000Z', 40), completed(organization, '2026-06-01T12:00:00.000Z', 60), completed(randomUUID(), '2026-05-03T12:00:00.000Z', 80));
    expect(await projection.indicator('readiness.assessments-completed')).toMatchObject({ outcome: null, value: 3, breakdown: { organizations: 2 } });
  });

  it('readiness.maturity.<dimension>: average of the latest assessment of each organisation, named by the adopted framework', async () => {
    const organization = randomUUID();
    await projection.apply(
      projection.event(FrameworkAdoptedV1, {}),
      completed(organization, '2026-05-01T12:00:00.000Z', 40),
      completed(organization, '2026-06-01T12:00:00.000Z', 60),
      completed(randomUUID(), '2026-05-03T12:00:00.000Z', 75),
    );
    const indicators = await projection.indicators();
    expect(indicators.get('readiness.maturity.cybersecurity')).toMatchObject({
      value: 67.5,
      unit: 'average',
      label: { fr: 'Maturité moyenne : Cybersécurité (0 à 100, dernière autoévaluation de chaque organisation)', en: 'Average maturity: Cybersecurity (0–100, latest assessment of each organisation)' },
      breakdown: { organizations: 2 },
    });
    // A dimension of the framework nobody has assessed yet is there, without a value.
    expect(indicators.get('readiness.maturity.data-governance')).toMatchObject({ value: null, breakdown: { organizations: 0 } });
  });

  it('readiness.journey-progress: the average share of milestones completed on each organisation’s latest journey', async () => {
    const milestones = (n: number) => Array.from({ length: n }, (_, i) => ({ milestoneId: randomUUID(), position: i + 1, dimension: 'cybersecurity', fromStage: 1, toStage: 2 }));
    const [half, none] = [
      projection.event(JourneyCreatedV1, { journeyId: randomUUID(), organizationId: randomUUID(), milestones: milestones(2) }),
      projection.event(JourneyCreatedV1, { journeyId: randomUUID(), organizationId: randomUUID(), milestones: milestones(4) }),
    ];
    expect(await projection.indicator('readiness.journey-progress')).toMatchObject({ value: null, unit: 'percent' });
    await projection.apply(half, none, projection.event(JourneyMilestoneCompletedV1, { journeyId: half.data.journeyId, milestoneId: half.data.milestones[0].milestoneId }));
    expect(await projection.indicator('readiness.journey-progress')).toMatchObject({ value: 25, breakdown: { journeys: 2 } });
  });
});
