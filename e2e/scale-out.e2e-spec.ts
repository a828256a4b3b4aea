import { readFileSync } from 'node:fs';
import { ServiceProcess } from '@ccndr/local-stack';
import { partitionOfSubject } from '@ccndr/messaging';
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
  }, 300_000);
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

/**
 * Evaluation partitioned (EVALUATION_PARTITIONS=3) over three replicas: each partition's
 * consortia are applied by the one replica leasing it; when that replica dies, another takes the
 * partition over and the indicators come out exact.
 */
describe('scale-out: three evaluation replicas, three partitions, one killed under load', () => {
  const partitions = 3;
  const people = 9;
  let system: TestSystem;
  const replicas: ServiceProcess[] = [];

  beforeAll(async () => {
    system = await TestSystem.start({ services: ['community', 'evaluation'], env: { EVALUATION_PARTITIONS: String(partitions), LOG_LEVEL: 'debug' } });
    for (const label of ['evaluation-2', 'evaluation-3']) replicas.push(await system.startReplica('evaluation', label, { EVALUATION_PARTITIONS: String(partitions), LOG_LEVEL: 'debug' }));
  }, 300_000);
  afterAll(async () => {
    for (const replica of replicas) await replica.stop();
    await system?.stop();
  });

  /** The partition consumers each evaluation process pulls now (by its health report). */
  const attached = async (process: ServiceProcess): Promise<string[]> => ((await (await fetch(`${process.url}/health/ready`)).json()) as any).checks.consumers.attached;

  /** Each `partition batch applied` line of a process's log: who applied which consortia, from when to when. */
  const batchesOf = (process: ServiceProcess) =>
    readFileSync(process.logFile, 'utf8')
      .split('\n')
      .filter((line) => line.includes('"partition batch applied"'))
      .map((line) => JSON.parse(line) as { replica: string; consumer: string; consortia: string[]; startedAt: string; committedAt: string });

  it('applies each consortium on one replica at a time, moves a killed replica’s partition to another, and keeps every indicator exact', async () => {
    const evaluations = [system.service('evaluation'), ...replicas];
    // Every replica holds one partition once their leases settle.
    await expectEventually(async () => {
      const held = await Promise.all(evaluations.map(attached));
      expect(held.map((names) => names.length)).toEqual([1, 1, 1]);
      expect(held.flat().sort()).toEqual(['evaluation-0', 'evaluation-1', 'evaluation-2']);
    }, { timeoutMs: 30_000 });

    // Programmes until every partition has at least one consortium (and at least four in all).
    const programmes: Awaited<ReturnType<typeof buildProgramme>>[] = [];
    const partitionOf = (consortiumId: string) => partitionOfSubject(`x.${consortiumId}`, partitions);
    while (programmes.length < 4 || new Set(programmes.map((p) => partitionOf(p.consortiumId))).size < partitions) programmes.push(await buildProgramme(system, people));

    // The victim: the second replica, and the partition it holds.
    const victim = replicas[0];
    const [victimPartition] = await attached(victim);
    const victimConsortia = programmes.filter((p) => partitionOf(p.consortiumId) === Number(victimPartition.split('-')[1])).map((p) => p.consortiumId);
    expect(victimConsortia.length).toBeGreaterThan(0);

    const attend = (from: number, to: number) =>
      Promise.all(
        programmes.flatMap(({ consortiumId, coordinator, members, meetingId }) =>
          members.slice(from, to).map((memberId) =>
            system.call('community', 'POST', `/consortia/${consortiumId}/gatherings/${meetingId}/attendance`, { token: coordinator, body: { memberId } }).then((r) => r.status),
          ),
        ),
      );
    // A third applied while all three run (the victim applies its partition's), a third as it is killed, a third after.
    expect(new Set(await attend(0, 3))).toEqual(new Set([200]));
    await expectEventually(async () => expect(batchesOf(victim).some((b) => b.consortia.some((c) => victimConsortia.includes(c)))).toBe(true), { timeoutMs: 30_000 });
    const during = attend(3, 6);
    await victim.stop('SIGKILL');
    const killedAt = new Date().toISOString();
    expect(new Set(await during)).toEqual(new Set([200]));
    expect(new Set(await attend(6, people))).toEqual(new Set([200]));

    // Its partition is taken over by a survivor: leases run out after 5 s (bounded here with a CI margin).
    const survivors = evaluations.filter((e) => e !== victim);
    await expectEventually(async () => expect((await Promise.all(survivors.map(attached))).flat().sort()).toEqual(['evaluation-0', 'evaluation-1', 'evaluation-2']), { timeoutMs: 20_000 });

    const observer = await consortiumToken(Object.fromEntries(programmes.map((p) => [p.consortiumId, ['observer']])));
    for (const { consortiumId } of programmes) {
      await expectEventually(async () => {
        const indicator = await (await fetch(`${system.service('evaluation').url}/consortia/${consortiumId}/indicators/o1.meeting-participants`, { headers: { authorization: `Bearer ${observer}` } })).json();
        expect(indicator.value).toBe(people);
      }, { timeoutMs: 30_000 });
      const [{ n }] = await system.sql(`SELECT count(*)::int AS n FROM evaluation.attendance WHERE consortium_id = $1`, [consortiumId]);
      expect(n).toBe(people);
    }
    // Every event recorded once, under the group's name, whichever partition consumer applied it.
    const ids = programmes.map((p) => p.consortiumId);
    expect(await system.sql(`SELECT DISTINCT consumer FROM evaluation.processed_events WHERE consortium_id = ANY($1::uuid[])`, [ids])).toEqual([{ consumer: 'evaluation' }]);

    // No two replicas applied one consortium at once; the victim's consortia were applied by a survivor after its death.
    const batches = evaluations.flatMap(batchesOf);
    const overlaps = ids.flatMap((consortiumId) => {
      const intervals = batches.filter((b) => b.consortia.includes(consortiumId));
      return intervals.flatMap((a) => intervals.filter((b) => a.replica < b.replica && a.startedAt < b.committedAt && b.startedAt < a.committedAt).map((b) => ({ consortiumId, a, b })));
    });
    expect(overlaps).toEqual([]);
    expect(new Set(batches.map((b) => b.replica)).size).toBe(3);
    const victimReplica = batchesOf(victim)[0].replica;
    expect(batches.some((b) => b.replica !== victimReplica && b.startedAt > killedAt && b.consortia.some((c) => victimConsortia.includes(c)))).toBe(true);
    await expectEventually(async () => expect(await system.sql(`SELECT 1 FROM community.outbox`)).toEqual([]));
  });
});
