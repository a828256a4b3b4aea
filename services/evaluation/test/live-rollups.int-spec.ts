import { randomUUID } from 'node:crypto';
import {
  CircleCreatedV1,
  CircleMemberJoinedV1,
  CircleMemberLeftV1,
  CloudEventEnvelope,
  FeedbackSubmittedV1,
  GatheringAttendanceRecordedV1,
  GatheringAttendanceWithdrawnV1,
  GatheringCancelledV1,
  GatheringRegistrationChangedV1,
  GatheringReminderSentV1,
  GatheringRepresentationSnapshotV1,
  GatheringScheduledV1,
  KnowledgeReactedV1,
  KnowledgeSharedV1,
  MemberJoinedV1,
  memberRoles,
  organizationCategories,
  OrganizationJoinedV1,
  provincesAndTerritories,
} from '@ccndr/contracts';
import { Client } from 'pg';
import { IndicatorsService } from '../src/indicators/indicators.service';
import { projectionSpec } from './projection-harness';

/** A small deterministic generator (mulberry32): the same seed gives the same history, so a failure can be replayed. */
function generator(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const below = (n: number) => Math.floor(next() * n);
  return { chance: (p: number) => next() < p, below, pick: <T>(items: readonly T[]) => items[below(items.length)] };
}

/**
 * The live indicators read some figures from rollups the batch writes keep (each gathering's
 * registrations, reminders and attendance, each member's attendance by organisation, each month's
 * knowledge interactions, each organisation's survey scores per criterion, each working group's members), a period reads them from the facts: one definition,
 * so the live figures equal those of a period covering the whole history, whatever the events and
 * the order and batches they arrive in.
 */
describe('live indicators from rollups', () => {
  const projection = projectionSpec();

  /** A history of gatherings built from `seed`: registrations changed, reminders, attendance recorded and withdrawn; one cancelled gathering, one still to come (registered for, not attended). */
  function history(seed: number): CloudEventEnvelope[] {
    const { chance, below, pick } = generator(seed);
    const day = (d: number, hours = 0) => new Date(Date.UTC(2025, 6, 1) + d * 86_400_000 + hours * 3_600_000).toISOString();
    const organizations = Array.from({ length: 6 }, () =>
      projection.event(OrganizationJoinedV1, { organizationId: randomUUID(), category: pick(organizationCategories), provinceOrTerritory: pick(provincesAndTerritories), country: 'CA' }),
    );
    const members = Array.from({ length: 24 }, () => {
      const organizationId = pick(organizations).data.organizationId;
      return projection.event(MemberJoinedV1, { memberId: randomUUID(), organizationId, role: pick(memberRoles) });
    });
    const events: CloudEventEnvelope[] = [...organizations, ...members];
    for (let g = 0; g < 8; g++) {
      const startsOn = g === 7 ? 800 : 30 * g + below(20);
      const kind = g % 2 ? 'workshop' : 'consortium-meeting';
      const gatheringId = randomUUID();
      events.push(projection.event(GatheringScheduledV1, { gatheringId, kind, startsAt: day(startsOn) }));
      if (g === 5) events.push(projection.event(GatheringCancelledV1, { gatheringId, kind, cancelledAt: day(startsOn - 1) }));
      // A self-identification snapshot of most gatherings held, some counts small.
      if (g < 6 && chance(0.8)) {
        const count = () => pick([0, 2, 5, 8, null]);
        events.push(
          projection.event(GatheringRepresentationSnapshotV1, {
            gatheringId,
            attendees: 20,
            selfIdentified: 12,
            ageBands: { 'under-20': count(), '20-24': count(), '25-29': count(), '30-39': count(), '40-49': 0, '50-64': count(), '65-plus': 0, 'prefer-not-to-say': count() },
            identityGroups: { indigenous: count(), black: count(), 'east-asian': 0, 'south-asian': count(), 'southeast-asian': 0, 'latin-american': 0, 'middle-eastern': 0, white: count(), 'another-identity': null },
            takenAt: day(startsOn, 4),
          }),
        );
      }
      for (const member of members) {
        if (!chance(0.6)) continue;
        const { memberId, organizationId } = member.data;
        const person = { memberId, organizationId };
        const registered = (response: 'going' | 'not-going', hours: number) =>
          projection.event(GatheringRegistrationChangedV1, { gatheringId, gatheringKind: kind, memberId, organizationId, response, changedAt: day(startsOn - 5, hours) });
        events.push(registered(chance(0.8) ? 'going' : 'not-going', 0));
        if (chance(0.2)) events.push(registered(chance(0.5) ? 'going' : 'not-going', 1));
        if (chance(0.6)) events.push(projection.event(GatheringReminderSentV1, { gatheringId, memberId, offsetMinutes: 1440, sentAt: day(startsOn - 1) }));
        if (chance(0.3)) events.push(projection.event(GatheringReminderSentV1, { gatheringId, memberId, offsetMinutes: 60, sentAt: day(startsOn, -1) }));
        if (g !== 7 && chance(0.7)) events.push(projection.event(GatheringAttendanceRecordedV1, { gatheringId, gatheringKind: kind, attendees: [person], recordedAt: day(startsOn, 2) }));
        if (g !== 7 && chance(0.15)) events.push(projection.event(GatheringAttendanceWithdrawnV1, { gatheringId, gatheringKind: kind, attendees: [person], withdrawnAt: day(startsOn, 3) }));
      }
    }
    // Knowledge shared and reacted to over the months, some at a month's first and last instants (UTC).
    for (let i = 0; i < 60; i++) {
      const organizationId = pick(organizations).data.organizationId;
      const at = i % 10 === 0 ? new Date(Date.UTC(2025, 6 + i / 10, 1)).toISOString() : i % 10 === 1 ? new Date(Date.UTC(2025, 6 + (i - 1) / 10, 1) - 1).toISOString() : day(below(300), below(24));
      events.push(
        chance(0.3)
          ? projection.event(KnowledgeReactedV1, { organizationId, crossOrganization: chance(0.5), reactedAt: at })
          : projection.event(KnowledgeSharedV1, { itemId: randomUUID(), itemType: pick(['resource', 'thread', 'reply'] as const), organizationId, crossOrganization: chance(0.5), sharedAt: at }),
      );
    }
    // Working groups joined and left, some rejoined, some with another organisation, some left at the instant they joined.
    for (let c = 0; c < 4; c++) {
      const circleId = randomUUID();
      events.push(projection.event(CircleCreatedV1, { circleId, prototype: c === 3 ? null : ((1 + (c % 3)) as 1 | 2 | 3), readinessDimension: null, createdAt: day(c) }));
      for (const member of members) {
        if (!chance(0.5)) continue;
        const { memberId } = member.data;
        const organizationId = chance(0.2) ? pick(organizations).data.organizationId : member.data.organizationId;
        const joinedOn = 10 + below(200);
        events.push(projection.event(CircleMemberJoinedV1, { circleId, memberId, organizationId, joinedAt: day(joinedOn) }));
        if (chance(0.4)) events.push(projection.event(CircleMemberLeftV1, { circleId, memberId, organizationId, leftAt: day(joinedOn + (chance(0.2) ? 0 : below(50))) }));
        if (chance(0.3)) events.push(projection.event(CircleMemberJoinedV1, { circleId, memberId, organizationId: pick(organizations).data.organizationId, joinedAt: day(joinedOn + 60 + below(60)) }));
      }
    }
    // Survey responses from the organisations, some answering several times, two questions on one criterion, one on none.
    const criteria = ['perceived-value', 'model-contribution', 'trust-synergy'] as const;
    for (let r = 0; r < 30; r++) {
      const scores = [
        { questionKey: 'q1', criterion: 'participation' as const, score: 1 + below(5) },
        { questionKey: 'q2', criterion: 'participation' as const, score: 1 + below(5) },
        { questionKey: 'q3', criterion: pick(criteria), score: 1 + below(5) },
        { questionKey: 'q4', criterion: null, score: 1 + below(5) },
      ];
      events.push(
        projection.event(FeedbackSubmittedV1, { responseId: randomUUID(), surveyId: randomUUID(), gatheringId: null, organizationId: pick(organizations).data.organizationId, scores, submittedAt: day(below(300), below(24)) }),
      );
    }
    // Any order, in batches of any size: the handlers' writes and the rollups do not depend on it.
    for (let i = events.length - 1; i > 0; i--) {
      const j = below(i + 1);
      [events[i], events[j]] = [events[j], events[i]];
    }
    return events;
  }

  it.each([1, 2, 3])('the live figures equal those of a period covering the whole history (seed %i)', async (seed) => {
    const events = history(seed);
    const { below } = generator(seed + 100);
    for (let i = 0; i < events.length; ) {
      const size = 1 + below(40);
      await projection.apply(...events.slice(i, i + size));
      i += size;
    }
    const live = await projection.indicators();
    const period = await projection.read((db, consortiumId) => new IndicatorsService(db).forPeriod(consortiumId, { from: null, to: new Date() }));
    const figures = (i: { key: string; value: number | null; suppressed: boolean; breakdown: unknown }) => ({ key: i.key, value: i.value, suppressed: i.suppressed, breakdown: i.breakdown });
    expect([...live.values()].map(figures)).toEqual(period.indicators.map(figures));
    // Not vacuous: the gatherings held were registered for, reminded of and attended.
    expect(live.get('o2.attendance-rate')!.breakdown).toMatchObject({ registered: expect.any(Number), attendedOfRegistered: expect.any(Number) });
    const rate = live.get('o2.attendance-rate')!.breakdown as { registered: number; attendedOfRegistered: number; gatherings: unknown[]; upcomingGatherings: number };
    expect(rate.registered).toBeGreaterThan(20);
    expect(rate.attendedOfRegistered).toBeGreaterThan(10);
    expect(rate.gatherings).toHaveLength(6);
    expect(rate.upcomingGatherings).toBe(1);
    expect(live.get('o2.attendance-rate.reminded')!.breakdown).toMatchObject({ registered: expect.any(Number) });
    expect((live.get('o2.attendance-rate.reminded')!.breakdown as { registered: number }).registered).toBeGreaterThan(10);
    expect(live.get('o2.knowledge-sharing.interactions')!.value).toBe(60);
    expect(live.get('o1.feedback.participation')!.breakdown).toEqual({ responses: 30, organizations: expect.any(Number) });
    const circles = (live.get('o2.codesign-organizations.prototype-1')!.breakdown as { circles: { membersNow: number | null }[] }).circles;
    expect(circles).toHaveLength(1);
    const snapshots = (live.get('o2.representation.age-bands')!.breakdown as { gatherings: unknown[] }).gatherings;
    expect(snapshots.length).toBeGreaterThan(1);
  });
  it('two batches changing one gathering at once both count: the second recomputes its rollup after the first commits', async () => {
    const gathering = projection.event(GatheringScheduledV1, { gatheringId: randomUUID(), kind: 'consortium-meeting', startsAt: '2026-02-10T18:00:00.000Z' });
    await projection.apply(gathering);
    const { gatheringId } = gathering.data;
    const attendance = () =>
      projection.event(GatheringAttendanceRecordedV1, {
        gatheringId,
        gatheringKind: 'consortium-meeting',
        attendees: [{ memberId: randomUUID(), organizationId: randomUUID() }],
        recordedAt: '2026-02-10T19:00:00.000Z',
      });
    const [{ schema }] = await projection.read((db) => db.query(`SELECT current_schema() AS schema`));
    // A session of its own holds the consortium's rollup lock, so that both batches have written their attendance and wait at it.
    const holder = new Client({ connectionString: process.env.TEST_DATABASE_URL });
    await holder.connect();
    try {
      await holder.query(`BEGIN`);
      await holder.query(`SELECT pg_advisory_xact_lock(hashtext($1 || ':rollups:' || $2))`, [schema, projection.consortiumId]);
      const batches = [projection.apply(attendance()), projection.apply(attendance())];
      // The first at the rollup lock, the second behind it (at the lock, or at the consortium's stale mark the first holds): polled, bounded.
      const waiting = async () => (await holder.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`)).rows[0].n as number;
      for (const deadline = Date.now() + 20_000; (await waiting()) < 2; ) {
        if (Date.now() > deadline) throw new Error('the two batches did not both reach the rollup lock within 20 s');
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      await holder.query(`COMMIT`);
      await Promise.all(batches);
    } finally {
      await holder.end();
    }
    expect((await projection.indicator('o1.meeting-participants')).value).toBe(2);
    const [rollup] = await projection.read((db, consortiumId) => db.query(`SELECT attended FROM gathering_rollups WHERE consortium_id = $1 AND gathering_id = $2`, [consortiumId, gatheringId]));
    expect(rollup).toEqual({ attended: 2 });
  });
  it('two batches of one organisation’s survey responses at once both count: the second recomputes its rollup after the first commits', async () => {
    const organizationId = randomUUID();
    const response = (score: number) =>
      projection.event(FeedbackSubmittedV1, {
        responseId: randomUUID(),
        surveyId: randomUUID(),
        gatheringId: null,
        organizationId,
        scores: [{ questionKey: 'q1', criterion: 'participation', score }],
        submittedAt: '2026-02-10T19:00:00.000Z',
      });
    const [{ schema }] = await projection.read((db) => db.query(`SELECT current_schema() AS schema`));
    const holder = new Client({ connectionString: process.env.TEST_DATABASE_URL });
    await holder.connect();
    try {
      await holder.query(`BEGIN`);
      await holder.query(`SELECT pg_advisory_xact_lock(hashtext($1 || ':rollups:' || $2))`, [schema, projection.consortiumId]);
      const batches = [projection.apply(response(2)), projection.apply(response(5))];
      const waiting = async () => (await holder.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`)).rows[0].n as number;
      for (const deadline = Date.now() + 20_000; (await waiting()) < 2; ) {
        if (Date.now() > deadline) throw new Error('the two batches did not both reach the rollup lock within 20 s');
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      await holder.query(`COMMIT`);
      await Promise.all(batches);
    } finally {
      await holder.end();
    }
    const [rollup] = await projection.read((db, consortiumId) =>
      db.query(`SELECT score_sum, scores, responses FROM survey_rollups WHERE consortium_id = $1 AND organization = $2 AND criterion = 'participation'`, [consortiumId, organizationId]),
    );
    expect(rollup).toEqual({ score_sum: 7, scores: 2, responses: 2 });
  });
});
