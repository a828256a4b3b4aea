import { BatchWrite } from '@ccndr/messaging';

export const interactions: BatchWrite<{ consortiumId: string; interactionId: string; kind: string; organizationId: string; crossOrganization: boolean; at: string }> = {
  statement: `INSERT INTO knowledge_interactions (consortium_id, interaction_id, kind, organization_id, cross_organization, at)
    SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::uuid[], $5::boolean[], $6::timestamptz[]) ON CONFLICT DO NOTHING`,
  columns: ['consortiumId', 'interactionId', 'kind', 'organizationId', 'crossOrganization', 'at'],
};
