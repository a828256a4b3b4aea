import { adminToken, consortiumToken, expectEventually, TestSystem } from '@ccndr/testing';
import { createConsortium } from './support/programme';

/**
 * The coordinator's narratives over HTTP, against the real services: who may write and read them
 * (the tenant wall and the coordinator's role), none of them in an event, and a rebuild of
 * evaluation's projections from the stream that keeps them as they were.
 */
describe('evaluation: the coordinator’s narratives', () => {
  let system: TestSystem;

  beforeAll(async () => {
    system = await TestSystem.start({ services: ['community', 'evaluation'] });
  });
  afterAll(() => system?.stop());

  it('lets only the consortium’s coordinators write them, serves them to its members, keeps them through a rebuild and puts them in no event', async () => {
    const a = await createConsortium(system, 'Consortium A');
    const b = await createConsortium(system, 'Consortium B');
    const narratives = `/consortia/${a.consortiumId}/narratives`;
    const put = (token: string, section = 'learnings', body: unknown = { fr: 'Les horaires chargés ont freiné la participation.', en: 'Busy schedules held participation back.' }) =>
      system.call('evaluation', 'PUT', `${narratives}/${section}`, { token, body });
    // Evaluation learns of the consortium from community's event.
    await expectEventually(async () => expect((await put(a.coordinator)).status).toBe(200));
    expect(await put(a.coordinator, 'learnings', { fr: 'Deuxième version.', en: '' })).toMatchObject({ status: 200, body: { section: 'learnings', version: 2, fr: 'Deuxième version.', en: null } });

    // The tenant wall: another consortium's coordinator neither writes nor reads A's texts.
    const otherCoordinator = await consortiumToken({ [b.consortiumId]: ['coordinator'] }, 'idp|coordinator-b');
    expect([403, 404]).toContain((await put(otherCoordinator)).status);
    expect([403, 404]).toContain((await system.call('evaluation', 'GET', narratives, { token: otherCoordinator })).status);
    // A member of A reads them (the report is theirs too) but does not write them.
    const member = await consortiumToken({ [a.consortiumId]: ['member'] }, 'idp|member-a');
    expect(await put(member)).toMatchObject({ status: 403, body: { code: 'access.role-required' } });
    expect(await system.call('evaluation', 'GET', narratives, { token: member })).toMatchObject({ status: 200, body: [{ section: 'learnings', version: 2 }] });
    // Refusals a person can read.
    expect(await put(a.coordinator, 'learnings', { fr: '', en: ' ' })).toMatchObject({ status: 400, body: { errors: [{ code: 'narrative.text-required', field: 'fr' }] } });
    expect(await put(a.coordinator, 'conclusion')).toMatchObject({ status: 400, body: { errors: [{ field: 'section' }] } });

    const versions = async () => (await system.call('evaluation', 'GET', `${narratives}/learnings/versions`, { token: a.coordinator })).body.map((v: { version: number; fr: string }) => [v.version, v.fr]);
    expect(await versions()).toEqual([[2, 'Deuxième version.'], [1, 'Les horaires chargés ont freiné la participation.']]);

    // A rebuild from the stream: no event carries the texts, yet they are all still there after it.
    const admin = await adminToken();
    expect((await system.call('evaluation', 'POST', '/admin/rebuild', { token: admin })).status).toBe(202);
    await expectEventually(async () => expect((await system.call('evaluation', 'GET', '/admin/rebuild', { token: admin })).body).toMatchObject({ state: 'done' }), { timeoutMs: 120_000 });
    expect(await versions()).toEqual([[2, 'Deuxième version.'], [1, 'Les horaires chargés ont freiné la participation.']]);
    const events = JSON.stringify(await system.bus.publishedEvents());
    expect(events).not.toContain('horaires');
    expect(events).not.toContain('Deuxième version');
  });
});
