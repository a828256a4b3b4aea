import { consortiumToken, TestSystem } from '@ccndr/testing';
import { createConsortium } from './support/programme';

/** A caller that writes too fast is told to slow down; others, and reads, go on. */
describe('write rate limit: beyond its burst a caller gets 429 with Retry-After, and nothing is written', () => {
  let system: TestSystem;

  beforeAll(async () => {
    system = await TestSystem.start({ services: ['community'], env: { WRITE_RATE_PER_SECOND: '2', WRITE_RATE_BURST: '5' } });
  });
  afterAll(() => system?.stop());

  it('refuses the writes beyond the burst, then lets the caller go on once the bucket refills', async () => {
    const { consortiumId, coordinator } = await createConsortium(system, 'Consortium pressé');
    const join = (n: number, token = coordinator) =>
      system.call('community', 'POST', `/consortia/${consortiumId}/organizations`, {
        token,
        body: { name: `Organisme ${n}`, category: 'other-member', provinceOrTerritory: 'QC', preferredLanguage: 'fr' },
        headers: { 'accept-language': 'fr' },
      });
    const answers = [];
    for (let n = 0; n < 8; n++) answers.push(await join(n));
    const refused = answers.filter((a) => a.status === 429);
    expect(answers.filter((a) => a.status === 201).length).toBeGreaterThanOrEqual(5);
    expect(refused.length).toBeGreaterThanOrEqual(1);
    expect(refused[0].headers.get('retry-after')).toMatch(/^[1-9]\d*$/);
    expect(refused[0].body).toMatchObject({ status: 429, title: 'Trop de requêtes', detail: expect.stringContaining('ralentissez') });
    const [{ n: written }] = await system.sql(`SELECT count(*)::int AS n FROM community.organizations WHERE consortium_id = $1`, [consortiumId]);
    expect(written).toBe(answers.filter((a) => a.status === 201).length);

    // Reads are not limited; another caller has a bucket of its own.
    expect((await system.call('community', 'GET', `/consortia/${consortiumId}/organizations`, { token: coordinator })).status).toBe(200);
    const colleague = await consortiumToken({ [consortiumId]: ['coordinator'] }, 'another-coordinator@test');
    expect((await join(100, colleague)).status).toBe(201);

    // After the time it was told, the caller writes again.
    await new Promise((resolve) => setTimeout(resolve, Number(refused.at(-1)!.headers.get('retry-after')) * 1000));
    expect((await join(200)).status).toBe(201);
  });
});
