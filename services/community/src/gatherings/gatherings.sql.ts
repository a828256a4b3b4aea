import { sql } from '@ccndr/persistence';
import type { GatheringKind, RegistrationResponse } from '@ccndr/contracts';

export interface Gathering {
  id: string;
  consortiumId: string;
  kind: GatheringKind;
  title: string;
  startsAt: Date;
  /** Seats for people registered as going; null when unlimited. */
  capacity: number | null;
  /** Where it takes place, as the coordinator wrote it; null when not said. */
  place: string | null;
  /** The address to join it online; null when not said. */
  link: string | null;
  scheduledAt: Date;
  cancelledAt: Date | null;
}

/** A member's answer to the invitation (going, maybe, not going): registration, not attendance. */
export interface Registration {
  consortiumId: string;
  gatheringId: string;
  memberId: string;
  response: RegistrationResponse;
  registeredAt: Date;
  updatedAt: Date;
}

const gatheringColumns = `id, consortium_id AS "consortiumId", kind, title, starts_at AS "startsAt", capacity, place, link, scheduled_at AS "scheduledAt", cancelled_at AS "cancelledAt"`;
const registrationColumns = `consortium_id AS "consortiumId", gathering_id AS "gatheringId", member_id AS "memberId", response, registered_at AS "registeredAt", updated_at AS "updatedAt"`;

export const insertGathering = sql<never, [id: string, consortiumId: string, kind: GatheringKind, title: string, startsAt: Date, capacity: number | null, scheduledAt: Date, place: string | null, link: string | null]>(
  `INSERT INTO gatherings (id, consortium_id, kind, title, starts_at, capacity, scheduled_at, place, link) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
);

export const updateGathering = sql<never, [consortiumId: string, id: string, title: string, startsAt: Date, capacity: number | null, place: string | null, link: string | null]>(
  `UPDATE gatherings SET title = $3, starts_at = $4, capacity = $5, place = $6, link = $7 WHERE consortium_id = $1 AND id = $2`,
);

export const gatheringCancelled = sql<never, [consortiumId: string, id: string, cancelledAt: Date]>(`UPDATE gatherings SET cancelled_at = $3 WHERE consortium_id = $1 AND id = $2`);

export const gatheringsOf = sql<Gathering, [consortiumId: string]>(`SELECT ${gatheringColumns} FROM gatherings WHERE consortium_id = $1 ORDER BY starts_at`);

export const gatheringById = sql<Gathering, [consortiumId: string, id: string]>(`SELECT ${gatheringColumns} FROM gatherings WHERE consortium_id = $1 AND id = $2`);

/** The gathering, its row locked until the transaction ends. */
export const gatheringForUpdate = sql<Gathering, [consortiumId: string, id: string]>(`SELECT ${gatheringColumns} FROM gatherings WHERE consortium_id = $1 AND id = $2 FOR UPDATE`);

export const anyAttendance = sql<{ attended: 1 }, [gatheringId: string]>(`SELECT 1 AS attended FROM attendance WHERE gathering_id = $1 LIMIT 1`);

export const activeMemberOrganization = sql<{ organization_id: string }, [consortiumId: string, memberId: string]>(
  `SELECT organization_id FROM members WHERE consortium_id = $1 AND id = $2 AND left_at IS NULL`,
);

export const registrationOf = sql<Registration, [gatheringId: string, memberId: string]>(`SELECT ${registrationColumns} FROM registrations WHERE gathering_id = $1 AND member_id = $2`);

/** A first answer, or a changed one (the first registration time stays). */
export const saveRegistration = sql<never, [consortiumId: string, gatheringId: string, memberId: string, response: RegistrationResponse, registeredAt: Date, updatedAt: Date]>(
  `INSERT INTO registrations (consortium_id, gathering_id, member_id, response, registered_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6)
   ON CONFLICT (gathering_id, member_id) DO UPDATE SET response = excluded.response, updated_at = excluded.updated_at`,
);

export const registrationsOf = sql<Registration, [gatheringId: string]>(`SELECT ${registrationColumns} FROM registrations WHERE gathering_id = $1 ORDER BY registered_at`);

/** The gathering as an attendance change sees it, and each member found with whether the change applied to them. */
export interface AttendanceChange {
  /** Null when the consortium has no such gathering. */
  kind: GatheringKind | null;
  startsAt: Date | null;
  cancelledAt: Date | null;
  /** Null when none of the members was found. */
  id: string | null;
  organization_id: string | null;
  changed: boolean;
}

/*
 * The attendance statements lock the gathering (held until the transaction ends, so that the
 * representation snapshot read after them sees every attendee), check the members and change the
 * attendance in one round trip. They change nothing unless the gathering is open and every member
 * is known; they always answer at least one row, the gathering's columns null when it is unknown.
 */
const lockedGathering = `gathering AS (SELECT kind, starts_at, cancelled_at FROM gatherings WHERE consortium_id = $1 AND id = $2 FOR UPDATE)`;
const attendanceAnswer = `SELECT gathering.kind, gathering.starts_at AS "startsAt", gathering.cancelled_at AS "cancelledAt", member.id, member.organization_id, changed.member_id IS NOT NULL AS changed
   FROM (VALUES (1)) AS answer (one) LEFT JOIN gathering ON true LEFT JOIN (member LEFT JOIN changed ON changed.member_id = member.id) ON true`;

/** Records current members of the consortium as present, once the gathering has opened for attendance (`opensBy`: it starts by then). */
export const recordAttendance = sql<AttendanceChange, [consortiumId: string, gatheringId: string, memberIds: string[], opensBy: Date]>(
  `WITH ${lockedGathering},
        member AS (SELECT id, organization_id FROM members WHERE consortium_id = $1 AND id = ANY($3::uuid[]) AND left_at IS NULL),
        changed AS (INSERT INTO attendance (consortium_id, gathering_id, member_id)
                    SELECT $1, $2, id FROM member
                    WHERE (SELECT count(*) FROM member) = cardinality($3::uuid[]) AND (SELECT cancelled_at IS NULL AND starts_at <= $4 FROM gathering)
                    ON CONFLICT DO NOTHING RETURNING member_id)
   ${attendanceAnswer}`,
);

/**
 * Withdraws attendance: the members are checked (current or former members of the consortium: a
 * person who left can still be taken off a gathering) and, only when all are, their attendance is deleted.
 */
export const withdrawAttendance = sql<AttendanceChange, [consortiumId: string, gatheringId: string, memberIds: string[]]>(
  `WITH ${lockedGathering},
        member AS (SELECT id, organization_id FROM members WHERE consortium_id = $1 AND id = ANY($3::uuid[])),
        changed AS (DELETE FROM attendance WHERE consortium_id = $1 AND gathering_id = $2 AND member_id = ANY($3::uuid[])
                      AND (SELECT count(*) FROM member) = cardinality($3::uuid[]) AND (SELECT cancelled_at IS NULL FROM gathering)
                    RETURNING member_id)
   ${attendanceAnswer}`,
);

/** Who is recorded as present, first recorded first. */
export const attendeesOf = sql<{ memberId: string; recordedAt: Date }, [consortiumId: string, gatheringId: string]>(
  `SELECT member_id AS "memberId", recorded_at AS "recordedAt" FROM attendance WHERE consortium_id = $1 AND gathering_id = $2 ORDER BY recorded_at, member_id`,
);

export const attendeeCount = sql<{ count: number }, [gatheringId: string]>(`SELECT count(*)::int AS count FROM attendance WHERE gathering_id = $1`);

/** The active members a join log's rows are matched against. */
export const activeMembersToMatch = sql<{ id: string; email: string | null; display_name: string }, [consortiumId: string]>(
  `SELECT id, lower(email) AS email, display_name FROM members WHERE consortium_id = $1 AND left_at IS NULL`,
);

export const goingCount = sql<{ count: number }, [gatheringId: string]>(`SELECT count(*)::int AS count FROM registrations WHERE gathering_id = $1 AND response = 'going'`);

export const gatheringFigures = sql<{ gathering_id: string; attendees: number; going: number; maybe: number; not_going: number; going_attended: number }, [gatheringIds: string[]]>(
  `SELECT g.id AS gathering_id,
          (SELECT count(*) FROM attendance a WHERE a.gathering_id = g.id)::int AS attendees,
          (SELECT count(*) FROM registrations r WHERE r.gathering_id = g.id AND r.response = 'going')::int AS going,
          (SELECT count(*) FROM registrations r WHERE r.gathering_id = g.id AND r.response = 'maybe')::int AS maybe,
          (SELECT count(*) FROM registrations r WHERE r.gathering_id = g.id AND r.response = 'not-going')::int AS not_going,
          (SELECT count(*) FROM registrations r JOIN attendance a USING (gathering_id, member_id)
            WHERE r.gathering_id = g.id AND r.response = 'going')::int AS going_attended
   FROM gatherings g WHERE g.id = ANY($1::uuid[])`,
);
