import { BatchWrite, latestBy } from '@ccndr/messaging';
import { sql } from '@ccndr/persistence';

/** A consortium learnt of (a row returned only the first time). */
export const insertConsortium = sql<{ consortium_id: string }, [consortiumId: string, createdAt: string]>(
  `INSERT INTO consortia (consortium_id, created_at) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING consortium_id`,
);

/*
 * Organisations and members: batch writes with time guards, so that the order in which events
 * arrive does not matter (community-directory.consumers.ts says how).
 */

/** A join (`left` false) or a leave of an organisation or a member (`id`), at its time. */
export type Membership = { consortiumId: string; id: string; at: string; left: boolean };

const byRow = (r: { consortiumId: string; id: string }) => `${r.consortiumId}:${r.id}`;

/** Of two joins or leaves of a row, the later; on a tie, the leave. */
function latestMembership<Row extends Membership>(earlier: Row, later: Row): Row {
  const a = Date.parse(earlier.at);
  const b = Date.parse(later.at);
  return b > a || (b === a && later.left) ? later : earlier;
}

export const organizationProfiles: BatchWrite<{ consortiumId: string; id: string; category: string; provinceOrTerritory: string | null; preferredLanguage: string; at: string }> = {
  statement: `INSERT INTO organizations (consortium_id, organization_id, category, province_or_territory, preferred_language, updated_at)
    SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::timestamptz[])
    ON CONFLICT (consortium_id, organization_id) DO UPDATE
      SET category = excluded.category, province_or_territory = excluded.province_or_territory, preferred_language = excluded.preferred_language, updated_at = excluded.updated_at
      WHERE organizations.updated_at IS NULL OR organizations.updated_at < excluded.updated_at`,
  columns: ['consortiumId', 'id', 'category', 'provinceOrTerritory', 'preferredLanguage', 'at'],
  merge: { key: byRow, keep: latestBy('at', 'earlier') },
};

export const organizationMemberships: BatchWrite<Membership> = {
  statement: `INSERT INTO organizations (consortium_id, organization_id, left_at, membership_changed_at)
    SELECT c, o, CASE WHEN l THEN a END, a FROM unnest($1::uuid[], $2::uuid[], $3::timestamptz[], $4::boolean[]) AS r(c, o, a, l)
    ON CONFLICT (consortium_id, organization_id) DO UPDATE SET left_at = excluded.left_at, membership_changed_at = excluded.membership_changed_at
      WHERE organizations.membership_changed_at IS NULL OR organizations.membership_changed_at < excluded.membership_changed_at
        OR (organizations.membership_changed_at = excluded.membership_changed_at AND excluded.left_at IS NOT NULL)`,
  columns: ['consortiumId', 'id', 'at', 'left'],
  merge: { key: byRow, keep: latestMembership },
};

export const memberProfiles: BatchWrite<{ consortiumId: string; id: string; organizationId: string; signInKey: string | null; at: string }> = {
  statement: `INSERT INTO members (consortium_id, member_id, organization_id, sign_in_key, updated_at)
    SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::timestamptz[])
    ON CONFLICT (consortium_id, member_id) DO UPDATE SET organization_id = excluded.organization_id, sign_in_key = excluded.sign_in_key, updated_at = excluded.updated_at
      WHERE members.updated_at IS NULL OR members.updated_at < excluded.updated_at`,
  columns: ['consortiumId', 'id', 'organizationId', 'signInKey', 'at'],
  merge: { key: byRow, keep: latestBy('at', 'earlier') },
};

/** A member's row first made by a leave takes the organisation the leave names, until its profile arrives. */
export const memberMemberships: BatchWrite<Membership & { organizationId: string }> = {
  statement: `INSERT INTO members (consortium_id, member_id, organization_id, left_at, membership_changed_at)
    SELECT c, m, o, CASE WHEN l THEN a END, a FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::timestamptz[], $5::boolean[]) AS r(c, m, o, a, l)
    ON CONFLICT (consortium_id, member_id) DO UPDATE SET left_at = excluded.left_at, membership_changed_at = excluded.membership_changed_at
      WHERE members.membership_changed_at IS NULL OR members.membership_changed_at < excluded.membership_changed_at
        OR (members.membership_changed_at = excluded.membership_changed_at AND excluded.left_at IS NOT NULL)`,
  columns: ['consortiumId', 'id', 'organizationId', 'at', 'left'],
  merge: { key: byRow, keep: latestMembership },
};

