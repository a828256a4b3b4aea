import { BatchWrite } from '@ccndr/messaging';

/** A consortium, with its name when the event carries it (both languages). */
export const consortia: BatchWrite<{ consortiumId: string; defaultLanguage: string; createdAt: string; nameFr: string | null; nameEn: string | null }> = {
  statement: `INSERT INTO consortia (consortium_id, default_language, created_at, name_fr, name_en) SELECT * FROM unnest($1::uuid[], $2::text[], $3::timestamptz[], $4::text[], $5::text[])
    ON CONFLICT (consortium_id) DO UPDATE SET name_fr = coalesce(consortia.name_fr, excluded.name_fr), name_en = coalesce(consortia.name_en, excluded.name_en)`,
  columns: ['consortiumId', 'defaultLanguage', 'createdAt', 'nameFr', 'nameEn'],
  merge: { key: (r) => r.consortiumId, keep: (earlier, later) => (earlier.nameFr !== null ? earlier : later) },
};
