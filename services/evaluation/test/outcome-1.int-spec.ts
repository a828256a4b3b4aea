import { randomUUID } from 'node:crypto';
import {
  CircleMemberJoinedV1,
  ConsortiumCreatedV1,
  EngagementAcceptedV1,
  FeedbackSubmittedV1,
  GatheringAttendanceRecordedV1,
  GatheringScheduledV1,
  KnowledgeReactedV1,
  OrganizationJoinedV1,
} from '@ccndr/contracts';
import { fixtureEvent, ProjectionHarness } from './projection-harness';

/** Outcome 1 — engagement of the participating organisations: each indicator from the events that make it. */
describe('outcome 1 indicators', () => {
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

  const organization = (category: 'youth-employment-nonprofit' | 'service-provider' | 'technical-advisor' | 'sector-advisor' | 'other-member') =>
    fixtureEvent(OrganizationJoinedV1, consortiumId, { organizationId: randomUUID(), category });
  const meeting = (kind: 'consortium-meeting' | 'workshop' = 'consortium-meeting') => fixtureEvent(GatheringScheduledV1, consortiumId, { gatheringId: randomUUID(), kind });
  const attendance = (gathering: ReturnType<typeof meeting>, attendees: { memberId: string; organizationId: string }[]) =>
    fixtureEvent(GatheringAttendanceRecordedV1, consortiumId, { gatheringId: gathering.data.gatheringId, gatheringKind: gathering.data.kind, attendees });

  it('o1.active-organizations.youth-employment-nonprofit, o1.active-organizations.service-provider, o1.active-organizations.technical-advisor, o1.active-organizations.sector-advisor, o1.active-organizations.other-member: count the organisations of each category that took part in an activity, against the report’s targets', async () => {
    const [nonprofit, provider, idle, advisor] = [organization('youth-employment-nonprofit'), organization('service-provider'), organization('youth-employment-nonprofit'), organization('sector-advisor')];
    const workshop = meeting('workshop');
    await harness.apply(nonprofit, provider, idle, advisor, workshop);
    await harness.apply(
      attendance(workshop, [{ memberId: randomUUID(), organizationId: nonprofit.data.organizationId }]),
      fixtureEvent(EngagementAcceptedV1, consortiumId, { nonprofitId: nonprofit.data.organizationId, providerId: provider.data.organizationId }),
      fixtureEvent(CircleMemberJoinedV1, consortiumId, { memberId: randomUUID(), organizationId: advisor.data.organizationId }),
      // A reaction is not taking part: the idle organisation stays inactive.
      fixtureEvent(KnowledgeReactedV1, consortiumId, { organizationId: idle.data.organizationId }),
    );

    const indicators = await harness.indicators(consortiumId);
    expect(indicators.get('o1.active-organizations.youth-employment-nonprofit')).toMatchObject({ value: 1, target: { comparison: 'at-least', value: 10 }, status: 'not-met' });
    expect(indicators.get('o1.active-organizations.service-provider')).toMatchObject({ value: 1, target: { comparison: 'at-least', value: 10 } });
    expect(indicators.get('o1.active-organizations.sector-advisor')).toMatchObject({ value: 1, target: { comparison: 'at-least', value: 3 } });
    expect(indicators.get('o1.active-organizations.technical-advisor')).toMatchObject({ value: 0, target: { comparison: 'at-least', value: 2 } });
    expect(indicators.get('o1.active-organizations.other-member')).toMatchObject({ value: 0, target: { comparison: 'at-least', value: 1 }, status: 'not-met' });
    expect(indicators.get('o1.active-organizations.youth-employment-nonprofit')!.label).toEqual({
      fr: 'Organismes actifs : organismes à but non lucratif d’emploi jeunesse',
      en: 'Active organisations: youth-employment nonprofits',
    });

    const other = organization('other-member');
    await harness.apply(other, fixtureEvent(CircleMemberJoinedV1, consortiumId, { memberId: randomUUID(), organizationId: other.data.organizationId }));
    expect(await harness.indicator(consortiumId, 'o1.active-organizations.other-member')).toMatchObject({ value: 1, status: 'met' });
  });

  it('o1.meeting-participants: sums attendance over consortium meetings only, met above 60', async () => {
    const [first, second, workshop] = [meeting(), meeting(), meeting('workshop')];
    const people = Array.from({ length: 40 }, () => ({ memberId: randomUUID(), organizationId: randomUUID() }));
    await harness.apply(first, second, workshop);
    await harness.apply(attendance(first, people.slice(0, 30)), attendance(second, people.slice(0, 30)), attendance(workshop, people));

    const participants = await harness.indicator(consortiumId, 'o1.meeting-participants');
    expect(participants).toMatchObject({ value: 60, unit: 'count', target: { comparison: 'more-than', value: 60 }, status: 'not-met' });
    expect(participants.breakdown).toMatchObject({ uniqueParticipants: 30, meetings: [{ participants: 30 }, { participants: 30 }] });

    await harness.apply(attendance(second, people.slice(30, 31)));
    expect(await harness.indicator(consortiumId, 'o1.meeting-participants')).toMatchObject({ value: 61, status: 'met' });
  });

  it('o1.feedback.participation, o1.feedback.perceived-value, o1.feedback.model-contribution: survey averages to one decimal, none without answers', async () => {
    const answer = (scores: [string, number][]) =>
      fixtureEvent(FeedbackSubmittedV1, consortiumId, { responseId: randomUUID(), scores: scores.map(([criterion, score]) => ({ questionKey: criterion, criterion: criterion as 'participation', score })) });
    await harness.apply(answer([['participation', 4], ['perceived-value', 5]]), answer([['participation', 5]]), answer([['participation', 4], ['trust-synergy', 1]]));

    const indicators = await harness.indicators(consortiumId);
    expect(indicators.get('o1.feedback.participation')).toMatchObject({ value: 4.3, unit: 'average', target: null, status: 'tracked', breakdown: { responses: 3 } });
    expect(indicators.get('o1.feedback.perceived-value')).toMatchObject({ value: 5, breakdown: { responses: 1 } });
    expect(indicators.get('o1.feedback.model-contribution')).toMatchObject({ value: null, breakdown: { responses: 0 } });
  });
});
