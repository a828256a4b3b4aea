import { parseEvent } from '@ccndr/contracts';
import { consortiumToken, expectEventually, TestSystem } from '@ccndr/testing';
import { buildProgramme, indicator, joinMember, joinOrganization } from './support/programme';

describe('circles (working groups) and their membership history', () => {
  let system: TestSystem;
  let programme: Awaited<ReturnType<typeof buildProgramme>>;

  beforeAll(async () => {
    system = await TestSystem.start({ services: ['community', 'evaluation'] });
    programme = await buildProgramme(system, 4);
  });
  afterAll(() => system?.stop());

  const api = (method: string, path: string, body?: unknown, token = programme.coordinator) =>
    system.call('community', method, `/consortia/${programme.consortiumId}${path}`, { token, body });

  it('forms circles linked to a prototype or a readiness dimension, with unique names', async () => {
    const journey = await api('POST', '/circles', { name: 'Prototype 1 : parcours de préparation', prototype: 1, readinessDimension: 'data-governance' });
    expect(journey).toMatchObject({ status: 201, body: { prototype: 1, readinessDimension: 'data-governance', description: null } });
    expect(await api('POST', '/circles', { name: 'prototype 1 : PARCOURS de préparation' })).toMatchObject({ status: 409, body: { code: 'circle.name-taken', errors: [{ code: 'circle.name-taken', field: 'name' }] } });
    expect(await api('POST', '/circles', { name: 'Prototype 4', prototype: 4 })).toMatchObject({ status: 400, body: { errors: [{ field: 'prototype' }] } });
    expect(await api('POST', '/circles', { name: 'Dimension', readinessDimension: 'Data Governance!' })).toMatchObject({ status: 400, body: { errors: [{ field: 'readinessDimension' }] } });
    const observer = await consortiumToken({ [programme.consortiumId]: ['observer'] });
    expect(await api('POST', '/circles', { name: 'Observers' }, observer)).toMatchObject({ status: 403 });
  });

  it('keeps who was active when, and makes the organisations of circle members active', async () => {
    const circle = (await api('POST', '/circles', { name: 'Prototype 2 : communauté de pratique', prototype: 2 })).body.id;
    const advisorOrg = await joinOrganization(system, programme.consortiumId, programme.coordinator, 'Tamarack Institute', 'sector-advisor', 'ON');
    const advisor = await joinMember(system, programme.consortiumId, programme.coordinator, advisorOrg, 'Sector Advisor', 'sector-advisor');
    const [a, b] = programme.members;

    expect(await api('POST', `/circles/${circle}/members`, { memberId: a })).toMatchObject({ status: 201, body: { memberId: a, leftAt: null } });
    expect(await api('POST', `/circles/${circle}/members`, { memberId: a })).toMatchObject({ status: 409, body: { code: 'circle.already-member', errors: [{ code: 'circle.already-member', field: 'memberId' }] } });
    await api('POST', `/circles/${circle}/members`, { memberId: b });
    await api('POST', `/circles/${circle}/members`, { memberId: advisor });
    const whileAllIn = new Date().toISOString();
    await expectEventually(async () => expect(await indicator(system, programme.consortiumId, programme.coordinator, 'o1.active-organizations.sector-advisor')).toMatchObject({ value: 1 }));

    expect(await api('DELETE', `/circles/${circle}/members/${b}`)).toMatchObject({ status: 204 });
    expect(await api('DELETE', `/circles/${circle}/members/${b}`)).toMatchObject({ status: 404 });
    await api('POST', `/circles/${circle}/members`, { memberId: b }); // back again: a second stretch
    expect(await api('DELETE', `/members/${advisor}`)).toMatchObject({ status: 200 }); // leaving the consortium ends the circle too

    const now = (await api('GET', `/circles/${circle}`)).body;
    expect(now.activeMembers).toBe(2);
    expect(now.members.map((m: { memberId: string }) => m.memberId).sort()).toEqual([a, b].sort());
    const then = (await api('GET', `/circles/${circle}/history?at=${encodeURIComponent(whileAllIn)}`)).body;
    expect(then.map((m: { memberId: string }) => m.memberId).sort()).toEqual([a, b, advisor].sort());
    const history = (await api('GET', `/circles/${circle}/history`)).body;
    expect(history.filter((m: { memberId: string }) => m.memberId === b)).toHaveLength(2);
    expect(history.find((m: { memberId: string }) => m.memberId === advisor).leftAt).not.toBeNull();
    expect((await api('GET', '/circles')).body.find((c: { id: string }) => c.id === circle)).toMatchObject({ activeMembers: 2, prototype: 2 });
    expect(await api('GET', `/circles/${circle}/history?at=yesterday`)).toMatchObject({ status: 400, body: { errors: [{ field: 'at' }] } });

    const events = await expectEventually(async () => {
      const found = (await system.bus.publishedEvents()).filter((e) => e.type.startsWith('ccndr.community.circle.') && e.data.circleId === circle);
      expect(found.map((e) => e.type.split('.')[3])).toEqual(['created', 'member-joined', 'member-joined', 'member-joined', 'member-left', 'member-joined', 'member-left']);
      return found;
    });
    expect(events.map((e) => parseEvent(e)).filter((r) => !r.ok)).toEqual([]);
    expect(JSON.stringify(events)).not.toMatch(/communauté|Tamarack|Sector Advisor/);
  });
});
