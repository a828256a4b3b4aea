import { randomUUID } from 'node:crypto';
import {
  CircleCreatedV1,
  CircleMemberJoinedV1,
  CircleMemberLeftV1,
  GatheringAttendanceRecordedV1,
  GatheringCancelledV1,
  GatheringRegistrationChangedV1,
  GatheringRepresentationSnapshotV1,
  GatheringScheduledV1,
  KnowledgeReactedV1,
  KnowledgeSharedV1,
  MemberJoinedV1,
  OrganizationJoinedV1,
} from '@ccndr/contracts';
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

  it('o2.codesign-organizations: organisations with a member in a working group now, met from 5 (expected up to 10)', async () => {
    const circle = projection.event(CircleCreatedV1, { circleId: randomUUID(), prototype: 2 });
    const organizations = Array.from({ length: 5 }, () => randomUUID());
    const join = (organizationId: string, memberId = randomUUID()) => projection.event(CircleMemberJoinedV1, { circleId: circle.data.circleId, memberId, organizationId });
    const leaving = join(organizations[4]);
    await projection.apply(circle, ...organizations.slice(0, 4).map((o) => join(o)), join(organizations[0]), leaving);
    expect(await projection.indicator('o2.codesign-organizations')).toMatchObject({
      value: 5,
      target: { comparison: 'between', value: 5, max: 10 },
      status: 'met',
      breakdown: { circles: [{ circleId: circle.data.circleId, prototype: 2, activeMembers: 6, organizations: 5 }] },
    });

    await projection.apply(projection.event(CircleMemberLeftV1, { circleId: circle.data.circleId, memberId: leaving.data.memberId, organizationId: organizations[4] }));
    expect(await projection.indicator('o2.codesign-organizations')).toMatchObject({ value: 4, status: 'not-met' });
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
