import { BatchWrite } from '@ccndr/messaging';

export const circles: BatchWrite<{ consortiumId: string; circleId: string; prototype: number | null }> = {
  statement: `INSERT INTO circles (consortium_id, circle_id, prototype) SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::smallint[]) ON CONFLICT DO NOTHING`,
  columns: ['consortiumId', 'circleId', 'prototype'],
};

/** Joins and leaves as they happened: membership at any time is the latest of them. */
export const membershipChanges: BatchWrite<{ consortiumId: string; circleId: string; memberId: string; organizationId: string; at: string; joined: boolean }> = {
  statement: `INSERT INTO circle_membership_changes (consortium_id, circle_id, member_id, organization_id, at, joined)
    SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::uuid[], $5::timestamptz[], $6::boolean[]) ON CONFLICT DO NOTHING`,
  columns: ['consortiumId', 'circleId', 'memberId', 'organizationId', 'at', 'joined'],
};
