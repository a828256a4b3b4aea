import { randomUUID } from 'node:crypto';
import {
  CircleMemberJoinedV1,
  EngagementAcceptedV1,
  FeedbackSubmittedV1,
  GatheringAttendanceRecordedV1,
  GatheringScheduledV1,
  KnowledgeReactedV1,
  OrganizationJoinedV1,
} from '@ccndr/contracts';
import { dashboardFragment } from '../src/dashboard/dashboard-page';
import { projectionSpec } from './projection-harness';

/** Outcome 1 — engagement of the participating organisations: each indicator from the events that make it. */
describe('outcome 1 indicators', () => {
  const projection = projectionSpec();

  const organization = (category: 'youth-employment-nonprofit' | 'service-provider' | 'technical-advisor' | 'sector-advisor' | 'other-member') =>
    projection.event(OrganizationJoinedV1, { organizationId: randomUUID(), category });
  const meeting = (kind: 'consortium-meeting' | 'workshop' = 'consortium-meeting') => projection.event(GatheringScheduledV1, { gatheringId: randomUUID(), kind });
  const attendance = (gathering: ReturnType<typeof meeting>, attendees: { memberId: string; organizationId: string }[]) =>
    projection.event(GatheringAttendanceRecordedV1, { gatheringId: gathering.data.gatheringId, gatheringKind: gathering.data.kind, attendees });

  it('o1.active-organizations.youth-employment-nonprofit, o1.active-organizations.service-provider, o1.active-organizations.technical-advisor, o1.active-organizations.sector-advisor, o1.active-organizations.other-member: count the organisations of each category that took part in an activity, against the report’s targets', async () => {
    const [nonprofit, provider, idle, advisor] = [organization('youth-employment-nonprofit'), organization('service-provider'), organization('youth-employment-nonprofit'), organization('sector-advisor')];
    const workshop = meeting('workshop');
    await projection.apply(nonprofit, provider, idle, advisor, workshop);
    await projection.apply(
      attendance(workshop, [{ memberId: randomUUID(), organizationId: nonprofit.data.organizationId }]),
      projection.event(EngagementAcceptedV1, { nonprofitId: nonprofit.data.organizationId, providerId: provider.data.organizationId }),
      projection.event(CircleMemberJoinedV1, { memberId: randomUUID(), organizationId: advisor.data.organizationId }),
      // A reaction is not taking part: the idle organisation stays inactive.
      projection.event(KnowledgeReactedV1, { organizationId: idle.data.organizationId }),
    );

    const indicators = await projection.indicators();
    expect(indicators.get('o1.active-organizations.youth-employment-nonprofit')).toMatchObject({ value: 1, target: { comparison: 'at-least', value: 10 }, status: 'not-met' });
    expect(indicators.get('o1.active-organizations.service-provider')).toMatchObject({ value: 1, target: { comparison: 'at-least', value: 10 } });
    expect(indicators.get('o1.active-organizations.sector-advisor')).toMatchObject({ value: 1, target: { comparison: 'at-least', value: 3 } });
    expect(indicators.get('o1.active-organizations.technical-advisor')).toMatchObject({ value: 0, target: { comparison: 'at-least', value: 2 } });
    expect(indicators.get('o1.active-organizations.other-member')).toMatchObject({ value: 0, target: { comparison: 'at-least', value: 1 }, status: 'not-met' });
    expect(indicators.get('o1.active-organizations.youth-employment-nonprofit')!.label).toEqual({
      fr: 'Organismes actifs\u00a0: organismes à but non lucratif d’emploi jeunesse',
      en: 'Active organisations: youth-employment nonprofits',
    });

    const other = organization('other-member');
    await projection.apply(other, projection.event(CircleMemberJoinedV1, { memberId: randomUUID(), organizationId: other.data.organizationId }));
    expect(await projection.indicator('o1.active-organizations.other-member')).toMatchObject({ value: 1, status: 'met' });
  });

  it('o1.meeting-participants: sums attendance over consortium meetings only, met above 60', async () => {
    const [first, second, workshop] = [meeting(), meeting(), meeting('workshop')];
    const people = Array.from({ length: 40 }, () => ({ memberId: randomUUID(), organizationId: randomUUID() }));
    await projection.apply(first, second, workshop);
    await projection.apply(attendance(first, people.slice(0, 30)), attendance(second, people.slice(0, 30)), attendance(workshop, people));

    const participants = await projection.indicator('o1.meeting-participants');
    expect(participants).toMatchObject({ value: 60, unit: 'count', target: { comparison: 'more-than', value: 60 }, status: 'not-met' });
    expect(participants.breakdown).toMatchObject({ uniqueParticipants: 30, meetings: [{ participants: 30 }, { participants: 30 }] });

    await projection.apply(attendance(second, people.slice(30, 31)));
    expect(await projection.indicator('o1.meeting-participants')).toMatchObject({ value: 61, status: 'met' });
  });

  it('o1.feedback.participation, o1.feedback.perceived-value, o1.feedback.model-contribution: the average of each organisation’s average, to one decimal, with n; withheld from fewer than 5 organisations, n from 1 to 4 not shown; none without answers', async () => {
    const [a, b, c, d, e] = Array.from({ length: 5 }, () => randomUUID());
    const answer = (organizationId: string, scores: [string, number][]) =>
      projection.event(FeedbackSubmittedV1, { responseId: randomUUID(), organizationId, scores: scores.map(([criterion, score]) => ({ questionKey: criterion, criterion: criterion as 'participation', score })) });
    await projection.apply(
      answer(a, [['participation', 5], ['perceived-value', 5]]),
      answer(a, [['participation', 3]]),
      answer(a, [['participation', 4]]),
      answer(a, [['participation', 4]]),
      answer(b, [['participation', 2], ['trust-synergy', 1]]),
    );

    let indicators = await projection.indicators();
    // Two organisations: their average would give away their answers. 5 responses may be shown, 2 organisations not.
    expect(indicators.get('o1.feedback.participation')).toMatchObject({ value: null, suppressed: true, unit: 'average', target: null, status: 'tracked', breakdown: { responses: 5, organizations: null } });
    expect(indicators.get('o1.feedback.perceived-value')).toMatchObject({ value: null, suppressed: true, breakdown: { responses: null, organizations: null } });
    // No answers: nothing to withhold.
    expect(indicators.get('o1.feedback.model-contribution')).toMatchObject({ value: null, suppressed: false, breakdown: { responses: 0, organizations: 0 } });
    // The dashboard says why a figure is missing, in the catalogue's words, and tells it from one with no answers.
    const card = (page: string, key: string) => page.match(new RegExp(`data-key="${key.replace(/\./g, '\\.')}"[^]*?data-role="value">([^<]*)<`))?.[1];
    const shown = [...indicators.values()];
    expect(card(dashboardFragment(shown, 'fr'), 'o1.feedback.participation')).toBe('non affichée (moins de 5 organismes)');
    expect(card(dashboardFragment(shown, 'en'), 'o1.feedback.participation')).toBe('not shown (fewer than 5 organisations)');
    expect(card(dashboardFragment(shown, 'en'), 'o1.feedback.model-contribution')).toBe('No data yet');

    await projection.apply(answer(c, [['participation', 4]]), answer(d, [['participation', 4]]), answer(e, [['participation', 1]]), answer(e, [['participation', 3]]));
    indicators = await projection.indicators();
    // A: (5 + 3 + 4 + 4) / 4 = 4; B: 2; C: 4; D: 4; E: (1 + 3) / 2 = 2 → 16 / 5 = 3.2 (per person it would be 26 / 9 = 2.9).
    expect(indicators.get('o1.feedback.participation')).toMatchObject({ value: 3.2, suppressed: false, breakdown: { responses: 9, organizations: 5 } });
    expect(card(dashboardFragment([...indicators.values()], 'fr'), 'o1.feedback.participation')).toBe('3,2');
    expect(indicators.get('o1.feedback.perceived-value')).toMatchObject({ value: null, suppressed: true, breakdown: { responses: null, organizations: null } });
  });
});
