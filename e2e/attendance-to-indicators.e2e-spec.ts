import { expectEventually, TestSystem } from '@ccndr/testing';
import { buildProgramme, indicator, scheduleGathering } from './support/programme';

describe('attendance recorded in community reaches the live indicators in evaluation', () => {
  let system: TestSystem;

  beforeAll(async () => {
    system = await TestSystem.start({ services: ['community', 'evaluation'] });
  });
  afterAll(() => system?.stop());

  it('updates o1.meeting-participants and the active organisations as attendance is recorded', async () => {
    const programme = await buildProgramme(system, 4);
    const { consortiumId, coordinator, members, meetingId } = programme;

    const initial = await expectEventually(() => indicator(system, consortiumId, coordinator, 'o1.meeting-participants'));
    expect(initial).toMatchObject({ value: 0, target: { comparison: 'more-than', value: 60 }, status: 'not-met' });

    const first = await system.call('community', 'POST', `/consortia/${consortiumId}/gatherings/${meetingId}/attendance`, {
      token: coordinator,
      body: { memberIds: members.slice(0, 2) },
    });
    expect(first).toMatchObject({ status: 200, body: { recorded: members.slice(0, 2), alreadyRecorded: [], attendeeCount: 2 } });
    await expectEventually(async () => expect(await indicator(system, consortiumId, coordinator, 'o1.meeting-participants')).toMatchObject({ value: 2 }));
    expect(await indicator(system, consortiumId, coordinator, 'o1.active-organizations.youth-employment-nonprofit')).toMatchObject({ value: 1, target: { comparison: 'at-least', value: 10 }, status: 'not-met' });
    expect(await indicator(system, consortiumId, coordinator, 'o1.active-organizations.service-provider')).toMatchObject({ value: 1, target: { value: 10 } });

    // Recording the same people again changes nothing; one new person counts once.
    const second = await system.call('community', 'POST', `/consortia/${consortiumId}/gatherings/${meetingId}/attendance`, {
      token: coordinator,
      body: { memberIds: [members[0], members[1], members[2]] },
    });
    expect(second).toMatchObject({ status: 200, body: { recorded: [members[2]], alreadyRecorded: [members[0], members[1]], attendeeCount: 3 } });
    await expectEventually(async () => expect(await indicator(system, consortiumId, coordinator, 'o1.meeting-participants')).toMatchObject({ value: 3 }));

    const single = await system.call('community', 'POST', `/consortia/${consortiumId}/gatherings/${meetingId}/attendance`, { token: coordinator, body: { memberId: members[3] } });
    expect(single).toMatchObject({ status: 200, body: { recorded: [members[3]], attendeeCount: 4 } });
    await expectEventually(async () => expect(await indicator(system, consortiumId, coordinator, 'o1.meeting-participants')).toMatchObject({ value: 4 }));

    // Caught up: evaluation's readiness shows no consumer lag, community's no outbox backlog.
    await expectEventually(async () =>
      expect((await system.call('evaluation', 'GET', '/health/ready')).body).toMatchObject({ status: 'ready', lag: { evaluation: { pending: 0, unacknowledged: 0 } } }),
    );
    expect((await system.call('community', 'GET', '/health/ready')).body).toMatchObject({ status: 'ready', outbox: { pending: 0 } });
  });

  it('counts workshop attendance towards active organisations but not meeting participants', async () => {
    const { consortiumId, coordinator, members } = await buildProgramme(system, 2);
    const workshopId = await scheduleGathering(system, consortiumId, coordinator, 'workshop', 'Atelier gouvernance des données');
    await system.call('community', 'POST', `/consortia/${consortiumId}/gatherings/${workshopId}/attendance`, { token: coordinator, body: { memberId: members[0] } });
    await expectEventually(async () =>
      expect(await indicator(system, consortiumId, coordinator, 'o1.active-organizations.youth-employment-nonprofit')).toMatchObject({ value: 1 }),
    );
    expect(await indicator(system, consortiumId, coordinator, 'o1.meeting-participants')).toMatchObject({ value: 0 });
    expect(await indicator(system, consortiumId, coordinator, 'o1.active-organizations.service-provider')).toMatchObject({ value: 0 });
  });
});
