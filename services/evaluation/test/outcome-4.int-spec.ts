import { randomUUID } from 'node:crypto';
import {
  FeedbackSubmittedV1,
  PartnershipCollaborationRecordedV1,
  PartnershipConfirmedV1,
  PartnershipEndedV1,
  PartnershipNegotiationStartedV1,
  PartnershipProposedV1,
} from '@ccndr/contracts';
import { projectionSpec } from './projection-harness';

/** Outcome 4 — ties between partners: partnerships, how often they work together, how they perceive it. */
describe('outcome 4 indicators', () => {
  const projection = projectionSpec();

  it('o4.partnerships.confirmed, o4.partnerships.in-negotiation: partnerships at their furthest stage, whatever the order of arrival; collaborating: confirmed with a collaboration recorded', async () => {
    const [first, second, third, fourth] = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
    await projection.apply(
      // Confirmed before its proposal arrives: still confirmed.
      projection.event(PartnershipConfirmedV1, { partnershipId: first }),
      projection.event(PartnershipProposedV1, { partnershipId: first }),
      projection.event(PartnershipProposedV1, { partnershipId: second }),
      projection.event(PartnershipNegotiationStartedV1, { partnershipId: second }),
      projection.event(PartnershipProposedV1, { partnershipId: third }),
      projection.event(PartnershipConfirmedV1, { partnershipId: fourth }),
    );
    await projection.apply(projection.event(PartnershipEndedV1, { partnershipId: fourth }), projection.event(PartnershipNegotiationStartedV1, { partnershipId: first }));
    // Work together recorded on the confirmed one and on the one still in negotiation: only the confirmed one collaborates.
    await projection.apply(
      projection.event(PartnershipCollaborationRecordedV1, { partnershipId: first, recordId: randomUUID(), kind: 'communication', occurredOn: '2026-02-02' }),
      projection.event(PartnershipCollaborationRecordedV1, { partnershipId: second, recordId: randomUUID(), kind: 'communication', occurredOn: '2026-02-03' }),
    );

    const indicators = await projection.indicators();
    expect(indicators.get('o4.partnerships.confirmed')).toMatchObject({ value: 1, target: null, status: 'tracked', breakdown: { funnel: { confirmed: 1, 'in-negotiation': 1, proposed: 1, ended: 1 }, collaborating: 1 } });
    expect(indicators.get('o4.partnerships.in-negotiation')).toMatchObject({ value: 1 });
  });

  it('o4.collaboration-intensity: collaboration records per month from the first month with one to the last', async () => {
    expect(await projection.indicator('o4.collaboration-intensity')).toMatchObject({ value: 0, unit: 'per-month' });
    const record = (kind: 'joint-initiative' | 'shared-resource' | 'communication', occurredOn: string) =>
      projection.event(PartnershipCollaborationRecordedV1, { recordId: randomUUID(), kind, occurredOn });
    const communication = record('communication', '2026-03-30');
    // January to March (three months, February without records): 5 records, 1.7 per month; a redelivery counts once.
    await projection.apply(record('joint-initiative', '2026-01-05'), record('shared-resource', '2026-01-20'), record('joint-initiative', '2026-03-02'), record('shared-resource', '2026-03-15'), communication);
    await projection.apply(communication);

    const intensity = await projection.indicator('o4.collaboration-intensity');
    expect(intensity.value).toBe(1.7);
    expect(intensity.breakdown).toEqual([
      { month: '2026-01', 'joint-initiative': 1, 'shared-resource': 1, communication: 0, total: 2 },
      { month: '2026-03', 'joint-initiative': 1, 'shared-resource': 1, communication: 1, total: 3 },
    ]);
  });

  it('o4.perception.trust-synergy: the average of each organisation’s average on trust and synergy, apart from the outcome 1 criteria, with n; withheld from fewer than 5 organisations', async () => {
    const [a, b, c, d, e] = Array.from({ length: 5 }, () => randomUUID());
    const answer = (organizationId: string, scores: { criterion: 'trust-synergy' | 'participation'; score: number }[]) =>
      projection.event(FeedbackSubmittedV1, { responseId: randomUUID(), organizationId, scores: scores.map((s) => ({ questionKey: s.criterion, ...s })) });
    expect(await projection.indicator('o4.perception.trust-synergy')).toMatchObject({ value: null, suppressed: false, breakdown: { responses: 0, organizations: 0 } });
    await projection.apply(answer(a, [{ criterion: 'trust-synergy', score: 5 }, { criterion: 'participation', score: 1 }]), answer(a, [{ criterion: 'trust-synergy', score: 4 }]), answer(b, [{ criterion: 'trust-synergy', score: 2 }]));
    // Two organisations, three responses: neither the average nor its n is shown.
    expect(await projection.indicator('o4.perception.trust-synergy')).toMatchObject({ value: null, suppressed: true, breakdown: { responses: null, organizations: null } });
    await projection.apply(...[[c, 3], [d, 1], [e, 5]].map(([organizationId, score]) => answer(organizationId as string, [{ criterion: 'trust-synergy', score: score as number }])));
    // A: (5 + 4) / 2 = 4.5; B: 2; C: 3; D: 1; E: 5 → 15.5 / 5 = 3.1 (per person it would be 20 / 6 = 3.3).
    expect(await projection.indicator('o4.perception.trust-synergy')).toMatchObject({ value: 3.1, suppressed: false, unit: 'average', breakdown: { responses: 6, organizations: 5 } });
  });
});
