import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { adminToken, consortiumToken, expectEventually, TestSystem } from '@ccndr/testing';
import { indicator } from './support/programme';

const repositoryRoot = join(__dirname, '..');
const created = 'ccndr.community.consortium.created.v1';
const attended = 'ccndr.community.gathering.attendance-recorded.v1';

/** Operators list, inspect and redrive the events a consumer gave up on, through the admin API and the operator command. */
describe('dead letters: listed, inspected and redriven once what stopped them is fixed, applied once', () => {
  let system: TestSystem;
  let admin: string;

  beforeAll(async () => {
    system = await TestSystem.start({ services: ['evaluation'], env: { CONSUMER_MAX_DELIVERIES: '2' } });
    admin = await adminToken();
  });
  afterAll(() => system?.stop());

  const api = (method: string, path: string, body?: unknown, token = admin) => system.call('evaluation', method, `/admin/dead-letters${path}`, { token, body });

  /** The operator command, with its output and exit code. */
  async function operator(...args: string[]): Promise<{ code: number | null; output: string }> {
    const run = spawn('npm', ['run', '--silent', 'operator', '--', 'dead-letters', ...args], { cwd: repositoryRoot, env: { ...process.env, OPERATOR_TOKEN: admin } });
    let output = '';
    run.stdout.on('data', (chunk) => (output += chunk));
    run.stderr.on('data', (chunk) => (output += chunk));
    const code = await new Promise<number | null>((resolve) => run.once('close', resolve));
    return { code, output };
  }

  async function consortium() {
    const consortiumId = randomUUID();
    await system.bus.publish(system.bus.event(created, consortiumId, { consortiumId }));
    return { consortiumId, observer: await consortiumToken({ [consortiumId]: ['observer'] }) };
  }

  const participants = async (c: { consortiumId: string; observer: string }) => (await indicator(system, c.consortiumId, c.observer, 'o1.meeting-participants')).value;

  it('lets only platform admins see dead letters', async () => {
    const c = await consortium();
    expect((await api('GET', '', undefined, await consortiumToken({ [c.consortiumId]: ['coordinator'] }))).status).toBe(403);
    expect((await api('GET', '/999999')).status).toBe(404);
    expect((await api('GET', '/not-a-number')).status).toBe(400);
  });

  it('redrives a corrected event once: the same event dead-lettered twice counts once', async () => {
    const c = await consortium();
    const attendee = { memberId: randomUUID(), organizationId: randomUUID() };
    // Published without a gathering: it fails its schema and is dead-lettered at once.
    const broken = system.bus.event(attended, c.consortiumId, { gatheringId: undefined, attendees: [attendee] });
    await system.bus.publish(broken);
    await system.bus.publish(broken, { msgId: `copy-${broken.id}` });
    const letters = await expectEventually(async () => {
      const found = (await api('GET', '')).body.filter((l: any) => l.event.id === broken.id);
      expect(found).toHaveLength(2);
      return found;
    });
    expect(letters[0]).toMatchObject({ consumer: 'evaluation', reason: expect.stringMatching(/data\.gatheringId/), originalSubject: `${system.namespace}.${attended}.${c.consortiumId}`, deliveries: 1 });
    expect((await api('GET', `/${letters[0].sequence}`)).body).toMatchObject({ sequence: letters[0].sequence, event: { id: broken.id, data: { attendees: [attendee] } } });

    // As it is, it fails again and stays; with another id, the correction is refused.
    expect((await api('POST', `/${letters[0].sequence}/redrive`, {})).body).toMatchObject({ outcome: 'failed', reason: expect.stringMatching(/gatheringId/) });
    expect((await api('POST', `/${letters[0].sequence}/redrive`, { event: { ...broken, id: randomUUID() } })).body).toMatchObject({ outcome: 'failed' });
    expect((await api('GET', `/${letters[0].sequence}`)).status).toBe(200);

    // Corrected through the operator command: applied; the copy, corrected too, is found applied already.
    const folder = mkdtempSync(join(tmpdir(), 'ccndr-dead-letter-'));
    const fixed = join(folder, 'fixed.json');
    writeFileSync(fixed, JSON.stringify({ ...broken, data: { ...broken.data, gatheringId: randomUUID() } }));
    expect(await operator('redrive', system.service('evaluation').url, String(letters[0].sequence), '--event', fixed)).toEqual({
      code: 0,
      output: expect.stringContaining(`[1/1] ${letters[0].sequence} applied`),
    });
    expect(await operator('redrive', system.service('evaluation').url, String(letters[1].sequence), '--event', fixed)).toEqual({
      code: 0,
      output: expect.stringContaining(`[1/1] ${letters[1].sequence} already-applied`),
    });
    await system.settled(); // indicators recomputed from what was applied
    expect(await participants(c)).toBe(1);
    expect((await api('GET', `/${letters[0].sequence}`)).status).toBe(404);
    expect((await api('GET', '')).body.filter((l: any) => l.event.id === broken.id)).toEqual([]);
  });

  it('redrives every dead letter once the database is mended, with the operator command', async () => {
    const c = await consortium();
    await expectEventually(async () => expect(await system.sql(`SELECT 1 FROM evaluation.consortia WHERE consortium_id = $1`, [c.consortiumId])).toHaveLength(1));
    // The projection's table is missing: each attendance fails twice, then is dead-lettered.
    await system.sql(`ALTER TABLE evaluation.attendance RENAME TO attendance_away`);
    const events = [1, 2, 3].map(() => system.bus.event(attended, c.consortiumId, { gatheringId: randomUUID(), attendees: [{ memberId: randomUUID(), organizationId: randomUUID() }] }));
    try {
      for (const event of events) await system.bus.publish(event);
      await expectEventually(async () => {
        const found = (await api('GET', '')).body.filter((l: any) => events.some((e) => e.id === l.event.id));
        expect(found.map((l: any) => l.deliveries)).toEqual([2, 2, 2]);
        expect(found[0].reason).toMatch(/^failed 2 times: .*attendance/);
      });
    } finally {
      await system.sql(`ALTER TABLE evaluation.attendance_away RENAME TO attendance`);
    }
    await system.settled(); // indicators recomputed from what was applied
    expect(await participants(c)).toBe(0);

    const listed = await operator('list', system.service('evaluation').url);
    expect(listed.code).toBe(0);
    for (const event of events) expect(listed.output).toContain(`\tevaluation\t${attended}\t${event.id}\t`);
    const sequence = listed.output.split('\n').find((line) => line.includes(events[0].id))!.split('\t')[0];
    const shown = await operator('show', system.service('evaluation').url, sequence);
    expect(shown.code).toBe(0);
    expect(JSON.parse(shown.output)).toMatchObject({ sequence: Number(sequence), consumer: 'evaluation', event: { id: events[0].id, type: attended }, reason: expect.stringMatching(/^failed 2 times/) });
    expect(await operator('show', system.service('evaluation').url, '999999')).toMatchObject({ code: 1, output: expect.stringContaining('404') });

    const redriven = await operator('redrive', system.service('evaluation').url);
    expect(redriven).toEqual({ code: 0, output: expect.stringMatching(/^3 redriven, 0 left$/m) });
    await system.settled(); // indicators recomputed from what was applied
    expect(await participants(c)).toBe(3);
    expect((await api('GET', '')).body).toEqual([]);
    // Redriving again finds nothing to do and changes nothing.
    expect(await operator('redrive', system.service('evaluation').url)).toEqual({ code: 0, output: expect.stringMatching(/^0 redriven, 0 left$/m) });
    await system.settled(); // indicators recomputed from what was applied
    expect(await participants(c)).toBe(3);
  });
});
