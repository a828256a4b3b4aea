import { sql } from '@ccndr/persistence';
import type { Provider } from './providers.service';

/** The provider's profile, if any, its row locked until the transaction ends. */
export const providerForUpdate = sql<{ registered_at: Date }, [consortiumId: string, organizationId: string]>(
  `SELECT registered_at FROM providers WHERE consortium_id = $1 AND organization_id = $2 FOR UPDATE`,
);

export const saveProvider = sql<
  never,
  [consortiumId: string, organizationId: string, languages: string[], provincesServed: string[], remote: boolean, costModelJson: string, capacity: number, responseTimeDays: number, now: Date]
>(
  `INSERT INTO providers (consortium_id, organization_id, languages, provinces_served, remote, cost_model, capacity, response_time_days, registered_at, updated_at)
   VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9)
   ON CONFLICT (consortium_id, organization_id) DO UPDATE SET languages = excluded.languages, provinces_served = excluded.provinces_served,
     remote = excluded.remote, cost_model = excluded.cost_model, capacity = excluded.capacity, response_time_days = excluded.response_time_days, updated_at = excluded.updated_at`,
);

export const deleteOfferings = sql<never, [consortiumId: string, organizationId: string]>(`DELETE FROM offerings WHERE consortium_id = $1 AND organization_id = $2`);

export const insertOffering = sql<never, [id: string, consortiumId: string, organizationId: string, title: string, description: string | null, dimensions: string[], stages: number[]]>(
  `INSERT INTO offerings (id, consortium_id, organization_id, title, description, dimensions, stages) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
);

/** The catalogue, each filter optional (null): a provider, a dimension, a language, a province (remote providers serve everywhere). */
export const providerCatalogue = sql<Provider, [consortiumId: string, organizationId: string | null, dimension: string | null, language: string | null, province: string | null]>(
  `SELECT p.organization_id AS "organizationId",
          coalesce(json_agg(json_build_object('id', o.id, 'title', o.title, 'description', o.description, 'dimensions', o.dimensions, 'stages', o.stages) ORDER BY o.title)
                   FILTER (WHERE o.id IS NOT NULL), '[]') AS offerings,
          p.languages, p.provinces_served AS "provincesServed", p.remote, p.cost_model AS "costModel", p.capacity, p.response_time_days AS "responseTimeDays",
          p.registered_at AS "registeredAt", p.updated_at AS "updatedAt"
   FROM providers p LEFT JOIN offerings o ON o.consortium_id = p.consortium_id AND o.organization_id = p.organization_id
   WHERE p.consortium_id = $1
     AND ($2::uuid IS NULL OR p.organization_id = $2)
     AND ($3::text IS NULL OR EXISTS (SELECT 1 FROM offerings x WHERE x.consortium_id = p.consortium_id AND x.organization_id = p.organization_id AND $3 = ANY (x.dimensions)))
     AND ($4::text IS NULL OR $4 = ANY (p.languages))
     AND ($5::text IS NULL OR p.remote OR $5 = ANY (p.provinces_served))
   GROUP BY p.consortium_id, p.organization_id
   ORDER BY p.registered_at`,
);
