import { parseEvent } from '@ccndr/contracts';
import { consortiumToken, expectEventually, TestSystem } from '@ccndr/testing';
import { createConsortium, joinMember, joinOrganization, scheduleGathering } from './support/programme';

describe('self-identified diversity data: consent, withdrawal and suppressed aggregates', () => {
  let system: TestSystem;
  let consortiumId: string;
  let coordinator: string;
  const people: { id: string; token: string }[] = [];

  beforeAll(async () => {
    system = await TestSystem.start({ services: ['community'] });
    ({ consortiumId, coordinator } = await createConsortium(system));
    const organization = await joinOrganization(system, consortiumId, coordinator, 'ACBN', 'youth-employment-nonprofit', 'NS');
    for (let i = 0; i < 7; i++) {
      const id = await joinMember(system, consortiumId, coordinator, organization, `Person ${i}`, 'nonprofit-staff', `idp|p${i}`);
      people.push({ id, token: await consortiumToken({ [consortiumId]: ['member'] }, `idp|p${i}`) });
    }
  });
  afterAll(() => system?.stop());

  const api = (token: string, method: string, path: string, body?: unknown) => system.call('community', method, `/consortia/${consortiumId}${path}`, { token, body });

  it('records self-identification only with consent, and lets a person see and withdraw it', async () => {
    expect(await api(people[6].token, 'PUT', '/self-identification', { consent: false, ageBand: '20-24' })).toMatchObject({ status: 400, body: { errors: [{ field: 'consent' }] } });
    expect(await api(people[6].token, 'PUT', '/self-identification', { consent: true, identityGroups: ['martian'] })).toMatchObject({ status: 400, body: { errors: [{ field: 'identityGroups.0' }] } });
    expect(await api(people[6].token, 'PUT', '/self-identification', { consent: true, ageBand: '20-24' })).toMatchObject({ status: 200, body: { ageBand: '20-24', consentedAt: expect.any(String) } });
    expect((await api(people[6].token, 'GET', '/self-identification')).body).toMatchObject({ ageBand: '20-24', identityGroups: [] });
    expect(await api(people[6].token, 'DELETE', '/self-identification')).toMatchObject({ status: 204 });
    expect(await api(people[6].token, 'GET', '/self-identification')).toMatchObject({ status: 404 });
    const log = await system.sql(`SELECT action FROM community.consent_log WHERE member_id = $1 ORDER BY at`, [people[6].id]);
    expect(log.map((r) => r.action)).toEqual(['given', 'withdrawn']);
  });

  it('shows a gathering’s representation with small cells suppressed, and publishes only that aggregate', async () => {
    for (const [i, person] of people.slice(0, 6).entries()) {
      await api(person.token, 'PUT', '/self-identification', { consent: true, ageBand: i < 5 ? '25-29' : '30-39', identityGroups: i < 5 ? ['black'] : ['indigenous'] });
    }
    const meeting = await scheduleGathering(system, consortiumId, coordinator);
    await api(coordinator, 'POST', `/gatherings/${meeting}/attendance`, { memberIds: people.map((p) => p.id) });

    const shown = (await api(coordinator, 'GET', `/gatherings/${meeting}/representation`)).body;
    expect(shown).toMatchObject({ attendees: 7, selfIdentified: 6, suppressionThreshold: 5 });
    // 30-39 (1 person) is hidden; 25-29 (5) is hidden too, or it would reveal 30-39 as 6 − 5.
    expect(shown.ageBands).toMatchObject({ '25-29': null, '30-39': null, '20-24': 0 });
    expect(shown.identityGroups).toMatchObject({ black: 5, indigenous: null, white: 0 });
    expect((await api(people[0].token, 'GET', `/gatherings/${meeting}/representation`)).status).toBe(403);

    const snapshot = await expectEventually(async () => {
      const found = (await system.bus.publishedEvents()).filter((e) => e.type === 'ccndr.community.gathering.representation-snapshot.v1' && e.data.gatheringId === meeting);
      expect(found).toHaveLength(1);
      return found[0];
    });
    expect(parseEvent(snapshot)).toMatchObject({ ok: true });
    expect(snapshot.data).toMatchObject({ attendees: 7, selfIdentified: 6, identityGroups: { black: 5, indigenous: null } });
    const attendance = (await system.bus.publishedEvents()).find((e) => e.type === 'ccndr.community.gathering.attendance-recorded.v1' && e.data.gatheringId === meeting);
    expect(JSON.stringify(attendance)).not.toMatch(/black|indigenous|25-29/);

    // A withdrawal leaves the person out of every aggregate from then on.
    await api(people[0].token, 'DELETE', '/self-identification');
    const after = (await api(coordinator, 'GET', `/gatherings/${meeting}/representation`)).body;
    expect(after).toMatchObject({ selfIdentified: 5, identityGroups: { black: null } });
  });

  it('hides everything for a gathering with fewer self-identified attendees than the threshold', async () => {
    const workshop = await scheduleGathering(system, consortiumId, coordinator, 'workshop', 'Atelier');
    await api(coordinator, 'POST', `/gatherings/${workshop}/attendance`, { memberIds: people.slice(1, 4).map((p) => p.id) });
    const shown = (await api(coordinator, 'GET', `/gatherings/${workshop}/representation`)).body;
    expect(shown.attendees).toBe(3);
    expect(shown.selfIdentified).toBeNull();
    expect(Object.values(shown.ageBands).every((v) => v === null)).toBe(true);
    expect(Object.values(shown.identityGroups).every((v) => v === null)).toBe(true);
  });
});
