import { consortiumToken, expectEventually, TestSystem } from '@ccndr/testing';
import { createConsortium } from './support/programme';

/** A caller that writes too fast is told to slow down; others, and reads, go on. */
describe('write rate limit: beyond its limit a caller gets 429 with Retry-After, and nothing is written', () => {
  let system: TestSystem;

  beforeAll(async () => {
    system = await TestSystem.start({ services: ['community'], env: { WRITE_LIMIT: '5', WRITE_LIMIT_WINDOW_SECONDS: '5' } });
  });
  afterAll(() => system?.stop());

  it('refuses the writes beyond the limit, then lets the caller go on once the window has moved on', async () => {
    const { consortiumId, coordinator } = await createConsortium(system, 'Consortium pressé');
    const join = (n: number, token = coordinator) =>
      system.call('community', 'POST', `/consortia/${consortiumId}/organizations`, {
        token,
        body: { name: `Organisme ${n}`, category: 'other-member', provinceOrTerritory: 'QC', preferredLanguage: 'fr' },
        headers: { 'accept-language': 'fr' },
      });
    // Eight at once: five within the window, three refused.
    const answers = await Promise.all(Array.from({ length: 8 }, (_, n) => join(n)));
    const refused = answers.filter((a) => a.status === 429);
    expect(answers.filter((a) => a.status === 201)).toHaveLength(5);
    expect(refused).toHaveLength(3);
    for (const answer of refused) {
      expect(answer.headers.get('retry-after')).toMatch(/^[1-5]$/);
      expect(answer.body).toMatchObject({ status: 429, code: 'limit.writes', title: expect.stringContaining('ralentissez') });
    }
    const [{ n: written }] = await system.sql(`SELECT count(*)::int AS n FROM community.organizations WHERE consortium_id = $1`, [consortiumId]);
    expect(written).toBe(5);

    // Reads are not limited; another caller is counted apart.
    expect((await system.call('community', 'GET', `/consortia/${consortiumId}/organizations`, { token: coordinator })).status).toBe(200);
    const colleague = await consortiumToken({ [consortiumId]: ['coordinator'] }, 'another-coordinator@test');
    expect((await join(100, colleague)).status).toBe(201);

    // Once its first writes leave the window, the caller writes again (refused tries do not count).
    await expectEventually(async () => expect((await join(200)).status).toBe(201));
  });
});
