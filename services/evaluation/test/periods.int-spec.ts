import { randomUUID } from 'node:crypto';
import {
  AssessmentCompletedV1,
  DomainError,
  FeedbackSubmittedV1,
  GatheringRegistrationChangedV1,
  GatheringScheduledV1,
  KnowledgeSharedV1,
  OrganizationJoinedV1,
  PartnershipConfirmedV1,
  PartnershipEndedV1,
  PartnershipProposedV1,
} from '@ccndr/contracts';
import { activeOrganizationsKey } from '@ccndr/indicators';
import { parseOrRefuse } from '@ccndr/service-kit';
import { indicatorsQuery, seriesQuery } from '../src/indicators/indicators.controller';
import { IndicatorsService, PeriodView } from '../src/indicators/indicators.service';
import { monthsOf, periodOf } from '../src/indicators/period';
import { heldMeeting, projectionSpec } from './projection-harness';

/**
 * Indicators of a period, as of a day, and month by month, from facts spread over January,
 * February and March 2026; every expected figure is counted by hand in the comments.
 */
describe('indicators for a period', () => {
  const projection = projectionSpec();
  const nonprofits = 'youth-employment-nonprofit' as const;

  /** Seven nonprofits A–G; per month: a consortium meeting, its attendees, knowledge shared by A, assessments completed. */
  const threeMonths = async () => {
    const orgs = Array.from({ length: 7 }, () => randomUUID());
    const [a, b, c, d, e, f, g] = orgs;
    const meeting = (startsAt: string, attendees: string[]) => heldMeeting(projection, startsAt, attendees);
    const shared = (sharedAt: string) => projection.event(KnowledgeSharedV1, { itemId: randomUUID(), organizationId: a, crossOrganization: false, sharedAt });
    const assessed = (organizationId: string, completedAt: string, score: number) =>
      projection.event(AssessmentCompletedV1, { assessmentId: randomUUID(), organizationId, completedAt, dimensions: [{ dimension: 'cybersecurity', score, stage: 3, spread: 0 }] });
    await projection.apply(
      ...orgs.map((organizationId) => projection.event(OrganizationJoinedV1, { organizationId, category: nonprofits, joinedAt: '2025-12-01T12:00:00.000Z' })),
      // January: 1 participant (A), 2 shares, A assessed at 40.
      ...meeting('2026-01-15T17:00:00.000Z', [a]),
      shared('2026-01-10T12:00:00.000Z'),
      shared('2026-01-20T12:00:00.000Z'),
      assessed(a, '2026-01-05T12:00:00.000Z', 40),
      // February: 6 participants (B–G), 3 shares, B–F assessed at 50, 60, 70, 80, 90.
      ...meeting('2026-02-10T17:00:00.000Z', [b, c, d, e, f, g]),
      ...['2026-02-02T00:00:00.000Z', '2026-02-14T12:00:00.000Z', '2026-02-28T23:59:59.000Z'].map(shared),
      ...[b, c, d, e, f].map((org, i) => assessed(org, '2026-02-20T12:00:00.000Z', 50 + 10 * i)),
      // March: 2 participants (A, B), 4 shares, A assessed again at 100.
      ...meeting('2026-03-10T17:00:00.000Z', [a, b]),
      ...['2026-03-01T00:00:00.000Z', '2026-03-05T12:00:00.000Z', '2026-03-06T12:00:00.000Z', '2026-03-31T12:00:00.000Z'].map(shared),
      assessed(a, '2026-03-15T12:00:00.000Z', 100),
    );
  };

  const read = (query: Record<string, string>) =>
    projection.read(async (db, consortiumId) => {
      const period = periodOf(parseOrRefuse(indicatorsQuery, query));
      return new IndicatorsService(db).forPeriod(consortiumId, period!);
    });
  const figures = (view: PeriodView) => {
    const value = (key: string) => view.indicators.find((i) => i.key === key)!.value;
    const breakdown = (key: string) => view.indicators.find((i) => i.key === key)!.breakdown;
    return {
      participants: value('o1.meeting-participants'),
      active: value(activeOrganizationsKey(nonprofits)),
      interactions: value('o2.knowledge-sharing.interactions'),
      assessments: value('readiness.assessments-completed'),
      maturity: value('readiness.maturity.cybersecurity'),
      assessedOrganizations: (breakdown('readiness.maturity.cybersecurity') as { organizations: number | null }).organizations,
    };
  };

  it('counts only the facts of the period: the middle month', async () => {
    await threeMonths();
    const february = await read({ from: '2026-02-01', to: '2026-03-01' });
    expect(february).toMatchObject({ from: '2026-02-01T00:00:00.000Z', to: '2026-03-01T00:00:00.000Z' });
    // B–G active (attendance, assessments) and A (sharing); maturity of the 5 assessed: (50+60+70+80+90)/5 = 70.
    expect(figures(february)).toEqual({ participants: 6, active: 7, interactions: 3, assessments: 5, maturity: 70, assessedOrganizations: 5 });
  });

  it('as of a day: the whole history to the end of that day; small counts stay suppressed', async () => {
    await threeMonths();
    // January alone: one organisation assessed, its score not shown (fewer than 5).
    expect(figures(await read({ asOf: '2026-01-31' }))).toEqual({ participants: 1, active: 1, interactions: 2, assessments: 1, maturity: null, assessedOrganizations: null });
    // To 28 February: A at 40 and B–F: (40+50+60+70+80+90)/6 = 65; the share at 23:59:59 on the 28th counts.
    expect(figures(await read({ asOf: '2026-02-28' }))).toEqual({ participants: 7, active: 7, interactions: 5, assessments: 6, maturity: 65, assessedOrganizations: 6 });
    // From the beginning to a day: the same as asOf the day before.
    expect(figures(await read({ to: '2026-03-01' }))).toEqual(figures(await read({ asOf: '2026-02-28' })));
  });

  it('leaves the live indicators alone: they count everything, each organisation’s latest assessment', async () => {
    await threeMonths();
    await read({ from: '2026-02-01', to: '2026-03-01' });
    const live = await projection.indicators();
    // A's latest is 100: (100+50+60+70+80+90)/6 = 75.
    expect([live.get('o1.meeting-participants')!.value, live.get('o2.knowledge-sharing.interactions')!.value, live.get('readiness.maturity.cybersecurity')!.value]).toEqual([9, 9, 75]);
  });

  it('a series gives each calendar month as its own period', async () => {
    await threeMonths();
    const series = await projection.read((db, consortiumId) => new IndicatorsService(db).series(consortiumId, 'o1.meeting-participants', parseOrRefuse(seriesQuery, { from: '2026-01-01', to: '2026-04-01' })));
    expect(series.months.map((m) => [m.month, m.value])).toEqual([
      ['2026-01', 1],
      ['2026-02', 6],
      ['2026-03', 2],
    ]);
    expect(series.months[1]).toMatchObject({ from: '2026-02-01T00:00:00.000Z', to: '2026-03-01T00:00:00.000Z' });
    // Month by month, the maturity of March's one assessment is suppressed like January's.
    const maturity = await projection.read((db, consortiumId) => new IndicatorsService(db).series(consortiumId, 'readiness.maturity.cybersecurity', { from: '2026-01-01', to: '2026-04-01' }));
    expect(maturity.months.map((m) => m.value)).toEqual([null, 70, null]);
  });

  it('statuses at the period’s end, rates over the gatherings that took place in it, survey responses submitted in it', async () => {
    const [p1, p2] = [randomUUID(), randomUUID()];
    const step = <D extends typeof PartnershipProposedV1 | typeof PartnershipConfirmedV1 | typeof PartnershipEndedV1>(definition: D, partnershipId: string, data: object) =>
      projection.event(definition, { partnershipId, ...data } as never);
    const held = randomUUID();
    const later = randomUUID();
    const going = (gatheringId: string) => projection.event(GatheringRegistrationChangedV1, { gatheringId, gatheringKind: 'workshop', memberId: randomUUID(), response: 'going' });
    const feedback = (score: number, submittedAt: string) =>
      projection.event(FeedbackSubmittedV1, { responseId: randomUUID(), organizationId: randomUUID(), scores: [{ questionKey: 'participation', criterion: 'participation', score }], submittedAt });
    await projection.apply(
      // P1 proposed in January, confirmed in February, ended in March; P2 proposed and confirmed in March.
      step(PartnershipProposedV1, p1, { proposedAt: '2026-01-10T12:00:00.000Z' }),
      step(PartnershipConfirmedV1, p1, { confirmedAt: '2026-02-10T12:00:00.000Z' }),
      step(PartnershipEndedV1, p1, { previousStatus: 'confirmed', endedAt: '2026-03-10T12:00:00.000Z' }),
      step(PartnershipProposedV1, p2, { proposedAt: '2026-03-01T12:00:00.000Z' }),
      step(PartnershipConfirmedV1, p2, { confirmedAt: '2026-03-02T12:00:00.000Z' }),
      // A workshop on 10 February: 2 going, nobody came (0 %); one on 10 March: 3 going.
      projection.event(GatheringScheduledV1, { gatheringId: held, kind: 'workshop', startsAt: '2026-02-10T17:00:00.000Z' }),
      projection.event(GatheringScheduledV1, { gatheringId: later, kind: 'workshop', startsAt: '2026-03-10T17:00:00.000Z' }),
      going(held),
      going(held),
      ...[1, 2, 3].map(() => going(later)),
      // Survey answers: one scoring 2 in February, one scoring 4 in March.
      feedback(2, '2026-02-12T12:00:00.000Z'),
      ...[4, 4, 5, 3, 4].map((score) => feedback(score, '2026-03-12T12:00:00.000Z')),
    );
    const value = (view: PeriodView, key: string) => view.indicators.find((i) => i.key === key)!;
    const february = await read({ from: '2026-02-01', to: '2026-03-01' });
    // P1 confirmed in February and still confirmed at its end; the funnel at the end: P1 confirmed (P2 not yet proposed).
    expect(value(february, 'o4.partnerships.confirmed')).toMatchObject({ value: 1, breakdown: { funnel: { confirmed: 1 } } });
    // Only February's workshop took place in February: 0 of 2; March's is still to come then.
    expect(value(february, 'o2.attendance-rate')).toMatchObject({ value: 0, breakdown: { registered: 2, upcomingGatherings: 1 } });
    // One organisation answered in February: its average is withheld by the small-count rule, as everywhere.
    expect(value(february, 'o1.feedback.participation')).toMatchObject({ value: null, suppressed: true, breakdown: { responses: null } });
    const march = await read({ from: '2026-03-01', to: '2026-04-01' });
    // In March P1 ended and P2 was confirmed.
    expect(value(march, 'o4.partnerships.confirmed')).toMatchObject({ value: 1, breakdown: { funnel: { confirmed: 1, ended: 1 } } });
    expect(value(march, 'o2.attendance-rate')).toMatchObject({ value: 0, breakdown: { registered: 3, upcomingGatherings: 0 } });
    // Five organisations answered in March: (4 + 4 + 5 + 3 + 4) / 5 = 4.
    expect(value(march, 'o1.feedback.participation')).toMatchObject({ value: 4, suppressed: false, breakdown: { responses: 5 } });
    // As of 15 February: P1 confirmed; the February workshop held; one response.
    const midFebruary = await read({ asOf: '2026-02-15' });
    expect([value(midFebruary, 'o4.partnerships.confirmed').value, value(midFebruary, 'o4.partnerships.in-negotiation').value]).toEqual([1, 0]);
    expect(value(midFebruary, 'o2.attendance-rate').breakdown).toMatchObject({ registered: 2, upcomingGatherings: 1 });
    // Live: P2 confirmed, P1 ended; both workshops held, 0 of 5; the six responses averaged (2 + 4 + 4 + 5 + 3 + 4) / 6 = 3.7.
    const live = await projection.indicators();
    expect([live.get('o4.partnerships.confirmed')!.value, live.get('o2.attendance-rate')!.value, live.get('o1.feedback.participation')!.value]).toEqual([1, 0, 3.7]);
  });

  it('refuses a period that ends before it starts, asOf with from or to, days out of bounds and series over 60 months, naming the field', () => {
    const refusal = (run: () => unknown) => {
      try {
        run();
      } catch (error) {
        return (error as DomainError).details.errors?.map((e) => [e.field, e.code]);
      }
      throw new Error('not refused');
    };
    expect(refusal(() => parseOrRefuse(indicatorsQuery, { from: '2026-03-01', to: '2026-03-01' }))).toEqual([['to', 'field.end-before-start']]);
    expect(refusal(() => parseOrRefuse(indicatorsQuery, { asOf: '2026-03-01', from: '2026-01-01' }))).toEqual([['asOf', 'field.invalid']]);
    expect(refusal(() => parseOrRefuse(indicatorsQuery, { from: '1800-01-01' }))).toEqual([['from', 'field.out-of-range']]);
    expect(refusal(() => parseOrRefuse(indicatorsQuery, { to: '2026-02-30' }))).toEqual([['to', 'field.not-a-date']]);
    // January 2020 to January 2025: 61 months.
    expect(refusal(() => monthsOf({ from: '2020-01-01', to: '2025-01-02' }))).toEqual([['to', 'field.out-of-range']]);
    expect(monthsOf({ from: '2020-01-01', to: '2025-01-01' })).toHaveLength(60);
  });
});
