import { randomUUID } from 'node:crypto';
import { deadLetterHeaders } from '@ccndr/messaging';
import { consortiumToken, expectEventually, TestSystem } from '@ccndr/testing';
import { metricValue } from './support/metrics';
import { indicator } from './support/programme';

const created = 'ccndr.community.consortium.created.v1';
const joined = 'ccndr.community.organization.joined.v1';
const attended = 'ccndr.community.gathering.attendance-recorded.v1';

/** Evaluation's durable consumer, fed by a raw publisher on its system.bus. */
describe('evaluation applies every event exactly once in effect, and dead-letters what it cannot apply', () => {
  let system: TestSystem;

  beforeAll(async () => {
    system = await TestSystem.start({ services: ['evaluation'] });
  });
  afterAll(() => system?.stop());

  it('counts an event once when it is published again with the same id, inside or after the duplicate window', async () => {
    const consortiumId = randomUUID();
    const token = await consortiumToken({ [consortiumId]: ['observer'] });
    const organizationId = randomUUID();
    await system.bus.publish(system.bus.event(created, consortiumId, { consortiumId }));
    await system.bus.publish(system.bus.event(joined, consortiumId, { organizationId, category: 'youth-employment-nonprofit' }));

    const attendance = system.bus.event(attended, consortiumId, {
      gatheringId: randomUUID(),
      attendees: [{ memberId: randomUUID(), organizationId }, { memberId: randomUUID(), organizationId }],
    });
    const first = await system.bus.publish(attendance);
    // A relay retry after a lost ack: same Nats-Msg-Id, dropped by the server's duplicate window.
    const retried = await system.bus.publish(attendance);
    expect(first.duplicate).toBe(false);
    expect(retried.duplicate).toBe(true);
    // A copy the server cannot recognise (published again after its window): the consumer's record catches it.
    const late = await system.bus.publish(attendance, { msgId: `late-${attendance.id}` });
    expect(late.duplicate).toBe(false);
    expect(late.seq).toBeGreaterThan(first.seq);

    // One more distinct attendance: once it is counted, every copy before it has been handled.
    const marker = system.bus.event(attended, consortiumId, { gatheringId: randomUUID(), attendees: [{ memberId: randomUUID(), organizationId }] });
    await system.bus.publish(marker);
    await expectEventually(async () => {
      const [row] = await system.sql(`SELECT count(*)::int AS n FROM evaluation.processed_events WHERE event_id = $1`, [marker.id]);
      expect(row.n).toBe(1);
    });
    // And the indicators recomputed from what was applied.
    await system.settled();

    expect(await indicator(system, consortiumId, token, 'o1.meeting-participants')).toMatchObject({ value: 3 });
    const applied = await system.sql(`SELECT event_id FROM evaluation.processed_events WHERE event_id = $1`, [attendance.id]);
    expect(applied).toHaveLength(1);
  });

  it('counts an event once when it is redelivered after the consumer restarts mid-stream', async () => {
    const consortiumId = randomUUID();
    const token = await consortiumToken({ [consortiumId]: ['observer'] });
    const organizationId = randomUUID();
    await system.bus.publish(system.bus.event(created, consortiumId, { consortiumId }));
    const events = Array.from({ length: 30 }, () =>
      system.bus.event(attended, consortiumId, { gatheringId: randomUUID(), attendees: [{ memberId: randomUUID(), organizationId }] }),
    );
    await Promise.all(events.map((event) => system.bus.publish(event)));
    // A crash while messages are in flight: whatever was committed but not acked is redelivered.
    await system.service('evaluation').stop('SIGKILL');
    await system.service('evaluation').restart();
    // Messages the killed process held come back once their ack wait (10 s) runs out.
    await expectEventually(async () => expect(await indicator(system, consortiumId, token, 'o1.meeting-participants')).toMatchObject({ value: 30 }), { timeoutMs: 45_000 });
    const [row] = await system.sql(`SELECT count(*)::int AS n FROM evaluation.attendance WHERE consortium_id = $1`, [consortiumId]);
    expect(row.n).toBe(30);
  });

  it('dead-letters a schema-invalid event with its reason and goes on with the events behind it', async () => {
    const consortiumId = randomUUID();
    const token = await consortiumToken({ [consortiumId]: ['observer'] });
    await system.bus.publish(system.bus.event('ccndr.community.consortium.created.v1', consortiumId, { consortiumId }));

    const invalid = system.bus.event('ccndr.community.gathering.attendance-recorded.v1', consortiumId, { attendees: [] });
    await system.bus.publish(invalid);
    const garbage = system.bus.event('ccndr.community.gathering.attendance-recorded.v1', consortiumId);
    await system.bus.publish(garbage, { raw: '{"this is": not json' });
    // A well-formed event of a version this deployment does not know yet is skipped, not dead-lettered.
    const newer = system.bus.event('ccndr.community.gathering.attendance-recorded.v1', consortiumId);
    await system.bus.publish({ ...newer, type: 'ccndr.community.gathering.attendance-recorded.v2' });
    const valid = system.bus.event('ccndr.community.gathering.attendance-recorded.v1', consortiumId, {
      gatheringId: randomUUID(),
      attendees: [{ memberId: randomUUID(), organizationId: randomUUID() }],
    });
    await system.bus.publish(valid);

    await expectEventually(async () => expect(await indicator(system, consortiumId, token, 'o1.meeting-participants')).toMatchObject({ value: 1 }));
    const letters = await expectEventually(async () => {
      const found = await system.bus.deadLetters();
      expect(found).toHaveLength(2);
      return found;
    });
    const [schemaInvalid, notJson] = letters;
    expect(schemaInvalid.header.get(deadLetterHeaders.reason)).toMatch(/data\.attendees/);
    expect(schemaInvalid.header.get(deadLetterHeaders.consumer)).toBe('evaluation');
    expect(schemaInvalid.header.get(deadLetterHeaders.subject)).toBe(`${system.namespace}.ccndr.community.gathering.attendance-recorded.v1.${consortiumId}`);
    expect(JSON.parse(schemaInvalid.string()).id).toBe(invalid.id);
    expect(notJson.header.get(deadLetterHeaders.reason)).toMatch(/^not JSON/);
    expect(notJson.string()).toBe('{"this is": not json');

    // Dead-lettered messages are done with: the consumer holds none of them back for another delivery.
    await expectEventually(async () => expect((await system.call('evaluation', 'GET', '/health/ready')).body.lag.evaluation).toEqual({ pending: 0, unacknowledged: 0 }), { timeoutMs: 15_000 });

    // Operators see the outcomes, the freshness and the indicators left to recompute (none, once computed) in the readiness report and the metrics.
    const ready = await expectEventually(async () => {
      const body = (await system.call('evaluation', 'GET', '/health/ready')).body;
      expect(body.refresh).toEqual({ pending: 0, oldestAgeSeconds: null });
      return body;
    });
    expect(ready.activity.evaluation).toMatchObject({ deadLettered: 2, ignored: expect.any(Number), newestEventAgeSeconds: expect.any(Number) });
    expect(ready.activity.evaluation.ignored).toBeGreaterThanOrEqual(1);
    const metrics = (await system.call('evaluation', 'GET', '/metrics')).body as string;
    const evaluation = { service: 'evaluation', consumer: 'evaluation' };
    expect(metricValue(metrics, 'ccndr_consumer_events_total', { ...evaluation, outcome: 'dead-lettered' })).toBe(2);
    expect(metricValue(metrics, 'ccndr_consumer_events_total', { ...evaluation, outcome: 'ignored' })).toBeGreaterThanOrEqual(1);
    expect(metricValue(metrics, 'ccndr_consumer_newest_event_age_seconds', evaluation)).toBeGreaterThanOrEqual(0);
    expect(metricValue(metrics, 'ccndr_outbox_pending', { service: 'evaluation' })).toBe(0);
    expect(metricValue(metrics, 'ccndr_refresh_pending', { service: 'evaluation' })).toBe(0);
    expect(metricValue(metrics, 'ccndr_dead_letters', evaluation)).toBe(2);
  });

  it('times HTTP requests per route pattern and status class, refused ones included, never per consortium', async () => {
    const consortiumId = randomUUID();
    const observer = await consortiumToken({ [consortiumId]: ['observer'] });
    for (let i = 0; i < 3; i++) await system.call('evaluation', 'GET', `/consortia/${consortiumId}/indicators`, { token: observer });
    expect((await system.call('evaluation', 'GET', `/consortia/${consortiumId}/indicators`)).status).toBe(401);
    const metrics = (await system.call('evaluation', 'GET', '/metrics')).body as string;
    const route = { service: 'evaluation', method: 'GET', route: '/consortia/:consortiumId/indicators' };
    const count = (status: string) => metricValue(metrics, 'ccndr_http_request_duration_seconds_count', { ...route, status }) ?? 0;
    expect(count('4xx')).toBeGreaterThanOrEqual(1);
    expect(count('2xx') + count('4xx')).toBeGreaterThanOrEqual(4);
    expect(metricValue(metrics, 'ccndr_http_request_duration_seconds_bucket', { ...route, status: '4xx', le: '+Inf' })).toBe(count('4xx'));
    expect(metrics).not.toContain(consortiumId);
  });

  it('retries an event whose handling fails for a while, and applies it once the failure is gone', async () => {
    const consortiumId = randomUUID();
    const token = await consortiumToken({ [consortiumId]: ['observer'] });
    await system.bus.publish(system.bus.event(created, consortiumId, { consortiumId }));
    await expectEventually(() => indicator(system, consortiumId, token, 'o1.meeting-participants'));

    // A transient fault in evaluation's database: the table the handler writes to is gone for a while.
    await system.sql('ALTER TABLE evaluation.attendance RENAME TO attendance_away');
    try {
      await system.bus.publish(system.bus.event(attended, consortiumId, { gatheringId: randomUUID(), attendees: [{ memberId: randomUUID(), organizationId: randomUUID() }] }));
      await expectEventually(() => expect(system.service('evaluation').logTail(200)).toMatch(/event handling failed; will be redelivered/));
    } finally {
      await system.sql('ALTER TABLE evaluation.attendance_away RENAME TO attendance');
    }
    await expectEventually(async () => expect(await indicator(system, consortiumId, token, 'o1.meeting-participants')).toMatchObject({ value: 1 }), { timeoutMs: 45_000 });
    expect((await system.bus.deadLetters()).filter((letter) => letter.header.get(deadLetterHeaders.subject)?.endsWith(consortiumId))).toEqual([]);
  });

  it('recomputes a consortium marked stale without being told (a notification missed, or a mark left by a replica that stopped)', async () => {
    const consortiumId = randomUUID();
    const token = await consortiumToken({ [consortiumId]: ['observer'] });
    await system.bus.publish(system.bus.event(created, consortiumId, { consortiumId }));
    await system.bus.publish(system.bus.event(attended, consortiumId, { gatheringId: randomUUID(), attendees: [{ memberId: randomUUID(), organizationId: randomUUID() }] }));
    await expectEventually(async () => expect(await indicator(system, consortiumId, token, 'o1.meeting-participants')).toMatchObject({ value: 1 }));
    // No recomputation left to come: what follows is found by the refresher's own look only.
    await expectEventually(async () => expect((await system.call('evaluation', 'GET', '/health/ready')).body.refresh).toEqual({ pending: 0, oldestAgeSeconds: null }));

    // The indicator drifts from its facts, and the consortium is marked stale with no NOTIFY: only the refresher's own look finds it.
    // Its digest is cleared with it: the refresher writes the rows whose digest differs from that of what it computes.
    await system.sql(`UPDATE evaluation.indicators SET value = 99, digest = NULL WHERE consortium_id = $1 AND key = 'o1.meeting-participants'`, [consortiumId]);
    await system.sql(`INSERT INTO evaluation.stale_indicators (consortium_id, last_event_id) VALUES ($1, $2)`, [consortiumId, randomUUID()]);
    await expectEventually(async () => expect(await indicator(system, consortiumId, token, 'o1.meeting-participants')).toMatchObject({ value: 1 }), { timeoutMs: 10_000 });
    expect(await system.sql(`SELECT 1 FROM evaluation.stale_indicators WHERE consortium_id = $1`, [consortiumId])).toEqual([]);
  });

  it('keeps the latest of each fact, and an organisation’s first activity, whatever the order its events arrive in, many of them in one batch', async () => {
    const consortiumId = randomUUID();
    const [memberId, organizationId, gatheringId, partnershipId, circleId] = Array.from({ length: 5 }, () => randomUUID());
    // Twelve days published out of order; the fact each one carries is named after its day.
    const day = (n: number) => new Date(Date.UTC(2026, 0, 1 + n)).toISOString();
    const arrival = [5, 0, 11, 3, 8, 1, 10, 6, 2, 9, 4, 7];
    const roles = ['coordinator', 'nonprofit-staff', 'provider-staff'];
    const provinces = ['AB', 'BC', 'MB', 'NB', 'NL', 'NS', 'NT', 'NU', 'ON', 'PE', 'QC', 'SK'];
    const responses = ['going', 'not-going', 'maybe'];
    const events = arrival.flatMap((n) => [
      system.bus.event('ccndr.community.member.updated.v1', consortiumId, { memberId, organizationId, role: roles[n % 3], updatedAt: day(n) }),
      system.bus.event('ccndr.community.organization.updated.v1', consortiumId, { organizationId, provinceOrTerritory: provinces[n], updatedAt: day(n) }),
      system.bus.event('ccndr.community.gathering.registration-changed.v1', consortiumId, { gatheringId, memberId, organizationId, response: responses[n % 3], changedAt: day(n) }),
      system.bus.event('ccndr.community.circle.member-joined.v1', consortiumId, { circleId, memberId: randomUUID(), organizationId, joinedAt: day(n) }),
      // Attendance recorded on even days, withdrawn on odd ones: the latest day's withdrawal stands.
      n % 2
        ? system.bus.event('ccndr.community.gathering.attendance-withdrawn.v1', consortiumId, { gatheringId, attendees: [{ memberId, organizationId }], withdrawnAt: day(n) })
        : system.bus.event('ccndr.community.gathering.attendance-recorded.v1', consortiumId, { gatheringId, attendees: [{ memberId, organizationId }], recordedAt: day(n) }),
    ]);
    // Ties on the latest day: a member's or organisation's change applies on an equal time (the
    // last published wins), a registration's only on a later one (the first stays).
    events.push(
      system.bus.event('ccndr.community.member.updated.v1', consortiumId, { memberId, organizationId, role: 'sector-advisor', updatedAt: day(11) }),
      system.bus.event('ccndr.community.organization.updated.v1', consortiumId, { organizationId, provinceOrTerritory: 'YT', updatedAt: day(11) }),
      system.bus.event('ccndr.community.gathering.registration-changed.v1', consortiumId, { gatheringId, memberId, organizationId, response: 'maybe', changedAt: day(11) }),
      // A recording at the instant of a withdrawal does not bring the person back.
      system.bus.event('ccndr.community.gathering.attendance-recorded.v1', consortiumId, { gatheringId, attendees: [{ memberId, organizationId }], recordedAt: day(11) }),
    );
    // A partnership's furthest status, whatever the order.
    for (const type of ['ended', 'proposed', 'confirmed', 'negotiation-started']) {
      events.push(system.bus.event(`ccndr.provider-matching.partnership.${type}.v1`, consortiumId, { partnershipId, organizationIds: [organizationId, randomUUID()] }));
    }

    // A backlog, so that the consumer applies many of them in one transaction.
    await system.service('evaluation').stop();
    for (const event of events) await system.bus.publish(event);
    await system.service('evaluation').restart();
    await expectEventually(async () => {
      const [row] = await system.sql(`SELECT count(*)::int AS n FROM evaluation.processed_events WHERE event_id = ANY ($1::uuid[])`, [events.map((e) => e.id)]);
      expect(row.n).toBe(events.length);
    });
    const [{ transactions }] = await system.sql(`SELECT count(DISTINCT processed_at)::int AS transactions FROM evaluation.processed_events WHERE event_id = ANY ($1::uuid[])`, [events.map((e) => e.id)]);
    expect(transactions).toBeLessThan(events.length / 4);

    expect(await system.sql(`SELECT role FROM evaluation.members WHERE consortium_id = $1`, [consortiumId])).toEqual([{ role: 'sector-advisor' }]);
    expect(await system.sql(`SELECT province_or_territory FROM evaluation.organizations WHERE consortium_id = $1`, [consortiumId])).toEqual([{ province_or_territory: 'YT' }]);
    expect(await system.sql(`SELECT response FROM evaluation.registrations WHERE consortium_id = $1`, [consortiumId])).toEqual([{ response: responses[11 % 3] }]);
    expect(await system.sql(`SELECT status FROM evaluation.partnerships WHERE consortium_id = $1`, [consortiumId])).toEqual([{ status: 'ended' }]);
    expect(await system.sql(`SELECT present FROM evaluation.attendance WHERE consortium_id = $1`, [consortiumId])).toEqual([{ present: false }]);
    const [activity] = await system.sql(`SELECT first_active_at FROM evaluation.organization_activity WHERE consortium_id = $1 AND organization_id = $2`, [consortiumId, organizationId]);
    expect(activity.first_active_at.toISOString()).toBe(day(0));
  });
});
