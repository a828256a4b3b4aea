import { adminToken, consortiumToken, expectEventually, programmeLeadToken, TestSystem } from '@ccndr/testing';
import { createConsortium } from './support/programme';

/**
 * The readiness benchmark's opt-in over HTTP, against the real services: only the consortium's
 * coordinator chooses, the programme lead sees the count of consortia that opted in and chooses
 * nothing, the choice is in no event and a rebuild of evaluation's projections keeps it.
 * (Who reads the programme view, and the 403s around it: e2e/tenant-isolation.e2e-spec.ts; the
 * benchmark's figures, computed by hand: services/evaluation/test/programme.int-spec.ts.)
 */
describe('evaluation: the programme’s readiness benchmark opt-in', () => {
  let system: TestSystem;

  beforeAll(async () => {
    system = await TestSystem.start({ services: ['community', 'evaluation'] });
  });
  afterAll(() => system?.stop());

  it('lets only the coordinator opt in, counts the consortium in the benchmark, keeps the choice through a rebuild and puts it in no event', async () => {
    const a = await createConsortium(system, 'Consortium A');
    const b = await createConsortium(system, 'Consortium B');
    const choice = `/consortia/${a.consortiumId}/programme-benchmark`;
    const lead = await programmeLeadToken();
    const optedIn = async () => (await system.call('evaluation', 'GET', '/programme/readiness-benchmark', { token: lead })).body.consortia;
    // Evaluation learns of the consortium from community's event; out of the benchmark until the coordinator opts in.
    await expectEventually(async () => expect(await system.call('evaluation', 'GET', choice, { token: a.coordinator })).toMatchObject({ status: 200, body: { optIn: false, decidedAt: null } }));
    const before = await optedIn();
    expect(await system.call('evaluation', 'PUT', choice, { token: a.coordinator, body: { optIn: true } })).toMatchObject({ status: 200, body: { optIn: true, decidedAt: expect.any(String) } });
    expect(await optedIn()).toBe(before + 1);

    // Nobody else chooses for the consortium: a member, another consortium's coordinator, the programme lead.
    const member = await consortiumToken({ [a.consortiumId]: ['member'] }, 'idp|member-a');
    expect(await system.call('evaluation', 'PUT', choice, { token: member, body: { optIn: false } })).toMatchObject({ status: 403, body: { code: 'access.role-required' } });
    const otherCoordinator = await consortiumToken({ [b.consortiumId]: ['coordinator'] }, 'idp|coordinator-b');
    expect((await system.call('evaluation', 'PUT', choice, { token: otherCoordinator, body: { optIn: false } })).status).toBe(404);
    expect(await system.call('evaluation', 'PUT', choice, { token: lead, body: { optIn: false } })).toMatchObject({ status: 403, body: { code: 'access.role-required' } });
    expect(await system.call('evaluation', 'PUT', choice, { token: a.coordinator, body: { optIn: 'yes' } })).toMatchObject({ status: 400, body: { errors: [{ field: 'optIn' }] } });
    expect(await system.call('evaluation', 'GET', choice, { token: a.coordinator })).toMatchObject({ body: { optIn: true } });

    // A rebuild from the stream: no event carries the choice, yet it is still there after it.
    const admin = await adminToken();
    expect((await system.call('evaluation', 'POST', '/admin/rebuild', { token: admin })).status).toBe(202);
    await expectEventually(async () => expect((await system.call('evaluation', 'GET', '/admin/rebuild', { token: admin })).body).toMatchObject({ state: 'done' }), { timeoutMs: 120_000 });
    expect(await system.call('evaluation', 'GET', choice, { token: a.coordinator })).toMatchObject({ status: 200, body: { optIn: true } });
    expect(await optedIn()).toBe(before + 1);
    expect(JSON.stringify(await system.bus.publishedEvents())).not.toContain('programme-benchmark');
  });
});
