import { ServiceProcess } from '@ccndr/local-stack';
import { consortiumToken, expectEventually, TestSystem } from '@ccndr/testing';
import { buildProgramme } from './support/programme';

/**
 * The services are stateless: replicas share the database, the outbox and the durable consumers.
 * Two instances of community take the commands, two of evaluation apply the events and answer.
 */
describe('scale-out: two replicas of a publishing service and of evaluation', () => {
  let system: TestSystem;
  const replicas: ServiceProcess[] = [];

  beforeAll(async () => {
    system = await TestSystem.start({ services: ['community', 'evaluation'] });
    for (const name of ['community', 'evaluation'] as const) replicas.push(await system.startReplica(name, `${name}-2`));
  });
  afterAll(async () => {
    for (const replica of replicas) await replica.stop();
    await system?.stop();
  });

  it('counts every attendance once, whichever replica took the command and whichever applied its event', async () => {
    const people = 40;
    const { consortiumId, coordinator, members, meetingId } = await buildProgramme(system, people);
    const [community2, evaluation2] = replicas;
    const communities = [system.service('community').url, community2.url];
    const statuses = await Promise.all(
      members.map((memberId, i) =>
        fetch(`${communities[i % 2]}/consortia/${consortiumId}/gatherings/${meetingId}/attendance`, {
          method: 'POST',
          headers: { authorization: `Bearer ${coordinator}`, 'content-type': 'application/json' },
          body: JSON.stringify({ memberId }),
        }).then((r) => r.status),
      ),
    );
    expect(statuses).toEqual(Array(people).fill(200));

    const observer = await consortiumToken({ [consortiumId]: ['observer'] });
    for (const evaluation of [system.service('evaluation').url, evaluation2.url]) {
      await expectEventually(async () => {
        const indicator = await (await fetch(`${evaluation}/consortia/${consortiumId}/indicators/o1.meeting-participants`, { headers: { authorization: `Bearer ${observer}` } })).json();
        expect(indicator.value).toBe(people);
      }, { timeoutMs: 30_000 });
    }
    // Both evaluation replicas pull from the one durable consumer; each event applied once.
    for (const evaluation of [system.service('evaluation').url, evaluation2.url]) {
      const health = await (await fetch(`${evaluation}/health/ready`)).json();
      expect(health.checks.consumers.attached).toEqual(['evaluation']);
    }
    const [{ n }] = await system.sql(`SELECT count(*)::int AS n FROM evaluation.attendance WHERE consortium_id = $1`, [consortiumId]);
    expect(n).toBe(people);
    await expectEventually(async () => expect(await system.sql(`SELECT 1 FROM community.outbox`)).toEqual([]));
  });
});
