import { expectEventually, TestSystem } from '@ccndr/testing';
import { createConsortium } from './support/programme';

/**
 * Graceful shutdown under load: each service is stopped with SIGTERM and started again while a
 * client keeps sending commands, retrying each with its Idempotency-Key until it is answered (as
 * a client of a one-instance deployment does during a restart). Nothing accepted is lost and
 * nothing is counted twice.
 */
describe('a rolling restart under a steady stream of commands loses nothing and doubles nothing', () => {
  let system: TestSystem;

  beforeAll(async () => {
    system = await TestSystem.start({ services: ['community', 'evaluation'] });
  });
  afterAll(() => system?.stop());

  it('publishes and applies every organisation that joined, once, while community and evaluation restarted in turn', async () => {
    const { consortiumId, coordinator } = await createConsortium(system, 'Consortium redémarré');
    const commands = 160;
    let sent = 0;
    let retries = 0;

    /** One command, sent until the service answers it (connection refused or reset while it restarts). */
    async function join(n: number): Promise<void> {
      const body = { name: `Organisme ${n}`, category: 'youth-employment-nonprofit', provinceOrTerritory: 'QC', preferredLanguage: 'fr' };
      const { attempts } = await system.command('community', `/consortia/${consortiumId}/organizations`, { token: coordinator, body, timeoutMs: 60_000 });
      retries += attempts - 1;
    }

    async function client(): Promise<void> {
      while (sent < commands) await join(++sent);
    }

    const load = Promise.all([client(), client(), client()]);
    // Once the stream flows, each service in turn: SIGTERM (drain), then start again.
    await expectEventually(() => expect(sent).toBeGreaterThan(20));
    for (const name of ['community', 'evaluation', 'community'] as const) {
      await system.service(name).stop('SIGTERM');
      await system.service(name).restart();
      const mark = sent;
      if (mark < commands - 20) await expectEventually(() => expect(sent).toBeGreaterThan(mark + 10), { timeoutMs: 60_000 });
    }
    await load;
    expect(sent).toBeGreaterThanOrEqual(commands);

    const [{ n: joined }] = await system.sql(`SELECT count(*)::int AS n FROM community.organizations WHERE consortium_id = $1`, [consortiumId]);
    expect(joined).toBe(commands);
    // Evaluation applied each of them exactly once (its organisations are the facts behind outcome 1).
    await expectEventually(async () => expect((await system.sql(`SELECT count(*)::int AS n FROM evaluation.organizations WHERE consortium_id = $1`, [consortiumId]))[0].n).toBe(commands), { timeoutMs: 60_000 });
    const joinedEvents = (await system.bus.publishedEvents()).filter((e) => e.type === 'ccndr.community.organization.joined.v1' && e.consortiumid === consortiumId);
    expect(joinedEvents).toHaveLength(commands);
    expect(await system.sql(`SELECT 1 FROM community.outbox`)).toEqual([]);
    expect(await system.bus.deadLetters()).toEqual([]);
    // The restarts were felt by the client (it had to retry), yet nothing was doubled.
    expect(retries).toBeGreaterThan(0);
  });
});
