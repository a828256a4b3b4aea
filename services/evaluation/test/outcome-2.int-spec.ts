import { randomUUID } from 'node:crypto';
import {
  CircleCreatedV1,
  CircleMemberJoinedV1,
  CircleMemberLeftV1,
  GatheringAttendanceRecordedV1,
  GatheringCancelledV1,
  GatheringRegistrationChangedV1,
  GatheringReminderSentV1,
  GatheringRepresentationSnapshotV1,
  GatheringScheduledV1,
  KnowledgeReactedV1,
  KnowledgeSharedV1,
  MemberJoinedV1,
  OrganizationJoinedV1,
} from '@ccndr/contracts';
import { IndicatorsService } from '../src/indicators/indicators.service';
import { projectionSpec } from './projection-harness';

/** Outcome 2 — participation through consortium meetings and working groups. */
describe('outcome 2 indicators', () => {
  const projection = projectionSpec();

  const gathering = () => projection.event(GatheringScheduledV1, { gatheringId: randomUUID(), kind: 'workshop' });
  const attended = (gatheringId: string, attendees: { memberId: string; organizationId: string }[]) =>
    projection.event(GatheringAttendanceRecordedV1, { gatheringId, gatheringKind: 'workshop', attendees });

  it('o2.attendance-rate: the share of people registered as going who attended, cancelled gatherings left out', async () => {
    const [held, cancelled] = [gathering(), gathering()];
    const people = Array.from({ length: 4 }, () => ({ memberId: randomUUID(), organizationId: randomUUID() }));
    const register = (gatheringId: string, memberId: string, response: 'going' | 'not-going') =>
      projection.event(GatheringRegistrationChangedV1, { gatheringId, gatheringKind: 'workshop', memberId, response });
    await projection.apply(held, cancelled, projection.event(GatheringCancelledV1, { gatheringId: cancelled.data.gatheringId }));
    expect(await projection.indicator('o2.attendance-rate')).toMatchObject({ value: null, unit: 'percent', status: 'tracked' });

    await projection.apply(
      ...people.slice(0, 3).map((p) => register(held.data.gatheringId, p.memberId, 'going')),
      register(held.data.gatheringId, people[3].memberId, 'not-going'),
      register(cancelled.data.gatheringId, people[0].memberId, 'going'),
      // Two of the three who said they were going came, and someone who had said no.
      attended(held.data.gatheringId, [people[0], people[1], people[3]]),
    );
    const rate = await projection.indicator('o2.attendance-rate');
    expect(rate).toMatchObject({ value: 66.7, breakdown: { registered: 3, attendedOfRegistered: 2 } });
    expect((rate.breakdown as { gatherings: unknown[] }).gatherings).toEqual([expect.objectContaining({ gatheringId: held.data.gatheringId, registered: 3, attended: 3, attendedOfRegistered: 2 })]);
  });

  const going = (gatheringId: string, memberId = randomUUID()) =>
    projection.event(GatheringRegistrationChangedV1, { gatheringId, gatheringKind: 'workshop', memberId, response: 'going' });
  const startingAt = (startsAt: Date) => projection.event(GatheringScheduledV1, { gatheringId: randomUUID(), kind: 'workshop', startsAt: startsAt.toISOString() });
  /** A past gathering: three people registered as going, one of them attended (1 of 3 → 33.3 %). */
  const heldWithOneOfThree = async () => {
    const held = gathering();
    const people = Array.from({ length: 3 }, () => ({ memberId: randomUUID(), organizationId: randomUUID() }));
    await projection.apply(held, ...people.map((p) => going(held.data.gatheringId, p.memberId)), attended(held.data.gatheringId, [people[0]]));
    return held;
  };

  it('o2.attendance-rate: only gatherings that have taken place count; those registered for one still to come are not no-shows', async () => {
    const held = await heldWithOneOfThree();
    const later = startingAt(new Date(Date.now() + 30 * 24 * 3600 * 1000));
    await projection.apply(later, going(later.data.gatheringId), going(later.data.gatheringId));

    // 1 of the 3 registered for the past gathering attended: 33.3 %, not 1 of 5 (20 %).
    const rate = await projection.indicator('o2.attendance-rate');
    expect(rate).toMatchObject({ value: 33.3, breakdown: { registered: 3, attendedOfRegistered: 1, upcomingGatherings: 1 } });
    expect((rate.breakdown as { gatherings: { gatheringId: string }[] }).gatherings.map((g) => g.gatheringId)).toEqual([held.data.gatheringId]);
  });

  it('o2.attendance-rate: becomes right when a gathering’s start time passes, with no event', async () => {
    await heldWithOneOfThree();
    // Two people registered for a gathering that starts in two seconds; nobody attends it.
    const soon = startingAt(new Date(Date.now() + 2_000));
    await projection.apply(soon, going(soon.data.gatheringId), going(soon.data.gatheringId));
    expect(await projection.indicator('o2.attendance-rate')).toMatchObject({ value: 33.3, breakdown: { registered: 3, upcomingGatherings: 1 } });

    // Once it has started, its two are no-shows: 1 of 5 (20 %). Only time passes; nothing is applied.
    // Bounded polling (15 s at most), no sleep standing in for the wait.
    const deadline = Date.now() + 15_000;
    let after = await projection.indicator('o2.attendance-rate');
    while (after.value !== 20 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      after = await projection.indicator('o2.attendance-rate');
    }
    expect(after).toMatchObject({ value: 20, breakdown: { registered: 5, attendedOfRegistered: 1, upcomingGatherings: 0 } });
    expect((after.breakdown as { gatherings: { gatheringId: string; registered: number; attended: number }[] }).gatherings).toContainEqual(
      expect.objectContaining({ gatheringId: soon.data.gatheringId, registered: 2, attended: 0 }),
    );
  });

  /** A reminder of the gathering sent to the member, `offsetMinutes` before its start. */
  const reminded = (gatheringId: string, memberId: string, sentAt = '2026-02-09T09:00:00.000Z', offsetMinutes = 1440) =>
    projection.event(GatheringReminderSentV1, { gatheringId, memberId, offsetMinutes, sentAt });
  /** A past gathering: `remindedGoing` people going and reminded (the first `remindedCame` attended), `othersGoing` going and not reminded (the first `othersCame` attended). */
  const heldWithReminders = async (remindedGoing: number, remindedCame: number, othersGoing: number, othersCame: number) => {
    const held = gathering();
    const { gatheringId } = held.data;
    const people = (n: number) => Array.from({ length: n }, () => ({ memberId: randomUUID(), organizationId: randomUUID() }));
    const [remindedPeople, others] = [people(remindedGoing), people(othersGoing)];
    await projection.apply(
      held,
      ...[...remindedPeople, ...others].map((p) => going(gatheringId, p.memberId)),
      ...remindedPeople.map((p) => reminded(gatheringId, p.memberId)),
      ...(remindedCame + othersCame ? [attended(gatheringId, [...remindedPeople.slice(0, remindedCame), ...others.slice(0, othersCame)])] : []),
    );
    return { gatheringId, remindedPeople, others };
  };
  const reminderRates = async () => {
    const indicators = await projection.indicators();
    return ['o2.attendance-rate.reminded', 'o2.attendance-rate.not-reminded'].map((key) => {
      const { value, suppressed, unit, status, breakdown } = indicators.get(key)!;
      return { value, suppressed, unit, status, breakdown };
    });
  };

  it('o2.attendance-rate.reminded, o2.attendance-rate.not-reminded: attendance of those registered as going who were sent a reminder, beside those who were not', async () => {
    expect(await reminderRates()).toEqual([
      { value: null, suppressed: false, unit: 'percent', status: 'tracked', breakdown: { registered: 0, attendedOfRegistered: 0 } },
      { value: null, suppressed: false, unit: 'percent', status: 'tracked', breakdown: { registered: 0, attendedOfRegistered: 0 } },
    ]);
    // Reminded: 4 of 6 came (66.7 %); not reminded: 2 of 5 (40 %).
    const { gatheringId, remindedPeople } = await heldWithReminders(6, 4, 5, 2);
    // Not counted: a second reminder of the same person (counted once), a reminder of someone who said no,
    // and those of a cancelled gathering and of one still to come.
    const [cancelled, later] = [gathering(), startingAt(new Date(Date.now() + 30 * 24 * 3600 * 1000))];
    const outsider = randomUUID();
    await projection.apply(
      reminded(gatheringId, remindedPeople[5].memberId, '2026-02-10T08:00:00.000Z', 60),
      projection.event(GatheringRegistrationChangedV1, { gatheringId, gatheringKind: 'workshop', memberId: outsider, response: 'not-going' }),
      reminded(gatheringId, outsider),
      cancelled,
      later,
      ...[cancelled, later].flatMap((g) => remindedPeople.map((p) => going(g.data.gatheringId, p.memberId))),
      ...[cancelled, later].flatMap((g) => remindedPeople.map((p) => reminded(g.data.gatheringId, p.memberId))),
      projection.event(GatheringCancelledV1, { gatheringId: cancelled.data.gatheringId }),
    );
    expect(await reminderRates()).toEqual([
      { value: 66.7, suppressed: false, unit: 'percent', status: 'tracked', breakdown: { registered: 6, attendedOfRegistered: 4 } },
      { value: 40, suppressed: false, unit: 'percent', status: 'tracked', breakdown: { registered: 5, attendedOfRegistered: 2 } },
    ]);
    // The overall rate is the two groups together: 6 of 11.
    expect(await projection.indicator('o2.attendance-rate')).toMatchObject({ value: 54.5, breakdown: { registered: 11, attendedOfRegistered: 6 } });
  });

  it('o2.attendance-rate.reminded, o2.attendance-rate.not-reminded: neither rate shown while either group has 1 to 4 registrations', async () => {
    const withheld = { value: null, suppressed: true, unit: 'percent', status: 'tracked', breakdown: { registered: null, attendedOfRegistered: null } };
    // One reminded (who came), five not: the one person's attendance would show, and the other rate beside the overall one would give it away.
    await heldWithReminders(1, 1, 5, 3);
    expect(await reminderRates()).toEqual([withheld, withheld]);
    // Four reminded in all (three more, one of whom came): still withheld.
    await heldWithReminders(3, 1, 0, 0);
    expect(await reminderRates()).toEqual([withheld, withheld]);
    // Five: reminded 3 of 5 (60 %), not reminded 3 of 5 (60 %).
    await heldWithReminders(1, 1, 0, 0);
    expect(await reminderRates()).toEqual([
      { value: 60, suppressed: false, unit: 'percent', status: 'tracked', breakdown: { registered: 5, attendedOfRegistered: 3 } },
      { value: 60, suppressed: false, unit: 'percent', status: 'tracked', breakdown: { registered: 5, attendedOfRegistered: 3 } },
    ]);
  });

  it('o2.attendance-rate.reminded, o2.attendance-rate.not-reminded: for a period, the gatherings held in it and the reminders sent by its end', async () => {
    const at = (startsAt: string) => projection.event(GatheringScheduledV1, { gatheringId: randomUUID(), kind: 'workshop', startsAt });
    const [february, march] = [at('2026-02-10T17:00:00.000Z'), at('2026-03-10T17:00:00.000Z')];
    const people = Array.from({ length: 10 }, () => ({ memberId: randomUUID(), organizationId: randomUUID() }));
    const [first, second] = [people.slice(0, 5), people.slice(5)];
    await projection.apply(
      february,
      march,
      ...[february, march].flatMap((g) => people.map((p) => going(g.data.gatheringId, p.memberId))),
      // February: the first five reminded, the five others not; March: everyone reminded.
      ...first.map((p) => reminded(february.data.gatheringId, p.memberId, '2026-02-09T17:00:00.000Z')),
      ...people.map((p) => reminded(march.data.gatheringId, p.memberId, '2026-03-09T17:00:00.000Z')),
      // February: 4 of the reminded came, 1 of the others; March: all ten.
      attended(february.data.gatheringId, [...first.slice(0, 4), second[0]]),
      attended(march.data.gatheringId, people),
    );
    const inFebruary = await projection.read(async (db, consortiumId) =>
      (await new IndicatorsService(db).forPeriod(consortiumId, { from: new Date('2026-02-01T00:00:00Z'), to: new Date('2026-03-01T00:00:00Z') })).indicators,
    );
    const rate = (key: string) => inFebruary.find((i) => i.key === key)!;
    expect([rate('o2.attendance-rate.reminded'), rate('o2.attendance-rate.not-reminded')].map(({ value, breakdown }) => ({ value, breakdown }))).toEqual([
      { value: 80, breakdown: { registered: 5, attendedOfRegistered: 4 } },
      { value: 20, breakdown: { registered: 5, attendedOfRegistered: 1 } },
    ]);
    // Live (both months): reminded 14 of 15 (93.3 %); not reminded 1 of 5 (20 %).
    expect((await reminderRates()).map(({ value }) => value)).toEqual([93.3, 20]);
  });

  it('o2.codesign-organizations.prototype-1, o2.codesign-organizations.prototype-2, o2.codesign-organizations.prototype-3: organisations ever active in each prototype’s working groups, each against 5–10; each group’s counts from 1 to 4 not shown', async () => {
    const circle = (prototype: 1 | 2 | 3 | null) => projection.event(CircleCreatedV1, { circleId: randomUUID(), prototype });
    const [first, second, third, unassigned] = [circle(2), circle(2), circle(3), circle(null)];
    const join = (c: typeof first, organizationId: string, memberId = randomUUID()) => projection.event(CircleMemberJoinedV1, { circleId: c.data.circleId, memberId, organizationId });
    const organizations = Array.from({ length: 8 }, () => randomUUID());
    // Prototype 2: organisations 0–4 in its first circle (0 twice: 6 members), 4 and 5 in its second → 0–5: 6 organisations.
    // Prototype 3: organisations 6 and 7 → 2. The circle of no prototype counts in none. Prototype 1: no circle → 0.
    const secondOfZero = join(first, organizations[0]);
    const leaving = join(second, organizations[5]);
    await projection.apply(
      first, second, third, unassigned,
      ...organizations.slice(0, 5).map((o) => join(first, o)), secondOfZero,
      join(second, organizations[4]), leaving,
      join(third, organizations[6]), join(third, organizations[7]),
      join(unassigned, organizations[0]), join(unassigned, randomUUID()),
    );
    const indicators = await projection.indicators();
    expect(indicators.has('o2.codesign-organizations')).toBe(false);
    expect(indicators.get('o2.codesign-organizations.prototype-1')).toMatchObject({ value: 0, target: { comparison: 'between', value: 5, max: 10 }, status: 'not-met', breakdown: { circles: [] } });
    expect(indicators.get('o2.codesign-organizations.prototype-2')).toMatchObject({ value: 6, target: { comparison: 'between', value: 5, max: 10 }, status: 'met' });
    expect(indicators.get('o2.codesign-organizations.prototype-3')).toMatchObject({ value: 2, status: 'not-met' });
    // A group of 2 members would point at them: its counts are null ("<5") wherever shown.
    expect((indicators.get('o2.codesign-organizations.prototype-2')!.breakdown as { circles: unknown[] }).circles).toEqual(
      expect.arrayContaining([
        { circleId: first.data.circleId, prototype: 2, members: 6, organizations: 5, membersNow: 6, organizationsNow: 5 },
        { circleId: second.data.circleId, prototype: 2, members: null, organizations: null, membersNow: null, organizationsNow: null },
      ]),
    );
    expect((indicators.get('o2.codesign-organizations.prototype-3')!.breakdown as { circles: unknown[] }).circles).toEqual([
      { circleId: third.data.circleId, prototype: 3, members: null, organizations: null, membersNow: null, organizationsNow: null },
    ]);

    // Organisation 5's only member leaves prototype 2's second circle: it was active there, and still counts.
    // Organisation 0's second member leaves the first: the group had 6 members and has 5 now, of the same 5 organisations.
    await projection.apply(
      projection.event(CircleMemberLeftV1, { circleId: second.data.circleId, memberId: leaving.data.memberId, organizationId: organizations[5] }),
      projection.event(CircleMemberLeftV1, { circleId: first.data.circleId, memberId: secondOfZero.data.memberId, organizationId: organizations[0] }),
    );
    const afterLeaving = await projection.indicator('o2.codesign-organizations.prototype-2');
    expect(afterLeaving).toMatchObject({ value: 6, status: 'met' });
    expect((afterLeaving.breakdown as { circles: { circleId: string }[] }).circles.find((c) => c.circleId === first.data.circleId)).toEqual({
      circleId: first.data.circleId,
      prototype: 2,
      members: 6,
      organizations: 5,
      membersNow: 5,
      organizationsNow: 5,
    });
    // Prototypes are counted apart: organisation 3 of prototype 2 joining prototype 3 adds to prototype 3 only.
    await projection.apply(join(third, organizations[3]));
    const apart = await projection.indicators();
    expect([1, 2, 3].map((p) => apart.get(`o2.codesign-organizations.prototype-${p}`)!.value)).toEqual([0, 6, 3]);
  });

  it('o2.representation.provinces-and-territories, o2.representation.countries, o2.representation.expertise: places and roles of those who attended', async () => {
    const place = (provinceOrTerritory: 'QC' | 'ON' | null, country: string) => projection.event(OrganizationJoinedV1, { organizationId: randomUUID(), provinceOrTerritory, country });
    const [quebec, ontario, abroad, absent] = [place('QC', 'CA'), place('ON', 'CA'), place(null, 'GB'), place('ON', 'CA')];
    const member = (organizationId: string, role: 'nonprofit-staff' | 'provider-staff' | 'sector-advisor') => projection.event(MemberJoinedV1, { memberId: randomUUID(), organizationId, role });
    const members = [member(quebec.data.organizationId, 'nonprofit-staff'), member(ontario.data.organizationId, 'nonprofit-staff'), member(abroad.data.organizationId, 'sector-advisor'), member(absent.data.organizationId, 'provider-staff')];
    const workshop = gathering();
    await projection.apply(quebec, ontario, abroad, absent, ...members, workshop);
    await projection.apply(attended(workshop.data.gatheringId, members.slice(0, 3).map((m) => ({ memberId: m.data.memberId, organizationId: m.data.organizationId }))));

    const indicators = await projection.indicators();
    expect(indicators.get('o2.representation.provinces-and-territories')).toMatchObject({ value: 2, breakdown: { organizations: { QC: 1, ON: 1 } } });
    expect(indicators.get('o2.representation.countries')).toMatchObject({ value: 2, breakdown: { organizations: { CA: 2, GB: 1 } } });
    expect(indicators.get('o2.representation.expertise')).toMatchObject({ value: 2, breakdown: { people: { 'nonprofit-staff': 2, 'sector-advisor': 1 } } });
  });

  it('o2.representation.age-bands, o2.representation.identity-groups: groups represented in the self-identified aggregates, counts under 5 suppressed wherever shown', async () => {
    const workshop = gathering();
    const snapshot = projection.event(GatheringRepresentationSnapshotV1, {
      gatheringId: workshop.data.gatheringId,
      attendees: 30,
      selfIdentified: 24,
      // As community publishes them: small counts already null; one publisher's slip (3) and "prefer not to say" too.
      ageBands: { 'under-20': 0, '20-24': null, '25-29': 7, '30-39': 6, '40-49': 3, '50-64': null, '65-plus': 0, 'prefer-not-to-say': 5 },
      identityGroups: { indigenous: 5, black: null, 'east-asian': 2, 'south-asian': 6, 'southeast-asian': 0, 'latin-american': 0, 'middle-eastern': 0, white: 8, 'another-identity': null },
    });
    await projection.apply(workshop, snapshot);

    const indicators = await projection.indicators();
    const ages = indicators.get('o2.representation.age-bands')!;
    expect(ages.value).toBe(2);
    expect(ages.breakdown).toEqual({
      gatherings: [
        {
          gatheringId: workshop.data.gatheringId,
          attendees: 30,
          selfIdentified: 24,
          groups: { 'under-20': 0, '20-24': null, '25-29': 7, '30-39': 6, '40-49': null, '50-64': null, '65-plus': 0, 'prefer-not-to-say': 5 },
        },
      ],
    });
    const identities = indicators.get('o2.representation.identity-groups')!;
    expect(identities.value).toBe(3);
    expect((identities.breakdown as { gatherings: { groups: Record<string, number | null> }[] }).gatherings[0].groups).toMatchObject({ indigenous: 5, black: null, 'east-asian': null, 'south-asian': 6, white: 8 });
    // No count from 1 to 4 anywhere in what is shown.
    const shown = [ages, identities].flatMap((i) => (i.breakdown as { gatherings: { selfIdentified: number | null; groups: Record<string, number | null> }[] }).gatherings.flatMap((g) => [g.selfIdentified, ...Object.values(g.groups)]));
    expect(shown.filter((n) => n !== null && n > 0 && n < 5)).toEqual([]);

    // A gathering with fewer than 5 who self-identified shows no total either.
    const small = gathering();
    await projection.apply(small, projection.event(GatheringRepresentationSnapshotV1, { gatheringId: small.data.gatheringId, attendees: 6, selfIdentified: 4 }));
    const again = (await projection.indicator('o2.representation.age-bands')).breakdown as { gatherings: { gatheringId: string; selfIdentified: number | null }[] };
    expect(again.gatherings.find((g) => g.gatheringId === small.data.gatheringId)!.selfIdentified).toBeNull();
  });

  it('o2.knowledge-sharing.interactions, o2.knowledge-sharing.cross-organization, o2.knowledge-sharing.resources: posts, replies, resources and reactions', async () => {
    const share = (itemType: 'thread' | 'reply' | 'resource', crossOrganization: boolean) =>
      projection.event(KnowledgeSharedV1, { itemId: randomUUID(), itemType, crossOrganization, sharedAt: '2026-03-02T15:00:00.000Z' });
    const react = (crossOrganization: boolean) => projection.event(KnowledgeReactedV1, { crossOrganization, reactedAt: '2026-04-02T15:00:00.000Z' });
    const reaction = react(true);
    // The same reaction delivered twice counts once.
    await projection.apply(share('thread', false), share('reply', true), share('resource', false), share('resource', true), reaction, react(false));
    await projection.apply(reaction);

    const indicators = await projection.indicators();
    expect(indicators.get('o2.knowledge-sharing.interactions')).toMatchObject({
      value: 6,
      breakdown: {
        threads: 1,
        replies: 1,
        resources: 2,
        reactions: 2,
        months: [
          { month: '2026-03', interactions: 4, crossOrganization: 2, resources: 2 },
          { month: '2026-04', interactions: 2, crossOrganization: 1, resources: 0 },
        ],
      },
    });
    expect(indicators.get('o2.knowledge-sharing.cross-organization')).toMatchObject({ value: 3 });
    expect(indicators.get('o2.knowledge-sharing.resources')).toMatchObject({ value: 2 });
  });
});
