import { sql } from '@ccndr/persistence';
import type { OfficialLanguage, OrganizationCategory, ProvinceOrTerritory } from '@ccndr/contracts';

export interface Organization {
  id: string;
  consortiumId: string;
  name: string;
  category: OrganizationCategory;
  provinceOrTerritory: ProvinceOrTerritory | null;
  country: string;
  preferredLanguage: OfficialLanguage;
  /** The organisation consents to be named in the programme's reports (its name then travels in its events). */
  nameInReports: boolean;
  joinedAt: Date;
  leftAt: Date | null;
}

const organizationColumns = `id, consortium_id AS "consortiumId", name, category, province_or_territory AS "provinceOrTerritory", country,
  preferred_language AS "preferredLanguage", name_in_reports AS "nameInReports", joined_at AS "joinedAt", left_at AS "leftAt"`;

export const insertOrganization = sql<
  never,
  [id: string, consortiumId: string, name: string, category: OrganizationCategory, provinceOrTerritory: ProvinceOrTerritory | null, country: string, preferredLanguage: OfficialLanguage, nameInReports: boolean, joinedAt: Date]
>(
  `INSERT INTO organizations (id, consortium_id, name, category, province_or_territory, country, preferred_language, name_in_reports, joined_at)
   VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
);

export const updateOrganization = sql<
  never,
  [consortiumId: string, id: string, name: string, category: OrganizationCategory, provinceOrTerritory: ProvinceOrTerritory | null, country: string, preferredLanguage: OfficialLanguage, nameInReports: boolean]
>(
  `UPDATE organizations SET name = $3, category = $4, province_or_territory = $5, country = $6, preferred_language = $7, name_in_reports = $8
   WHERE consortium_id = $1 AND id = $2`,
);

export const organizationLeft = sql<never, [consortiumId: string, id: string, leftAt: Date]>(`UPDATE organizations SET left_at = $3 WHERE consortium_id = $1 AND id = $2`);

/** The organisation's members leave with it. */
export const organizationMembersLeft = sql<{ id: string }, [consortiumId: string, organizationId: string, leftAt: Date]>(
  `UPDATE members SET left_at = $3 WHERE consortium_id = $1 AND organization_id = $2 AND left_at IS NULL RETURNING id`,
);

export const organizationsOf = sql<Organization, [consortiumId: string, includeLeft: boolean]>(
  `SELECT ${organizationColumns} FROM organizations WHERE consortium_id = $1 AND ($2::boolean OR left_at IS NULL) ORDER BY name`,
);

/** The organisation (only while it takes part, when `activeOnly`). */
export const organizationById = sql<Organization, [consortiumId: string, id: string, activeOnly: boolean]>(
  `SELECT ${organizationColumns} FROM organizations WHERE consortium_id = $1 AND id = $2 AND (NOT $3::boolean OR left_at IS NULL)`,
);

/** The organisation, its row locked until the transaction ends. */
export const organizationForUpdate = sql<Organization, [consortiumId: string, id: string]>(`SELECT ${organizationColumns} FROM organizations WHERE consortium_id = $1 AND id = $2 FOR UPDATE`);

export const activeOrganizationNamed = sql<{ taken: 1 }, [consortiumId: string, name: string]>(
  `SELECT 1 AS taken FROM organizations WHERE consortium_id = $1 AND lower(name) = lower($2) AND left_at IS NULL`,
);
