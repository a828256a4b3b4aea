import { randomUUID } from 'node:crypto';
import {
  CloudEventEnvelope,
  GatheringAttendanceRecordedV1,
  GatheringAttendanceWithdrawnV1,
  GatheringRegistrationChangedV1,
  GatheringScheduledV1,
  MemberJoinedV1,
  OrganizationJoinedV1,
} from '@ccndr/contracts';
import { projectionSpec } from './projection-harness';

/** Every order of a list. */
function permutations<T>(items: T[]): T[][] {
  if (items.length <= 1) return [items];
  return items.flatMap((item, i) => permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [item, ...rest]));
}

/**
 * Attendance recorded, then withdrawn (and perhaps recorded again): whatever order evaluation applies
 * the events in, one by one or in one batch, the later of a recording and a withdrawal stands, and
 * every indicator built on attendance counts the person only while they stand as present.
 */
describe('attendance withdrawals in the indicators', () => {
  const projection = projectionSpec();

  /** A consortium meeting with Ana (Quebec nonprofit, registered as going) and Ben (Ontario provider); the events that change Ana's attendance, by name. */
  async function meeting() {
    const quebec = projection.event(OrganizationJoinedV1, { organizationId: randomUUID(), category: 'youth-employment-nonprofit', provinceOrTerritory: 'QC', country: 'CA' });
    const ontario = projection.event(OrganizationJoinedV1, { organizationId: randomUUID(), category: 'service-provider', provinceOrTerritory: 'ON', country: 'CA' });
    const ana = projection.event(MemberJoinedV1, { memberId: randomUUID(), organizationId: quebec.data.organizationId, role: 'nonprofit-staff' });
    const ben = projection.event(MemberJoinedV1, { memberId: randomUUID(), organizationId: ontario.data.organizationId, role: 'provider-staff' });
    const gathering = projection.event(GatheringScheduledV1, { gatheringId: randomUUID(), kind: 'consortium-meeting' });
    const { gatheringId, kind: gatheringKind } = gathering.data;
    const going = projection.event(GatheringRegistrationChangedV1, { gatheringId, gatheringKind, memberId: ana.data.memberId, organizationId: quebec.data.organizationId, response: 'going' });
    await projection.apply(quebec, ontario, ana, ben, gathering, going);
    const person = (member: typeof ana) => ({ memberId: member.data.memberId, organizationId: member.data.organizationId });
    const at = (minutes: number) => new Date(Date.UTC(2026, 1, 10, 19, minutes)).toISOString();
    const changes: Record<string, CloudEventEnvelope> = {
      recorded: projection.event(GatheringAttendanceRecordedV1, { gatheringId, gatheringKind, attendees: [person(ana), person(ben)], recordedAt: at(0) }),
      withdrawn: projection.event(GatheringAttendanceWithdrawnV1, { gatheringId, gatheringKind, attendees: [person(ana)], withdrawnAt: at(10) }),
      'recorded again': projection.event(GatheringAttendanceRecordedV1, { gatheringId, gatheringKind, attendees: [person(ana)], recordedAt: at(20) }),
      'recorded at the instant of the withdrawal': projection.event(GatheringAttendanceRecordedV1, { gatheringId, gatheringKind, attendees: [person(ana)], recordedAt: at(10) }),
    };
    return changes;
  }

  /** What the attendance indicators say of the meeting. */
  async function counted() {
    const indicators = await projection.indicators();
    return {
      participants: indicators.get('o1.meeting-participants')!.value,
      activeNonprofits: indicators.get('o1.active-organizations.youth-employment-nonprofit')!.value,
      activeProviders: indicators.get('o1.active-organizations.service-provider')!.value,
      attendedOfRegistered: (indicators.get('o2.attendance-rate')!.breakdown as { attendedOfRegistered: number }).attendedOfRegistered,
      provinces: indicators.get('o2.representation.provinces-and-territories')!.breakdown,
      roles: indicators.get('o2.representation.expertise')!.breakdown,
    };
  }

  const withoutAna = { participants: 1, activeNonprofits: 0, activeProviders: 1, attendedOfRegistered: 0, provinces: { organizations: { ON: 1 } }, roles: { people: { 'provider-staff': 1 } } };
  const withAna = { participants: 2, activeNonprofits: 1, activeProviders: 1, attendedOfRegistered: 1, provinces: { organizations: { QC: 1, ON: 1 } }, roles: { people: { 'nonprofit-staff': 1, 'provider-staff': 1 } } };

  it('counts a person recorded as present until their attendance is withdrawn', async () => {
    const changes = await meeting();
    await projection.apply(changes.recorded);
    expect(await counted()).toEqual(withAna);
    await projection.apply(changes.withdrawn);
    expect(await counted()).toEqual(withoutAna);
    await projection.apply(changes['recorded again']);
    expect(await counted()).toEqual(withAna);
  });

  const cases: [string[], object][] = [
    [['recorded', 'withdrawn'], withoutAna],
    [['recorded', 'withdrawn', 'recorded again'], withAna],
    [['recorded', 'withdrawn', 'recorded at the instant of the withdrawal'], withoutAna],
  ];
  for (const [names, expected] of cases) {
    for (const order of permutations(names)) {
      it(`leaves the later change standing when applied one by one: ${order.join(', ')}`, async () => {
        const changes = await meeting();
        for (const name of order) await projection.apply(changes[name]);
        expect(await counted()).toEqual(expected);
      });

      it(`leaves the later change standing when applied in one batch: ${order.join(', ')}`, async () => {
        const changes = await meeting();
        await projection.apply(...order.map((name) => changes[name]));
        expect(await counted()).toEqual(expected);
      });
    }
  }

  it('keeps a withdrawal that arrives before any recording, and counts nobody twice when an event is applied again', async () => {
    const changes = await meeting();
    await projection.apply(changes.withdrawn);
    expect(await counted()).toMatchObject({ participants: 0, activeNonprofits: 0 });
    await projection.apply(changes.recorded, changes.recorded);
    expect(await counted()).toEqual(withoutAna);
  });
});
