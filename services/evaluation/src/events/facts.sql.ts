import { BatchWrite, earliestBy, latestBy } from '@ccndr/messaging';

type OrganizationRow = { consortiumId: string; organizationId: string; category: string; provinceOrTerritory: string | null; country: string; name: string | null; at: string };

/** An organisation: its category decides the indicator it counts in; the latest change wins. */
export const organizations: BatchWrite<OrganizationRow> = {
  statement: `INSERT INTO organizations (consortium_id, organization_id, category, province_or_territory, country, name, updated_at)
    SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[], $7::timestamptz[])
    ON CONFLICT (consortium_id, organization_id) DO UPDATE
      SET category = excluded.category, province_or_territory = excluded.province_or_territory, country = excluded.country,
        name = excluded.name, updated_at = excluded.updated_at
      WHERE organizations.updated_at IS NULL OR organizations.updated_at <= excluded.updated_at`,
  columns: ['consortiumId', 'organizationId', 'category', 'provinceOrTerritory', 'country', 'name', 'at'],
  merge: { key: (r) => `${r.consortiumId}:${r.organizationId}`, keep: latestBy('at', 'later') },
};

/** Organisations that took part in an activity: the first time counts. */
export const organizationActivity: BatchWrite<{ consortiumId: string; organizationId: string; at: string }> = {
  statement: `INSERT INTO organization_activity (consortium_id, organization_id, first_active_at)
    SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::timestamptz[])
    ON CONFLICT (consortium_id, organization_id) DO UPDATE SET first_active_at = least(organization_activity.first_active_at, excluded.first_active_at)`,
  columns: ['consortiumId', 'organizationId', 'at'],
  merge: { key: (r) => `${r.consortiumId}:${r.organizationId}`, keep: earliestBy('at') },
};

/** Each instant an organisation took part in something: who was active in a period. */
export const organizationActivities: BatchWrite<{ consortiumId: string; organizationId: string; at: string }> = {
  statement: `INSERT INTO organization_activities (consortium_id, organization_id, at)
    SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::timestamptz[]) ON CONFLICT DO NOTHING`,
  columns: ['consortiumId', 'organizationId', 'at'],
  merge: { key: (r) => `${r.consortiumId}:${r.organizationId}:${Date.parse(r.at)}`, keep: (earlier) => earlier },
};
