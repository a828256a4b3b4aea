import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NatsServerProcess } from '@ccndr/local-stack';
import { expectEventually, TestSystem } from '@ccndr/testing';
import { buildProgramme, indicator } from './support/programme';

/** NATS goes away while coordinators keep recording attendance: nothing is lost, nothing counted twice. */
describe.each([
  ['stopped', 'SIGTERM'],
  ['killed', 'SIGKILL'],
] as const)('NATS %s and restarted while commands keep arriving', (_, signal) => {
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
    // Keep coordinators working for a few seconds of outage (bounded by time and by the people left).
    const outageEnds = Date.now() + 3000;
    for (; next < people - 4 && Date.now() < outageEnds; next++) statuses.push((await record(members[next])).status);
    const duringOutage = next - 4;
    await nats.restart();
    for (; next < people; next++) statuses.push((await record(members[next])).status);

    expect(duringOutage).toBeGreaterThan(0);
    expect(statuses).toEqual(Array(people).fill(200));
    await expectEventually(async () => expect(await indicator(system, consortiumId, coordinator, 'o1.meeting-participants')).toMatchObject({ value: people }), { timeoutMs: 60_000 });
    await expectEventually(async () => expect(await system.sql(`SELECT * FROM community.outbox`)).toEqual([]));
    const [applied] = await system.sql(`SELECT count(*)::int AS n FROM evaluation.attendance WHERE consortium_id = $1`, [consortiumId]);
    expect(applied.n).toBe(people);
  });
});
