import { randomUUID } from 'node:crypto';
import {
  ConsortiumCreatedV1,
  FeedbackSubmittedV1,
  PartnershipCollaborationRecordedV1,
  PartnershipConfirmedV1,
  PartnershipEndedV1,
  PartnershipNegotiationStartedV1,
  PartnershipProposedV1,
} from '@ccndr/contracts';
import { fixtureEvent, ProjectionHarness } from './projection-harness';

/** Outcome 4 — ties between partners: partnerships, how often they work together, how they perceive it. */
describe('outcome 4 indicators', () => {
  let harness: ProjectionHarness;
  let consortiumId: string;

  beforeAll(async () => {
    harness = await ProjectionHarness.start();
  });
  afterAll(() => harness?.stop());
  beforeEach(async () => {
    consortiumId = randomUUID();
    await harness.apply(fixtureEvent(ConsortiumCreatedV1, consortiumId, { consortiumId }));
  });

  it('o4.partnerships.confirmed, o4.partnerships.in-negotiation: partnerships at their furthest stage, whatever the order of arrival', async () => {
    const [first, second, third, fourth] = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
    await harness.apply(
      // Confirmed before its proposal arrives: still confirmed.
      fixtureEvent(PartnershipConfirmedV1, consortiumId, { partnershipId: first }),
      fixtureEvent(PartnershipProposedV1, consortiumId, { partnershipId: first }),
      fixtureEvent(PartnershipProposedV1, consortiumId, { partnershipId: second }),
      fixtureEvent(PartnershipNegotiationStartedV1, consortiumId, { partnershipId: second }),
      fixtureEvent(PartnershipProposedV1, consortiumId, { partnershipId: third }),
      fixtureEvent(PartnershipConfirmedV1, consortiumId, { partnershipId: fourth }),
    );
    await harness.apply(fixtureEvent(PartnershipEndedV1, consortiumId, { partnershipId: fourth }), fixtureEvent(PartnershipNegotiationStartedV1, consortiumId, { partnershipId: first }));

    const indicators = await harness.indicators(consortiumId);
    expect(indicators.get('o4.partnerships.confirmed')).toMatchObject({ value: 1, target: null, status: 'tracked', breakdown: { funnel: { confirmed: 1, 'in-negotiation': 1, proposed: 1, ended: 1 } } });
    expect(indicators.get('o4.partnerships.in-negotiation')).toMatchObject({ value: 1 });
  });

  it('o4.collaboration-intensity: collaboration records per month from the first month with one to the last', async () => {
    expect(await harness.indicator(consortiumId, 'o4.collaboration-intensity')).toMatchObject({ value: 0, unit: 'per-month' });
    const record = (kind: 'joint-initiative' | 'shared-resource' | 'communication', occurredOn: string) =>
      fixtureEvent(PartnershipCollaborationRecordedV1, consortiumId, { recordId: randomUUID(), kind, occurredOn });
    const communication = record('communication', '2026-03-30');
    // January to March (three months, February without records): 5 records, 1.7 per month; a redelivery counts once.
    await harness.apply(record('joint-initiative', '2026-01-05'), record('shared-resource', '2026-01-20'), record('joint-initiative', '2026-03-02'), record('shared-resource', '2026-03-15'), communication);
    await harness.apply(communication);

    const intensity = await harness.indicator(consortiumId, 'o4.collaboration-intensity');
    expect(intensity.value).toBe(1.7);
    expect(intensity.breakdown).toEqual([
      { month: '2026-01', 'joint-initiative': 1, 'shared-resource': 1, communication: 0, total: 2 },
      { month: '2026-03', 'joint-initiative': 1, 'shared-resource': 1, communication: 1, total: 3 },
    ]);
  });

  it('o4.perception.trust-synergy: the survey average on trust and synergy, apart from the outcome 1 criteria', async () => {
    const answer = (scores: { criterion: 'trust-synergy' | 'participation'; score: number }[]) =>
      fixtureEvent(FeedbackSubmittedV1, consortiumId, { responseId: randomUUID(), scores: scores.map((s) => ({ questionKey: s.criterion, ...s })) });
    expect(await harness.indicator(consortiumId, 'o4.perception.trust-synergy')).toMatchObject({ value: null, breakdown: { responses: 0 } });
    await harness.apply(answer([{ criterion: 'trust-synergy', score: 5 }, { criterion: 'participation', score: 1 }]), answer([{ criterion: 'trust-synergy', score: 4 }]), answer([{ criterion: 'trust-synergy', score: 4 }]));
    expect(await harness.indicator(consortiumId, 'o4.perception.trust-synergy')).toMatchObject({ value: 4.3, unit: 'average', breakdown: { responses: 3 } });
  });
});
