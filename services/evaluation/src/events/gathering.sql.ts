import { BatchWrite, earliestBy, latestBy } from '@ccndr/messaging';

type GatheringRow = { consortiumId: string; gatheringId: string; kind: string; startsAt: string; at: string };

const byGathering = (r: { consortiumId: string; gatheringId: string }) => `${r.consortiumId}:${r.gatheringId}`;

/** The latest scheduling wins; a cancelled gathering stays cancelled. */
export const schedulings: BatchWrite<GatheringRow> = {
  statement: `INSERT INTO gatherings (consortium_id, gathering_id, kind, starts_at, cancelled, changed_at)
    SELECT c, g, k, s, false, a FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::timestamptz[], $5::timestamptz[]) AS r(c, g, k, s, a)
    ON CONFLICT (consortium_id, gathering_id) DO UPDATE SET kind = excluded.kind, starts_at = excluded.starts_at, changed_at = excluded.changed_at
      WHERE gatherings.changed_at < excluded.changed_at AND NOT gatherings.cancelled`,
  columns: ['consortiumId', 'gatheringId', 'kind', 'startsAt', 'at'],
  merge: { key: byGathering, keep: latestBy('at', 'earlier') },
};

/** A cancellation that arrives before the scheduling still wins: the row is kept, cancelled. */
export const cancellations: BatchWrite<Omit<GatheringRow, 'startsAt'>> = {
  statement: `INSERT INTO gatherings (consortium_id, gathering_id, kind, starts_at, cancelled, changed_at)
    SELECT c, g, k, a, true, a FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::timestamptz[]) AS r(c, g, k, a)
    ON CONFLICT (consortium_id, gathering_id) DO UPDATE SET cancelled = true`,
  columns: ['consortiumId', 'gatheringId', 'kind', 'at'],
  // The first inserts the row if need be; the others would only cancel it again.
  merge: { key: byGathering, keep: (earlier) => earlier },
};

/** The latest answer of a member wins. */
export const registrations: BatchWrite<{ consortiumId: string; gatheringId: string; memberId: string; response: string; changedAt: string }> = {
  statement: `INSERT INTO registrations (consortium_id, gathering_id, member_id, response, changed_at)
    SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::timestamptz[])
    ON CONFLICT (consortium_id, gathering_id, member_id) DO UPDATE SET response = excluded.response, changed_at = excluded.changed_at
      WHERE registrations.changed_at < excluded.changed_at`,
  columns: ['consortiumId', 'gatheringId', 'memberId', 'response', 'changedAt'],
  merge: { key: (r) => `${r.consortiumId}:${r.gatheringId}:${r.memberId}`, keep: latestBy('changedAt', 'earlier') },
};

/** A member reminded of a gathering: one row however many reminders, with the first one's time. */
export const reminders: BatchWrite<{ consortiumId: string; gatheringId: string; memberId: string; sentAt: string }> = {
  statement: `INSERT INTO gathering_reminders (consortium_id, gathering_id, member_id, first_sent_at)
    SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::timestamptz[])
    ON CONFLICT (consortium_id, gathering_id, member_id) DO UPDATE SET first_sent_at = least(gathering_reminders.first_sent_at, excluded.first_sent_at)`,
  columns: ['consortiumId', 'gatheringId', 'memberId', 'sentAt'],
  merge: { key: (r) => `${r.consortiumId}:${r.gatheringId}:${r.memberId}`, keep: earliestBy('sentAt') },
};

type AttendanceRow = { consortiumId: string; gatheringId: string; memberId: string; organizationId: string; kind: string; present: boolean; at: string };

/** Of two changes of one person's attendance, the later; at the same instant, a withdrawal. */
function laterAttendance(earlier: AttendanceRow, later: AttendanceRow): AttendanceRow {
  const [a, b] = [Date.parse(earlier.at), Date.parse(later.at)];
  if (a !== b) return b > a ? later : earlier;
  return later.present ? earlier : later;
}

/**
 * A person recorded as present at a gathering, or withdrawn: the later recording or withdrawal
 * stands (a withdrawal wins a recording of the same instant), so a recording applied after a newer
 * withdrawal does not bring the person back, and a withdrawal that arrives first is kept.
 */
export const attendanceChanges: BatchWrite<AttendanceRow> = {
  statement: `INSERT INTO attendance (consortium_id, gathering_id, member_id, organization_id, gathering_kind, present, changed_at)
    SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::uuid[], $5::text[], $6::boolean[], $7::timestamptz[])
    ON CONFLICT (consortium_id, gathering_id, member_id) DO UPDATE SET present = excluded.present, changed_at = excluded.changed_at, organization_id = excluded.organization_id
      WHERE attendance.changed_at IS NULL OR attendance.changed_at < excluded.changed_at
         OR (attendance.changed_at = excluded.changed_at AND attendance.present AND NOT excluded.present)`,
  columns: ['consortiumId', 'gatheringId', 'memberId', 'organizationId', 'kind', 'present', 'at'],
  merge: { key: (r) => `${r.consortiumId}:${r.gatheringId}:${r.memberId}`, keep: laterAttendance },
};

/** The latest snapshot of a gathering wins. */
export const snapshots: BatchWrite<{ consortiumId: string; gatheringId: string; attendees: number; selfIdentified: number | null; ageBands: string; identityGroups: string; takenAt: string }> = {
  statement: `INSERT INTO representation_snapshots (consortium_id, gathering_id, attendees, self_identified, age_bands, identity_groups, taken_at)
    SELECT c, g, n, s, a::jsonb, i::jsonb, t FROM unnest($1::uuid[], $2::uuid[], $3::int[], $4::int[], $5::text[], $6::text[], $7::timestamptz[]) AS r(c, g, n, s, a, i, t)
    ON CONFLICT (consortium_id, gathering_id) DO UPDATE
      SET attendees = excluded.attendees, self_identified = excluded.self_identified, age_bands = excluded.age_bands, identity_groups = excluded.identity_groups, taken_at = excluded.taken_at
      WHERE representation_snapshots.taken_at < excluded.taken_at`,
  columns: ['consortiumId', 'gatheringId', 'attendees', 'selfIdentified', 'ageBands', 'identityGroups', 'takenAt'],
  merge: { key: byGathering, keep: latestBy('takenAt', 'earlier') },
};
