import { BatchWrite, earliestBy } from '@ccndr/messaging';

/** A partnership's statuses in the order it goes through them. */
const statusOrder = ['proposed', 'in-negotiation', 'confirmed', 'ended'];
const statusRank = (status: string) => statusOrder.indexOf(status);
const statusArray = `ARRAY[${statusOrder.map((status) => `'${status}'`).join(', ')}]`;

/** A partnership's furthest status. */
export const partnerships: BatchWrite<{ consortiumId: string; partnershipId: string; status: string }> = {
  statement: `INSERT INTO partnerships (consortium_id, partnership_id, status) SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[])
    ON CONFLICT (consortium_id, partnership_id) DO UPDATE SET status = excluded.status
      WHERE array_position(${statusArray}, excluded.status) > array_position(${statusArray}, partnerships.status)`,
  columns: ['consortiumId', 'partnershipId', 'status'],
  merge: { key: (r) => `${r.consortiumId}:${r.partnershipId}`, keep: (earlier, later) => (statusRank(later.status) > statusRank(earlier.status) ? later : earlier) },
};

export const collaborationRecords: BatchWrite<{ consortiumId: string; recordId: string; partnershipId: string; kind: string; occurredOn: string }> = {
  statement: `INSERT INTO collaboration_records (consortium_id, record_id, partnership_id, kind, occurred_on)
    SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::date[]) ON CONFLICT DO NOTHING`,
  columns: ['consortiumId', 'recordId', 'partnershipId', 'kind', 'occurredOn'],
};

/** The organisations of each partnership (every partnership event names them): the report names partners. */
export const partnershipOrganizations: BatchWrite<{ consortiumId: string; partnershipId: string; organizationId: string }> = {
  statement: `INSERT INTO partnership_organizations (consortium_id, partnership_id, organization_id) SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[]) ON CONFLICT DO NOTHING`,
  columns: ['consortiumId', 'partnershipId', 'organizationId'],
};

/** When a partnership reached a status (the earliest time seen): its status at any date. */
export const partnershipSteps: BatchWrite<{ consortiumId: string; partnershipId: string; status: string; at: string }> = {
  statement: `INSERT INTO partnership_steps (consortium_id, partnership_id, status, at) SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::timestamptz[])
    ON CONFLICT (consortium_id, partnership_id, status) DO UPDATE SET at = least(partnership_steps.at, excluded.at)`,
  columns: ['consortiumId', 'partnershipId', 'status', 'at'],
  merge: { key: (r) => `${r.consortiumId}:${r.partnershipId}:${r.status}`, keep: earliestBy('at') },
};
