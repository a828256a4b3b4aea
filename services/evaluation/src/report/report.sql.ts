import { sql } from '@ccndr/persistence';

/**
 * What the report says of the consortium beyond its indicators: its name (null when its creation
 * carried none), its language, and the date of its first event (its creation, or an earlier dated
 * fact: a meeting that took place or a collaboration recorded before the consortium was opened here).
 */
export const reportConsortium = sql<{ name_fr: string | null; name_en: string | null; default_language: 'fr' | 'en'; first_event_at: Date }, [consortiumId: string]>(
  `SELECT c.name_fr, c.name_en, c.default_language,
     least(c.created_at,
       (SELECT min(g.starts_at) FROM gatherings g WHERE g.consortium_id = c.consortium_id AND NOT g.cancelled AND g.starts_at <= now()),
       (SELECT min(a.first_active_at) FROM organization_activity a WHERE a.consortium_id = c.consortium_id),
       (SELECT min(r.occurred_on)::timestamptz FROM collaboration_records r WHERE r.consortium_id = c.consortium_id)) AS first_event_at
   FROM consortia c WHERE c.consortium_id = $1`,
);

/** Each partnership with its furthest status and its organisations' names (null: a name the events did not carry). */
export const reportPartnerships = sql<{ partnership_id: string; status: string; organizations: (string | null)[] }, [consortiumId: string]>(
  `SELECT p.partnership_id, p.status, array_agg(o.name ORDER BY o.name NULLS LAST) AS organizations
   FROM partnerships p
   JOIN partnership_organizations po ON po.consortium_id = p.consortium_id AND po.partnership_id = p.partnership_id
   LEFT JOIN organizations o ON o.consortium_id = po.consortium_id AND o.organization_id = po.organization_id
   WHERE p.consortium_id = $1
   GROUP BY p.partnership_id, p.status
   ORDER BY array_position(ARRAY['confirmed', 'in-negotiation', 'proposed', 'ended'], p.status), min(o.name)`,
);
