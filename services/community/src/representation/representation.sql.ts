import { sql } from '@ccndr/persistence';

/** Records or replaces a member's self-identification; `created` when consent is new. */
export const saveSelfIdentification = sql<{ consented_at: Date; created: boolean }, [consortiumId: string, memberId: string, now: Date, ageBand: string | null, identityGroups: string[]]>(
  `INSERT INTO self_identifications (consortium_id, member_id, consented_at, age_band, identity_groups, updated_at)
   VALUES ($1, $2, $3, $4, $5, $3)
   ON CONFLICT (consortium_id, member_id) DO UPDATE SET age_band = excluded.age_band, identity_groups = excluded.identity_groups, updated_at = excluded.updated_at
   RETURNING consented_at, (xmax = 0) AS created`,
);

export const consentGiven = sql<never, [consortiumId: string, memberId: string, at: Date]>(`INSERT INTO consent_log (consortium_id, member_id, action, at) VALUES ($1, $2, 'given', $3)`);

export const consentWithdrawn = sql<never, [consortiumId: string, memberId: string]>(`INSERT INTO consent_log (consortium_id, member_id, action) VALUES ($1, $2, 'withdrawn')`);

export const selfIdentificationOf = sql<{ consented_at: Date; age_band: string | null; identity_groups: string[] }, [consortiumId: string, memberId: string]>(
  `SELECT consented_at, age_band, identity_groups FROM self_identifications WHERE consortium_id = $1 AND member_id = $2`,
);

export const deleteSelfIdentification = sql<{ member_id: string }, [consortiumId: string, memberId: string]>(
  `DELETE FROM self_identifications WHERE consortium_id = $1 AND member_id = $2 RETURNING member_id`,
);

/** A gathering's attendees and the self-identification of those who gave it. */
export const gatheringSelfIdentifications = sql<{ attendees: number; self_identified: number; answers: { ageBand: string | null; identityGroups: string[] }[] }, [gatheringId: string]>(
  `SELECT count(*)::int AS attendees, count(s.member_id)::int AS self_identified,
          coalesce(json_agg(json_build_object('ageBand', s.age_band, 'identityGroups', s.identity_groups)) FILTER (WHERE s.member_id IS NOT NULL), '[]') AS answers
   FROM attendance a LEFT JOIN self_identifications s ON s.consortium_id = a.consortium_id AND s.member_id = a.member_id
   WHERE a.gathering_id = $1`,
);
