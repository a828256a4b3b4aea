import { BatchWrite, latestBy } from '@ccndr/messaging';

/** The latest role wins, whatever the arrival order. */
export const members: BatchWrite<{ consortiumId: string; memberId: string; role: string; at: string }> = {
  statement: `INSERT INTO members (consortium_id, member_id, role, updated_at) SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::timestamptz[])
    ON CONFLICT (consortium_id, member_id) DO UPDATE SET role = excluded.role, updated_at = excluded.updated_at WHERE members.updated_at <= excluded.updated_at`,
  columns: ['consortiumId', 'memberId', 'role', 'at'],
  merge: { key: (r) => `${r.consortiumId}:${r.memberId}`, keep: latestBy('at', 'later') },
};
