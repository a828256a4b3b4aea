import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NatsServerProcess } from '@ccndr/local-stack';
import { expectEventually, TestSystem } from '@ccndr/testing';
import { buildProgramme, indicator } from './support/programme';

/**
 * NATS goes away while coordinators keep recording attendance: nothing is lost, nothing counted
 * twice. The long outage outlasts the client's default reconnect budget (about 20 s).
 */
describe.each([
  // Long enough for publishes to time out (5 s): they go back to the outbox, to be tried again.
  ['stopped for 25 s', 'SIGTERM', 25_000, true],
  // Short enough that the client may hold publishes until it reconnects.
  ['killed for 3 s', 'SIGKILL', 3_000, false],
] as const)('NATS %s and restarted while commands keep arriving', (_, signal, outageMs, publishesTimeOut) => {
  let nats: NatsServerProcess;
  let system: TestSystem;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'ccndr-nats-outage-'));
    nats = await NatsServerProcess.start(dataDir);
    system = await TestSystem.start({ services: ['community', 'evaluation'], natsUrl: nats.url });
  });
  afterAll(async () => {
    await system?.stop();
    await nats?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('persists every command during the outage and delivers every event once when NATS is back', async () => {
    const people = 24;
    const { consortiumId, coordinator, members, meetingId } = await buildProgramme(system, people);
    const record = (memberId: string) =>
      system.call('community', 'POST', `/consortia/${consortiumId}/gatherings/${meetingId}/attendance`, { token: coordinator, body: { memberId } });

    const statuses: number[] = [];
    let next = 0;
    for (; next < 4; next++) statuses.push((await record(members[next])).status);

    await nats.stop(signal);
    // Coordinators keep working through the outage, one command a second (bounded by time and by
    // the people left), while readiness is polled as a load balancer would, every 250 ms.
    const outageEnds = Date.now() + outageMs;
    const readiness: number[] = [];
    let degraded = 0;
    let failingSeen = 0;
    let lastCommandAt = 0;
    await expectEventually(
      async () => {
        if (next < people - 4 && Date.now() - lastCommandAt >= 1000) {
          lastCommandAt = Date.now();
          statuses.push((await record(members[next++])).status);
        }
        const health = await system.call('community', 'GET', '/health/ready');
        readiness.push(health.status);
        // Still serving (the outbox takes the commands), so still ready: degraded, not 503.
        if (health.status === 200 && health.body.status === 'degraded' && health.body.checks.nats === false) degraded++;
        // Events whose publish failed are back in the outbox, to be tried again later.
        failingSeen = Math.max(failingSeen, health.body.outbox?.failing ?? 0);
        expect(Date.now()).toBeGreaterThanOrEqual(outageEnds);
      },
      { timeoutMs: outageMs + 10_000, intervalMs: 250 },
    );
    const duringOutage = next - 4;
    await nats.restart();
    for (; next < people; next++) statuses.push((await record(members[next])).status);

    expect(duringOutage).toBeGreaterThan(0);
    expect(degraded).toBeGreaterThan(0); // readiness told the outage
    // Never out of the load balancer: not one 503 through the outage (polled every 250 ms).
    expect(readiness.length).toBeGreaterThan(outageMs / 1000);
    expect(readiness.filter((status) => status !== 200)).toEqual([]);
    if (publishesTimeOut) expect(failingSeen).toBeGreaterThan(0);
    expect(statuses).toEqual(Array(people).fill(200));
    await expectEventually(async () => expect(await indicator(system, consortiumId, coordinator, 'o1.meeting-participants')).toMatchObject({ value: people }), { timeoutMs: 60_000 });
    await expectEventually(async () => expect(await system.sql(`SELECT * FROM community.outbox`)).toEqual([]));
    const [applied] = await system.sql(`SELECT count(*)::int AS n FROM evaluation.attendance WHERE consortium_id = $1`, [consortiumId]);
    expect(applied.n).toBe(people);
  });
});
